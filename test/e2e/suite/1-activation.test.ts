/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, HTTP_RULE, hasCode, open, report, waitForDiagnostics } from './helpers';

// Runs first (files load in name order), so the extension is usually still inactive and this
// measures a cold start. Usually: the workbench itself sometimes creates a JSON model (settings,
// chat input) before the suite starts, which fires onLanguage:jsonc and activates the extension
// early. Both are correct behaviour, so the test reports which one it saw instead of failing.
suite('activation', () => {
  test('activates on a YAML document and publishes its first findings', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    const cold = !extension.isActive;
    const started = performance.now();
    const document = await open('orders.yaml');
    // activate() resolves when the extension's activate() has resolved, i.e. the language client has started.
    await extension.activate();
    const activated = performance.now();
    await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), 'the first findings');
    const firstFindings = performance.now();
    const activation = cold ? `activation ${Math.round(activated - started)} ms` : 'activation before the suite (the workbench opened a JSON model)';
    report(`E2E-TIMING ${activation}, first findings ${Math.round(firstFindings - started)} ms after opening`);
    assert.ok(extension.isActive);
  });
});
