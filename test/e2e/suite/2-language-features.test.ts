/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ADDITIONAL_RULE, HTTP_RULE, codeOf, find, hasCode, lacksCode, open, waitForDiagnostics } from './helpers';

suite('language features', () => {
  test('diagnostics carry the rule codes and ranges', async () => {
    const document = await open('orders.yaml');
    const diagnostics = await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), 'findings');
    const codes = new Set(diagnostics.map(codeOf));
    for (const code of ['owasp:api1:2023-no-numeric-ids', ADDITIONAL_RULE, 'owasp:api8:2023-define-error-responses-401', HTTP_RULE]) {
      assert.ok(codes.has(code), `${code} in ${JSON.stringify([...codes])}`);
    }
    const http = find(diagnostics, HTTP_RULE);
    assert.deepEqual([http.range.start.line, http.range.start.character, http.range.end.line, http.range.end.character], [5, 9, 5, 34]);
    assert.equal(http.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(http.range), 'http://api.example.com/v1');
    const additional = find(diagnostics, ADDITIONAL_RULE);
    assert.deepEqual([additional.range.start.line, additional.range.start.character], [36, 6]);
  });

  test('the hover on a finding gives the OWASP reference', async () => {
    const document = await open('orders.yaml');
    await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), 'findings');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(5, 15));
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /OWASP API Security Top 10 2023/);
    assert.match(text, /API8:2023 Security Misconfiguration/);
  });

  test('the quick fix is offered, and applying it removes the finding', async () => {
    const document = await open('fix.yaml');
    const before = await waitForDiagnostics(document.uri, hasCode(ADDITIONAL_RULE), 'findings');
    const target = find(before, ADDITIONAL_RULE);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, target.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Set additionalProperties: false');
    assert.ok(fix?.edit, `offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(document.getText().includes('      additionalProperties: false\n'));
    const after = await waitForDiagnostics(document.uri, lacksCode(ADDITIONAL_RULE), `${ADDITIONAL_RULE} to disappear`);
    assert.ok(after.some((d) => codeOf(d) === HTTP_RULE), 'the other findings stay');
  });

  test('a YAML file that is not OpenAPI gets no diagnostics', async () => {
    // Opened after an OpenAPI file was linted, so the server is surely up; then a sentinel edit on
    // the OpenAPI file proves the server has processed everything sent before it, including this open.
    const document = await open('not-openapi.yaml');
    assert.equal(document.languageId, 'yaml');
    const sentinel = await open('orders.yaml');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(sentinel.uri, new vscode.Range(5, 9, 5, 13), 'https');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(sentinel.uri, lacksCode(HTTP_RULE), 'the sentinel edit to be linted');
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri), []);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
