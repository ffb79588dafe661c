import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { DidSaveTextDocumentNotification, ShowMessageNotification, type ShowMessageParams } from 'vscode-languageserver-protocol/node';
import { DOCUMENT_REPORT_REQUEST, type DocumentReportParams, type DocumentReportResult } from '../../server/src/protocol';
import { LspTestClient } from '../support/lspClient';
import { repoRoot } from '../support/paths';

const HTTP_RULE = 'owasp:api8:2023-no-server-http';
const orders = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'orders-3.0.yaml'), 'utf8');
const notOpenApi = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'not-openapi.yaml'), 'utf8');
/** `http` → `https` in `- url: http://api.example.com/v1` (line 5): removes the HTTP_RULE finding. */
const toHttps = { range: { start: { line: 5, character: 9 }, end: { line: 5, character: 13 } }, text: 'https' };
const codesOf = (p: { diagnostics: Array<{ code?: string | number }> }) => p.diagnostics.map((d) => String(d.code));

/**
 * The server handles messages in order, and a change that would lint is scheduled before a
 * later open is: once a document opened after the change has its diagnostics, a lint the
 * change triggered would have been published already.
 */
async function sentinel(client: LspTestClient, name: string): Promise<void> {
  const uri = `file:///work/${name}.yaml`;
  await client.open(uri, 'yaml', orders);
  await client.diagnosticsFor(uri, 1);
}

const save = (client: LspTestClient, uri: string) => client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });

describe('lint triggers: openapiSecurity.run and openapiSecurity.maxFileSizeMB', () => {
  let client: LspTestClient | undefined;
  afterEach(async () => {
    if (client) assert.equal(await client.stop(), 0, `server exited uncleanly: ${client.stderr}`);
    client = undefined;
  });

  it('run: onSave lints on open and on save, not on each edit', async () => {
    client = await LspTestClient.start({ settings: () => ({ run: 'onSave' }), initializationOptions: { debounceMs: 0 } });
    const uri = 'file:///work/on-save.yaml';
    await client.open(uri, 'yaml', orders);
    assert.ok(codesOf(await client.diagnosticsFor(uri, 1)).includes(HTTP_RULE), 'linted on open');
    await client.change(uri, 2, [toHttps]);
    await sentinel(client, 'sentinel-on-save');
    assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => p.version), [1], 'no lint for the edit');
    await save(client, uri);
    const saved = await client.diagnosticsFor(uri, 2);
    assert.ok(!codesOf(saved).includes(HTTP_RULE), 'the saved text is linted');
  });

  it('opening a document lints it at once: the typing debounce applies to edits only', async () => {
    // A minute of debounce: were the open debounced too, its diagnostics would miss the 15 s bound of diagnosticsFor.
    client = await LspTestClient.start({ settings: () => ({}), initializationOptions: { debounceMs: 60_000 } });
    const uri = 'file:///work/opened.yaml';
    await client.open(uri, 'yaml', orders);
    assert.ok(codesOf(await client.diagnosticsFor(uri, 1)).includes(HTTP_RULE));
    assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => p.version), [1]);
  });

  it('run: onType (the default) lints each edit', async () => {
    client = await LspTestClient.start({ settings: () => ({}), initializationOptions: { debounceMs: 0 } });
    const uri = 'file:///work/on-type.yaml';
    await client.open(uri, 'yaml', orders);
    await client.diagnosticsFor(uri, 1);
    await client.change(uri, 2, [toHttps]);
    assert.ok(!codesOf(await client.diagnosticsFor(uri, 2)).includes(HTTP_RULE));
  });

  it('a document above maxFileSizeMB is linted on open and save only, and the user is told once', async () => {
    // 0.0005 MB = 524 characters: the orders fixture (793) is above it, the other fixture (169) below.
    client = await LspTestClient.start({ settings: () => ({ maxFileSizeMB: 0.0005 }), initializationOptions: { debounceMs: 0 } });
    // Every document of this test but the small one is above the limit: only big spec.yaml's notices count.
    const messages: ShowMessageParams[] = [];
    client.connection.onNotification(ShowMessageNotification.method, (m: ShowMessageParams) => {
      if (m.message.startsWith('big spec.yaml ')) messages.push(m);
    });
    const uri = 'file:///work/big%20spec.yaml';
    await client.open(uri, 'yaml', orders);
    assert.ok(codesOf(await client.diagnosticsFor(uri, 1)).includes(HTTP_RULE), 'linted on open');
    assert.equal(messages.length, 1, JSON.stringify(messages));
    assert.match(messages[0].message, /^big spec\.yaml is larger than openapiSecurity\.maxFileSizeMB \(0\.0005 MB\).*opened or saved/);

    await client.change(uri, 2, [toHttps]);
    await sentinel(client, 'sentinel-size');
    assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => p.version), [1], 'no lint for the edit');
    await save(client, uri);
    assert.ok(!codesOf(await client.diagnosticsFor(uri, 2)).includes(HTTP_RULE), 'the saved text is linted');

    // Reopened: linted again, not announced again. The notice, when sent, precedes the open's diagnostics.
    await client.close(uri);
    await client.open(uri, 'yaml', orders, 7);
    await client.diagnosticsFor(uri, 7);
    assert.equal(messages.length, 1, `told once: ${JSON.stringify(messages)}`);

    // A small document in the same session still lints as you type.
    const small = 'file:///work/small.yaml';
    await client.open(small, 'yaml', notOpenApi.replace('name:', 'title:'));
    await client.diagnosticsFor(small, 1);
    await client.change(small, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'openapi: 3.0.3\n' }]);
    await client.diagnosticsFor(small, 2);
  });

  it('answers openapiSecurity/documentReport with the CLI report of the open document', async () => {
    client = await LspTestClient.start({ settings: () => ({}) });
    const uri = 'file:///work/specs/orders.yaml';
    await client.open(uri, 'yaml', orders);
    const published = await client.diagnosticsFor(uri, 1);
    const score = await client.scoreFor(uri, 1);
    const request = (params: DocumentReportParams) => client!.connection.sendRequest<DocumentReportResult | null>(DOCUMENT_REPORT_REQUEST, params);

    const html = await request({ uri, format: 'html' });
    assert.ok(html);
    assert.equal(html.version, 1);
    assert.equal(html.score, score.score);
    assert.match(html.content, /^<!doctype html>/);
    assert.match(html.content, new RegExp(`<span class="score" id="score"[^>]*>${score.score}</span>`));
    assert.ok(!/<script/i.test(html.content), 'no scripts');
    assert.equal((html.content.match(/<tr><td>orders\.yaml:\d+:\d+<\/td>/g) ?? []).length, published.diagnostics.length, 'one row per published diagnostic');

    const markdown = await request({ uri, format: 'markdown' });
    assert.ok(markdown);
    assert.match(markdown.content, /^# OpenAPI security report/);
    assert.match(markdown.content, new RegExp(`\\| orders\\.yaml \\| ${score.score} \\| ${score.counts.error} \\| ${score.counts.warning} \\|`));
    assert.match(markdown.content, /## Top fixes by impact/);

    const other = 'file:///work/other.yaml';
    await client.open(other, 'yaml', notOpenApi);
    await client.diagnosticsFor(other, 1);
    assert.equal(await request({ uri: other, format: 'html' }), null, 'not OpenAPI');
    assert.equal(await request({ uri: 'file:///work/never-opened.yaml', format: 'html' }), null, 'not open');
  });
});
