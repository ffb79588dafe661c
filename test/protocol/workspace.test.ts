import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lspClient';
import { cliBundle, repoRoot } from '../support/paths';

const HTTP = 'owasp:api8:2023-no-server-http';
const BASIC = 'owasp:api2:2023-no-http-basic';
const INVENTORY = 'owasp:api9:2023-inventory-access';
const INSECURE = readFileSync(path.join(repoRoot, 'examples/insecure-api.yaml'), 'utf8');

const scratch = mkdtempSync(path.join(tmpdir(), 'openapi-security-workspace-'));
const workspace = path.join(scratch, 'workspace');
const write = (relative: string, text: string) => {
  const file = path.join(scratch, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
};
const uriOf = (file: string) => pathToFileURL(file).href;
const codes = (diagnostics: Diagnostic[]) => new Set(diagnostics.map((d) => String(d.code)));

describe('language server: .openapi-security.yaml and the document score', () => {
  let client: LspTestClient;
  before(async () => {
    // Outside the workspace: the server must never read it (it would hide every file).
    write('.openapi-security.yaml', "ignore: {files: ['**']}\n");
    write('workspace/.openapi-security.yaml', `rules: {${HTTP}: off, ${BASIC}: info}\nignore:\n  files: ['legacy/**']\n  findings: [{rule: ${INVENTORY}}]\n`);
    client = await LspTestClient.start({ workspaceFolders: [uriOf(workspace)], settings: () => ({ rules: { [BASIC]: 'warning' } }) });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, `server exited uncleanly: ${client.stderr}`);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('applies the workspace config file, with user settings overriding it per rule', async () => {
    const uri = uriOf(write('workspace/specs/api.yaml', INSECURE));
    await client.open(uri, 'yaml', INSECURE);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    assert.ok(diagnostics.length > 0, 'the config above the workspace was not read');
    assert.ok(!codes(diagnostics).has(HTTP), 'rules: off from the file');
    assert.ok(!codes(diagnostics).has(INVENTORY), 'ignore.findings from the file');
    assert.deepEqual(diagnostics.filter((d) => d.code === BASIC).map((d) => d.severity), [2], 'the user setting (warning) wins over the file (info)');
    // A config that is a symlink to a file outside the workspace is not read either.
    write('outside.yaml', `rules: {${BASIC}: off}\n`);
    mkdirSync(path.join(workspace, 'linked'), { recursive: true });
    symlinkSync(path.join(scratch, 'outside.yaml'), path.join(workspace, 'linked/.openapi-security.yaml'));
    const linked = uriOf(write('workspace/linked/api.yaml', INSECURE));
    await client.open(linked, 'yaml', INSECURE);
    const linkedCodes = codes((await client.diagnosticsFor(linked, 1)).diagnostics);
    assert.ok(linkedCodes.has(BASIC) && !linkedCodes.has(HTTP), 'the symlink is skipped and the workspace config above it applies');
    const legacy = uriOf(write('workspace/legacy/old.yaml', INSECURE));
    await client.open(legacy, 'yaml', INSECURE);
    assert.deepEqual((await client.diagnosticsFor(legacy, 1)).diagnostics, [], 'ignore.files');
    assert.equal((await client.scoreFor(legacy, 1)).isOpenApi, false);
  });

  it('sends the document score after each publish, the same score the CLI prints', async () => {
    const file = path.join(workspace, 'specs/api.yaml');
    const uri = uriOf(file);
    const published = await client.diagnosticsFor(uri, 1);
    const score = await client.scoreFor(uri, 1);
    assert.equal(score.isOpenApi, true);
    const count = (severity: number) => published.diagnostics.filter((d) => d.severity === severity).length;
    assert.deepEqual(score.counts, { error: count(1), warning: count(2), info: count(3), hint: count(4) });
    const cli = spawnSync(process.execPath, [cliBundle, 'lint', file, '--format', 'json', '--rule', `${BASIC}=warning`], { cwd: workspace, encoding: 'utf8' });
    assert.equal(score.score, JSON.parse(cli.stdout).files[0].score);
    assert.ok(score.score > 0 && score.score < 100);

    await client.change(uri, 2, [{ text: INSECURE.replace(/^servers:[\s\S]*?(?=^\S)/m, 'servers:\n  - url: https://api.example.com\n    description: production\n    x-internal: false\n') }]);
    const better = await client.scoreFor(uri, 2);
    assert.ok(better.score >= score.score, `${better.score} >= ${score.score}`);
    const notOpenApi = 'file:///elsewhere/notes.yaml';
    await client.open(notOpenApi, 'yaml', 'title: notes\n');
    assert.deepEqual(await client.scoreFor(notOpenApi, 1), { uri: notOpenApi, version: 1, isOpenApi: false, score: 100, counts: { error: 0, warning: 0, info: 0, hint: 0 } });
  });

  it('re-reads the config when the client reports it changed', async () => {
    const uri = uriOf(path.join(workspace, 'specs/other.yaml'));
    await client.open(uri, 'yaml', INSECURE);
    assert.ok(!codes((await client.diagnosticsFor(uri, 1)).diagnostics).has(HTTP));
    const config = write('workspace/.openapi-security.yaml', `rules: {${BASIC}: info}\n`);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(config), type: FileChangeType.Changed }] });
    const relinted = await client.waitForDiagnostics(uri, (p) => codes(p.diagnostics).has(HTTP));
    assert.ok(codes(relinted.diagnostics).has(INVENTORY));
  });
});
