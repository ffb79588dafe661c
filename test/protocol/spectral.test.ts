import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { MessageType, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { DIAGNOSTIC_SOURCE, SPECTRAL_DIAGNOSTIC_SOURCE, WORKSPACE_TRUSTED_NOTIFICATION } from '../../server/src/protocol';
import { LspTestClient } from '../support/lspClient';
import { API, NO_SERVER_HTTP, RATE_LIMIT, TITLE_RANGE, writeSpectralFixtures, type SpectralFixtures } from '../support/spectralFixtures';

/** Spectral's first run starts its worker and loads spectral:oas: seconds on a busy 2-core machine. */
const SPECTRAL_WAIT_MS = 90_000;
const uriOf = (file: string) => pathToFileURL(file).href;
const fromSpectral = (d: Diagnostic) => d.source === SPECTRAL_DIAGNOSTIC_SOURCE;
const ours = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
const withSpectral = (p: PublishDiagnosticsParams) => p.diagnostics.some(fromSpectral);
const severityOf = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code).map((d) => d.severity);

describe("language server: the user's own Spectral ruleset", () => {
  let scratch: string;
  let fx: SpectralFixtures;
  let client: LspTestClient;
  const open = async (relative: string) => {
    const uri = uriOf(fx.file(relative));
    await client.open(uri, 'yaml', API);
    return uri;
  };

  before(async () => {
    scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'openapi-security-spectral-')));
    fx = writeSpectralFixtures(scratch);
    // Untrusted by default (no workspaceTrusted): declarative rulesets only.
    client = await LspTestClient.start({
      workspaceFolders: [uriOf(scratch)],
      settings: (scopeUri) => (scopeUri?.includes('/configured/') ? { spectral: { ruleset: 'configured/rules/team-ruleset.yaml' } } : {}),
    });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, `server exited uncleanly: ${client.stderr}`);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('finds a declarative ruleset two folders up, publishes our findings first, then ours and its findings together', async () => {
    const uri = await open('declarative/apis/v1/api.yaml');
    const first = await client.diagnosticsFor(uri, 1);
    assert.ok(ours(first.diagnostics).length > 10, 'our findings');
    assert.ok(!withSpectral(first), 'our findings never wait for Spectral');
    const union = await client.waitForDiagnostics(uri, (p) => p.version === 1 && withSpectral(p), SPECTRAL_WAIT_MS);
    const title = union.diagnostics.filter((d) => d.code === 'title-capitalised');
    assert.deepEqual(title, [{ range: TITLE_RANGE, severity: 2, code: 'title-capitalised', source: 'spectral', message: 'Title must start with a capital letter' }]);
    // extends: spectral:oas
    assert.ok(union.diagnostics.some((d) => fromSpectral(d) && d.code === 'info-contact'), 'spectral:oas ran');
    assert.deepEqual(ours(union.diagnostics), ours(first.diagnostics), 'ours unchanged beside theirs');
    const count = (severity: number) => union.diagnostics.filter((d) => d.severity === severity).length;
    const first_ = await client.scoreFor(uri, 1);
    const score = await client.scoreFor(uri, 1, (p) => p.counts.warning !== first_.counts.warning);
    assert.deepEqual(score.counts, { error: count(1), warning: count(2), info: count(3), hint: count(4) }, 'the status bar counts both');
    assert.equal(score.score, first_.score, 'the score is ours alone');
  });

  it('runs the ruleset the openapiSecurity.spectral.ruleset setting names', async () => {
    const uri = await open('configured/api.yaml');
    const union = await client.waitForDiagnostics(uri, (p) => p.version === 1 && withSpectral(p), SPECTRAL_WAIT_MS);
    assert.deepEqual(union.diagnostics.filter(fromSpectral).map((d) => d.code), ['team-title']);
  });

  it('extending the OWASP ruleset: our rule reports each of its codes once, and its severity changes and overrides apply to ours', async () => {
    const uri = await open('owasp/api.yaml');
    const legacy = await open('owasp/legacy/api.yaml');
    const first = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(severityOf(first.diagnostics, RATE_LIMIT), [1], 'our own severity before the ruleset is known');
    const changed = (p: PublishDiagnosticsParams) => p.version === 1 && withSpectral(p) && severityOf(p.diagnostics, RATE_LIMIT).every((s) => s === 3);
    const final = await client.waitForDiagnostics(uri, changed, SPECTRAL_WAIT_MS);
    assert.deepEqual(severityOf(final.diagnostics, RATE_LIMIT), [3], "the ruleset's 'info' applies to ours");
    assert.ok(final.diagnostics.filter(fromSpectral).every((d) => !String(d.code).startsWith('owasp:')), 'no OWASP code from Spectral: ours report them');
    const keys = final.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
    assert.equal(new Set(keys).size, keys.length, 'nothing doubled');
    assert.ok(final.diagnostics.some((d) => d.code === NO_SERVER_HTTP && d.source === DIAGNOSTIC_SOURCE), 'outside legacy/ the rule is on');
    const legacyFinal = await client.waitForDiagnostics(legacy, changed, SPECTRAL_WAIT_MS);
    assert.ok(!legacyFinal.diagnostics.some((d) => d.code === NO_SERVER_HTTP), "the ruleset's override for legacy/** turns ours off there");
    assert.ok(ours(legacyFinal.diagnostics).length > 10);
  });

  it('a broken ruleset gets one clear diagnostic on its file and one notice, and our rules keep working', async () => {
    const uri = await open('broken/api.yaml');
    assert.ok(ours((await client.diagnosticsFor(uri, 1)).diagnostics).length > 10);
    const rulesetUri = uriOf(fx.file('broken/.spectral.yaml'));
    const problem = await client.waitForDiagnostics(rulesetUri, (p) => p.diagnostics.length > 0, SPECTRAL_WAIT_MS);
    assert.equal(problem.diagnostics.length, 1);
    assert.equal(problem.diagnostics[0].code, 'spectral-ruleset');
    assert.match(String(problem.diagnostics[0].message), /syntax error at line 3, column 6/);
    assert.deepEqual(problem.diagnostics[0].range.start, { line: 2, character: 5 }, 'at the error');
    const notice = await client.waitForMessage((m) => m.message.includes('.spectral.yaml') && m.message.includes('syntax error'));
    assert.equal(notice.type, MessageType.Warning);

    // An edit lints again: the ruleset fails again, quietly. The worker is first in, first out, so once a
    // working ruleset's findings arrive after it, the broken run has finished.
    await client.change(uri, 2, [{ text: `${API}\n` }]);
    assert.ok(ours((await client.diagnosticsFor(uri, 2)).diagnostics).length > 10);
    const unknown = await open('unknown-function/api.yaml');
    const remote = await open('remote/api.yaml');
    const unknownProblem = await client.waitForDiagnostics(uriOf(fx.file('unknown-function/.spectral.yaml')), (p) => p.diagnostics.length > 0, SPECTRAL_WAIT_MS);
    assert.match(String(unknownProblem.diagnostics[0].message), /unknown function 'nope'/);
    const remoteProblem = await client.waitForDiagnostics(uriOf(fx.file('remote/.spectral.yaml')), (p) => p.diagnostics.length > 0, SPECTRAL_WAIT_MS);
    assert.match(String(remoteProblem.diagnostics[0].message), /never fetch/);
    // A "declarative" ruleset whose JSONPath filter is JavaScript in disguise: refused, never run.
    await open('code-in-paths/api.yaml');
    const codeProblem = await client.waitForDiagnostics(uriOf(fx.file('code-in-paths/.spectral.yaml')), (p) => p.diagnostics.length > 0, SPECTRAL_WAIT_MS);
    assert.match(String(codeProblem.diagnostics[0].message), /rule 'innocent-looking'.*evaluated as code/);
    assert.equal(existsSync(fx.pathMarker), false, 'the filter expression did not run');
    await open('bad-path/api.yaml');
    const badPath = await client.waitForDiagnostics(uriOf(fx.file('bad-path/.spectral.yaml')), (p) => p.diagnostics.length > 0, SPECTRAL_WAIT_MS);
    assert.match(String(badPath.diagnostics[0].message), /Spectral could not run it/);
    await client.change(uri, 3, [{ text: API }]);
    const declarative = uriOf(fx.file('declarative/apis/v1/api.yaml'));
    await client.change(declarative, 2, [{ text: API }]);
    await client.waitForDiagnostics(declarative, (p) => p.version === 2 && withSpectral(p), SPECTRAL_WAIT_MS);
    assert.equal(client.messages.filter((m) => m.message.includes('syntax error')).length, 1, 'one notice');
    for (const other of [unknown, remote]) assert.ok(ours((await client.diagnosticsFor(other, 1)).diagnostics).length > 10);
    assert.equal(client.child.exitCode, null, 'the server is still running');
  });

  it('JavaScript rulesets and custom functions do not run untrusted; once trust is granted they run, without a restart', async () => {
    const js = await open('js/api.yaml');
    const custom = await open('functions/api.yaml');
    await client.waitForMessage((m) => m.message.includes('.spectral.js') && m.message.includes('trusted'), SPECTRAL_WAIT_MS);
    await client.waitForMessage((m) => m.message.includes('custom functions') && m.message.includes('trusted'), SPECTRAL_WAIT_MS);
    assert.ok(ours((await client.diagnosticsFor(js, 1)).diagnostics).length > 10, 'our rules still run');
    assert.equal(existsSync(fx.jsMarker), false, 'the JavaScript ruleset was not loaded');
    assert.equal(existsSync(fx.functionMarker), false, 'the custom function was not loaded');
    assert.ok(!client.published.some((p) => p.uri === js && withSpectral(p)));

    const pid = client.child.pid;
    await client.connection.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION);
    const jsUnion = await client.waitForDiagnostics(js, (p) => p.diagnostics.some((d) => d.code === 'js-rule'), SPECTRAL_WAIT_MS);
    assert.deepEqual(jsUnion.diagnostics.filter(fromSpectral).map((d) => d.message), ['From the JavaScript ruleset: add a contact']);
    const customUnion = await client.waitForDiagnostics(custom, (p) => p.diagnostics.some((d) => d.code === 'function-rule'), SPECTRAL_WAIT_MS);
    assert.deepEqual(customUnion.diagnostics.filter(fromSpectral).map((d) => d.message), ['From a custom function: add a contact']);
    assert.ok(existsSync(fx.jsMarker) && existsSync(fx.functionMarker));
    assert.equal(client.child.pid, pid);
    assert.equal(client.child.exitCode, null, 'no restart');
  });
});

