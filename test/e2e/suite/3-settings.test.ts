/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ADDITIONAL_RULE, HTTP_RULE, hasCode, lacksCode, open, waitForDiagnostics } from './helpers';

suite('settings', () => {
  teardown(async () => {
    await vscode.workspace.getConfiguration('openapiSecurity').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('turning a rule off removes its finding, turning it back on restores it', async () => {
    const document = await open('settings.yaml');
    await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), 'findings');
    const config = vscode.workspace.getConfiguration('openapiSecurity');
    await config.update('rules', { [HTTP_RULE]: 'off' }, vscode.ConfigurationTarget.Workspace);
    const off = await waitForDiagnostics(document.uri, lacksCode(HTTP_RULE), `${HTTP_RULE} to go with the rule off`);
    assert.ok(hasCode(ADDITIONAL_RULE)(off), 'other rules are unaffected');
    await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), `${HTTP_RULE} to come back`);
  });
});
