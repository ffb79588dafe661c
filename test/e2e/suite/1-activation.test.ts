/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, HTTP_RULE, hasCode, open, waitForDiagnostics } from './helpers';

// Runs first (files load in name order): the extension is still inactive, so this measures a cold start.
suite('activation', () => {
  test('activates on a YAML document and publishes its first findings', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    assert.equal(extension.isActive, false, 'not active before a YAML or JSON document opens');
    const started = performance.now();
    const document = await open('orders.yaml');
    // activate() resolves when the extension's activate() has resolved, i.e. the language client has started.
    await extension.activate();
    const activated = performance.now();
    await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), 'the first findings');
    const firstFindings = performance.now();
    const report = `activation ${Math.round(activated - started)} ms, first findings ${Math.round(firstFindings - started)} ms after opening`;
    // Machine-readable for scripts/e2e.mjs, and for a person reading CI logs.
    console.log(`E2E-TIMING ${report}`);
    assert.ok(extension.isActive);
  });
});