describe('language server: a too-slow Spectral run', () => {
  let scratch: string;
  let client: LspTestClient;
  before(async () => {
    scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'openapi-security-spectral-slow-')));
    writeSpectralFixtures(scratch);
    client = await LspTestClient.start({ workspaceFolders: [uriOf(scratch)], initializationOptions: { limits: { spectralTimeoutMs: 1 } } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, `server exited uncleanly: ${client.stderr}`);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('is stopped with one notice; our findings are published and stay', async () => {
    const uri = uriOf(path.join(scratch, 'declarative/apis/v1/api.yaml'));
    await client.open(uri, 'yaml', API);
    assert.ok(ours((await client.diagnosticsFor(uri, 1)).diagnostics).length > 10);
    const notice = await client.waitForMessage((m) => m.message.includes('took longer than'), SPECTRAL_WAIT_MS);
    assert.equal(notice.type, MessageType.Warning);
    assert.match(notice.message, /runs again when you save/);
    await client.change(uri, 2, [{ text: `${API}\n` }]);
    assert.ok(ours((await client.diagnosticsFor(uri, 2)).diagnostics).length > 10);
    assert.equal(client.messages.filter((m) => m.message.includes('took longer than')).length, 1, 'one notice');
    assert.ok(!client.published.some(withSpectral), 'nothing from the stopped run');
    assert.equal(client.child.exitCode, null);
  });
});
