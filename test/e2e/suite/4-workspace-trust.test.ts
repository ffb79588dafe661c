/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, HTTP_RULE, WAIT_MS, hasCode, open, report, waitForDiagnostics, workspaceFile } from './helpers';

/**
 * The fixture workspace carries code: a Spectral ruleset (.spectral.yaml) with a custom JavaScript
 * function (writes SPECTRAL-FUNCTION-RAN), and .spectral.js and openapi-security.config.js (write
 * WORKSPACE-CODE-RAN). code-server runs with workspace trust disabled, i.e. trusted: the user's ruleset
 * and its function run, as they would in Spectral; nothing else from the workspace ever does. The
 * untrusted side (the function must not run) is checked over the protocol and in Neovim.
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
    assert.deepEqual(vscode.languages.getDiagnostics(ruleset.uri).filter((d) => d.source === 'openapi-security' && d.code !== 'spectral-ruleset'), [], 'a Spectral ruleset is not an OpenAPI document');
    // Trusted: the ruleset's custom function runs (after our own findings are out); bounded wait for its marker.
    const ran = workspaceFile('SPECTRAL-FUNCTION-RAN');
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      try {
        await vscode.workspace.fs.stat(ran);
        break;
      } catch {
        if (Date.now() > deadline) assert.fail('the trusted workspace\'s Spectral ruleset did not run its custom function');
        // A file appearing has no event the extension host can wait on here: 100 ms steps, bounded above.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const marker = workspaceFile('WORKSPACE-CODE-RAN');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(marker)), 'no other workspace code ran (openapi-security.config.js, the shadowed .spectral.js)');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
