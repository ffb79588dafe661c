/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
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

  // The times are reported (E2E-TIMING) and belong to the benchmark; the bound only catches activation that blocks
  // the extension host (a synchronous server start, a workspace scan), with room for a loaded machine (50 ms
  // was exceeded here once, at 69 ms, while other work shared the two cores).
  test('activation does no heavy work: activate() returns without blocking, and the client bundle loads', () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension?.isActive);
    const activateMs = extension.exports.activationMs;
    // Loading the bundle is the other part of VS Code's activation time: measured on a fresh copy of the module.
    const bundle = path.join(extension.extensionPath, 'dist', 'client.js');
    delete require.cache[require.resolve(bundle)];
    const loadStart = performance.now();
    require(bundle);
    const loadMs = performance.now() - loadStart;
    report(`E2E-TIMING activate() ran in ${activateMs.toFixed(1)} ms; loading dist/client.js takes ${loadMs.toFixed(1)} ms`);
    assert.ok(activateMs <= 500, `activate() took ${activateMs.toFixed(1)} ms`);
  });
});
