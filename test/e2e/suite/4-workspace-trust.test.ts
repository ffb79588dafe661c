/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, HTTP_RULE, hasCode, open, report, waitForDiagnostics, workspaceFile } from './helpers';

/**
 * The fixture workspace carries code that other linters would run: a Spectral ruleset with a
 * custom JavaScript function, .spectral.js, openapi-security.config.js. Each writes the marker
 * WORKSPACE-CODE-RAN when executed. The server reads nothing but the open documents, so the marker
 * must never appear, trusted or not.
 */
suite('workspace trust', () => {
  test('the extension declares its untrusted-workspace behaviour as VS Code enforces it', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const capabilities = (extension.packageJSON as { capabilities?: { untrustedWorkspaces?: { supported?: boolean | string; restrictedConfigurations?: string[] } } }).capabilities;
    const untrusted = capabilities?.untrustedWorkspaces;
    // "limited": the extension runs in Restricted Mode (it executes no workspace code, below), and VS Code
    // ignores the workspace's values of the restricted settings there.
    assert.equal(untrusted?.supported, 'limited');
    const declared = Object.keys((extension.packageJSON as { contributes: { configuration: { properties: object } } }).contributes.configuration.properties);
    for (const key of untrusted?.restrictedConfigurations ?? []) assert.ok(declared.includes(key), `${key} is a contributed setting`);
    report(`E2E-INFO capabilities.untrustedWorkspaces: limited, restricted settings ${JSON.stringify(untrusted?.restrictedConfigurations)}`);
  });

  test('linting a workspace with executable configuration runs none of it', async () => {
    const document = await open('orders.yaml');
    await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), 'findings');
    // The ruleset itself is YAML: opening it must not make the server load what it points to.
    const ruleset = await open('.spectral.yaml');
    const sentinel = await open('orders.yaml');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(sentinel.uri, new vscode.Position(0, 0), '# touched\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(sentinel.uri, (d) => d.some((x) => x.range.start.line === 6 && hasCode(HTTP_RULE)([x])), 'the sentinel edit to be linted');
    assert.deepEqual(vscode.languages.getDiagnostics(ruleset.uri), [], 'a Spectral ruleset is not an OpenAPI document');
    const marker = workspaceFile('WORKSPACE-CODE-RAN');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(marker)), 'no workspace code ran');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
