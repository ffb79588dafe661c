/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import type { DocumentReportResult } from '../../../server/src/protocol';
import { ADDITIONAL_RULE, EXTENSION_ID, HTTP_RULE, WAIT_MS, hasCode, lacksCode, open, ours, report, waitForDiagnostics } from './helpers';

type Shown = ReturnType<ExtensionApi['statusBar']>;

function api(): ExtensionApi {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

/** Resolves once the status bar satisfies `accept`, checking now and on each of its updates; bounded. */
function statusBar(accept: (shown: Shown) => boolean, what: string): Promise<Shown> {
  const { statusBar: read, onDidUpdateStatusBar } = api();
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      subscription.dispose();
      fn();
    };
    const check = () => {
      const shown = read();
      if (accept(shown)) done(() => resolve(shown));
    };
    const subscription = onDidUpdateStatusBar(check);
    const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for the status bar to show ${what}; shows ${JSON.stringify(read())}`))), WAIT_MS);
    check();
  });
}

/** The tab with this label, now or once the workbench reports it (tabs reach the extension host asynchronously); bounded. */
function reportTab(label: string): Promise<vscode.Tab> {
  const find = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === label);
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      subscription.dispose();
      fn();
    };
    const check = () => {
      const tab = find();
      if (tab) done(() => resolve(tab));
    };
    const subscription = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => done(() => reject(new Error(`no tab "${label}" within ${WAIT_MS} ms`))), WAIT_MS);
    check();
  });
}

const bySeverity = (diagnostics: vscode.Diagnostic[], severity: vscode.DiagnosticSeverity) => diagnostics.filter((d) => d.severity === severity).length;

suite('commands and status bar', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('contributes its commands', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of ['openapiSecurity.fixAll', 'openapiSecurity.showReport', 'openapiSecurity.restartServer', 'openapiSecurity.showOutput']) assert.ok(all.has(id), id);
  });

  test('the status bar shows the score and the counts by severity of the active OpenAPI document only', async () => {
    const document = await open('orders.yaml');
    const diagnostics = await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), 'findings');
    const shown = await statusBar((s) => s?.score.uri === document.uri.toString() && s.score.version === document.version, 'orders.yaml');
    const { error, warning, info, hint } = shown!.score.counts;
    assert.deepEqual([error, warning, info + hint], [bySeverity(diagnostics, vscode.DiagnosticSeverity.Error), bySeverity(diagnostics, vscode.DiagnosticSeverity.Warning), bySeverity(diagnostics, vscode.DiagnosticSeverity.Information) + bySeverity(diagnostics, vscode.DiagnosticSeverity.Hint)]);
    assert.equal(shown!.text, `$(shield) ${shown!.score.score}  $(error) ${error}  $(warning) ${warning}  $(info) ${info + hint}`);
    assert.ok(shown!.score.score < 100);
    report(`E2E-INFO status bar for orders.yaml: ${shown!.text}`);
    await open('not-openapi.yaml');
    await statusBar((s) => s === undefined, 'nothing for a YAML file that is not OpenAPI');
    await open('orders.yaml');
    await statusBar((s) => s?.score.uri === document.uri.toString(), 'orders.yaml again');
  });

  test('Fix all applies every automatic fix in the file', async () => {
    const document = await open('fix.yaml');
    await waitForDiagnostics(document.uri, (d) => hasCode(HTTP_RULE)(d) && hasCode(ADDITIONAL_RULE)(d), 'fixable findings');
    const applied = await vscode.commands.executeCommand<boolean>('openapiSecurity.fixAll');
    assert.equal(applied, true);
    assert.ok(document.isDirty);
    assert.ok(document.getText().includes('https://api.example.com/v1'));
    const after = await waitForDiagnostics(document.uri, (d) => lacksCode(HTTP_RULE)(d) && !hasCode(ADDITIONAL_RULE)(d), 'the fixed findings to go');
    report(`E2E-INFO fix all in fix.yaml: ${ours(document.uri).length} findings left of the rules without automatic fixes (${after.length})`);
  });

  test('Show security report opens the CLI report for this file in a webview', async () => {
    const document = await open('orders.yaml');
    await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), 'findings');
    const shown = await statusBar((s) => s?.score.uri === document.uri.toString() && s.score.version === document.version, 'orders.yaml');
    const result = await vscode.commands.executeCommand<DocumentReportResult | null>('openapiSecurity.showReport');
    assert.ok(result, 'a report');
    assert.equal(result.score, shown!.score.score, 'the report and the status bar agree');
    assert.match(result.content, /^<!doctype html>/);
    assert.ok(result.content.includes(HTTP_RULE));
    const tab = await reportTab('Security report: orders.yaml');
    assert.ok(tab.input instanceof vscode.TabInputWebview, 'a webview');
    // Not OpenAPI: no report, and no crash.
    await open('not-openapi.yaml');
    assert.equal(await vscode.commands.executeCommand('openapiSecurity.showReport'), null);
  });

  test('Restart server brings the findings back from a new server; Show output runs', async () => {
    const document = await open('orders.yaml');
    await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), 'findings');
    await vscode.commands.executeCommand('openapiSecurity.restartServer');
    // The client clears its diagnostics when the old server stops; the new one publishes them again.
    await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), 'findings from the restarted server');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(5, 9, 5, 13), 'https');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(document.uri, lacksCode(HTTP_RULE), 'the restarted server to lint an edit');
    await vscode.commands.executeCommand('openapiSecurity.showOutput');
  });
});
