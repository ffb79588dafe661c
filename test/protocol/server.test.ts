import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  HoverRequest,
  TextDocumentSyncKind,
  type CodeAction,
  type Diagnostic,
  type MarkupContent,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lspClient';
import { repoRoot } from '../support/paths';

const fixture = (name: string) => readFileSync(path.join(repoRoot, 'test', 'fixtures', name), 'utf8');
/**
 * The rules these tests watch. Other rules fire on the same fixtures too; each has its own
 * tests, and leaving them out here keeps these protocol tests about the protocol.
 */
const WATCHED = [
  'owasp:api1:2023-no-numeric-ids',
  'owasp:api2:2023-no-http-basic',
  'owasp:api3:2023-no-additionalProperties',
  'owasp:api8:2023-define-error-responses-401',
  'owasp:api8:2023-no-scheme-http',
  'owasp:api8:2023-no-server-http',
  'parse-error',
];
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code)).filter((c) => WATCHED.includes(c)).sort();

/** Applies a code action's versioned edit the way an editor does, and tells the server. */
async function applyAction(client: LspTestClient, doc: TextDocument, action: CodeAction): Promise<TextDocument> {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit & { edits: TextEdit[] };
  assert.equal(change.textDocument.uri, doc.uri);
  assert.equal(change.textDocument.version, doc.version, 'the edit carries the version it was computed for');
  const text = TextDocument.applyEdits(doc, change.edits);
  const next = TextDocument.create(doc.uri, doc.languageId, doc.version + 1, text);
  // Incremental sync, as VS Code sends it: one change per edit, applied in reverse order.
  const sorted = [...change.edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  await client.change(doc.uri, next.version, sorted.map((e) => ({ range: e.range, text: e.newText })));
  return next;
}

async function quickFixes(client: LspTestClient, doc: TextDocument, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: doc.uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
  return (result ?? []) as CodeAction[];
}

describe('language server over stdio', () => {
  let client: LspTestClient;
  let settings: Record<string, unknown> = {};
  before(async () => {
    client = await LspTestClient.start({ settings: () => settings });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, `server exited uncleanly: ${client.stderr}`);
  });

  it('announces incremental sync (and saves), quick fixes and hovers', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.openapiSecurity'], resolveProvider: true });
    assert.equal(caps.hoverProvider, true);
    assert.equal(client.initializeResult.serverInfo?.name, 'openapi-security');
  });

  it('publishes OWASP findings on open, fixes one, and updates on change', async () => {
    let doc = TextDocument.create('file:///work/orders.yaml', 'yaml', 1, fixture('orders-3.0.yaml'));
    await client.open(doc.uri, 'yaml', doc.getText());
    const first = await client.diagnosticsFor(doc.uri, 1);
    assert.deepEqual(codes(first.diagnostics), [
      'owasp:api1:2023-no-numeric-ids',
      'owasp:api3:2023-no-additionalProperties',
      'owasp:api8:2023-define-error-responses-401',
      'owasp:api8:2023-no-server-http',
    ]);
    const byCode = (code: string) => first.diagnostics.find((d) => d.code === code)!;
    const http = byCode('owasp:api8:2023-no-server-http');
    assert.deepEqual(http.range, { start: { line: 5, character: 9 }, end: { line: 5, character: 34 } });
    assert.equal(http.severity, 1);
    assert.equal(http.source, 'openapi-security');
    assert.equal(http.codeDescription?.href, 'https://github.com/openapi-security/openapi-security/blob/main/docs/rules.md#owasp-api8-2023-no-server-http');
    assert.deepEqual(byCode('owasp:api3:2023-no-additionalProperties').range, { start: { line: 36, character: 6 }, end: { line: 36, character: 26 } });

    // Fix 1: additionalProperties
    const [setFalse] = await quickFixes(client, doc, byCode('owasp:api3:2023-no-additionalProperties'));
    assert.equal(setFalse.title, 'Set additionalProperties: false');
    assert.equal(setFalse.kind, 'quickfix');
    assert.equal(setFalse.isPreferred, true);
    assert.equal(setFalse.diagnostics?.[0].code, 'owasp:api3:2023-no-additionalProperties');
    doc = await applyAction(client, doc, setFalse);
    assert.ok(doc.getText().includes('      additionalProperties: false\n'));
    const second = await client.diagnosticsFor(doc.uri, 2);
    assert.deepEqual(codes(second.diagnostics), ['owasp:api1:2023-no-numeric-ids', 'owasp:api8:2023-define-error-responses-401', 'owasp:api8:2023-no-server-http']);

    // Fix 2: https, keeping the comment
    const [https] = await quickFixes(client, doc, second.diagnostics.find((d) => d.code === 'owasp:api8:2023-no-server-http')!);
    doc = await applyAction(client, doc, https);
    assert.ok(doc.getText().includes('  - url: https://api.example.com/v1 # production\n'));
    const third = await client.diagnosticsFor(doc.uri, 3);
    assert.ok(!codes(third.diagnostics).includes('owasp:api8:2023-no-server-http'));

    // Fix 3: the 401 response
    const [add401] = await quickFixes(client, doc, third.diagnostics.find((d) => d.code === 'owasp:api8:2023-define-error-responses-401')!);
    assert.equal(add401.title, 'Add a 401 Unauthorized response');
    doc = await applyAction(client, doc, add401);
    const fourth = await client.diagnosticsFor(doc.uri, 4);
    assert.ok(!codes(fourth.diagnostics).includes('owasp:api8:2023-define-error-responses-401'));
    assert.ok(!codes(fourth.diagnostics).includes('parse-error'));
    assert.ok(doc.getText().includes("        '401':\n          description: Unauthorized\n"));
  });

  it('hovers a finding with its title, why, fix and OWASP reference', async () => {
    const uri = 'file:///work/hover.yaml';
    const text = fixture('orders-3.0.yaml');
    await client.open(uri, 'yaml', text);
    const published = await client.diagnosticsFor(uri, 1);
    const http = published.diagnostics.find((d) => d.code === 'owasp:api8:2023-no-server-http')!;
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 5, character: 15 } });
    const contents = hover?.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /\*\*Server URL uses plain http\*\*/);
    assert.match(contents.value, /\*\*Why it matters\.\*\*/);
    assert.match(contents.value, /\*\*How to fix\.\*\*.*A quick fix is available/);
    assert.match(contents.value, /\[API8:2023 Security Misconfiguration\]\(https:\/\/owasp\.org\/API-Security\/editions\/2023\/en\/0xa8-security-misconfiguration\/\)/);
    assert.match(contents.value, /CWE-319/);
    assert.deepEqual(hover?.range, http.range);
    const nothing = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 4 } });
    assert.equal(nothing, null);
  });

  it('fixes OAS 2.0 JSON schemes and reports HTTP Basic', async () => {
    let doc = TextDocument.create('file:///work/pets.json', 'json', 1, fixture('pets-2.0.json'));
    await client.open(doc.uri, 'json', doc.getText());
    const first = await client.diagnosticsFor(doc.uri, 1);
    assert.deepEqual(codes(first.diagnostics), ['owasp:api2:2023-no-http-basic', 'owasp:api8:2023-define-error-responses-401', 'owasp:api8:2023-no-scheme-http']);
    const scheme = first.diagnostics.find((d) => d.code === 'owasp:api8:2023-no-scheme-http')!;
    assert.deepEqual(scheme.range, { start: { line: 4, character: 14 }, end: { line: 4, character: 20 } });
    const [fix] = await quickFixes(client, doc, scheme);
    assert.equal(fix.title, 'Replace http with https');
    doc = await applyAction(client, doc, fix);
    assert.ok(doc.getText().includes('"schemes": ["https"],'));
    const second = await client.diagnosticsFor(doc.uri, 2);
    assert.deepEqual(codes(second.diagnostics), ['owasp:api2:2023-no-http-basic', 'owasp:api8:2023-define-error-responses-401']);
  });

  it('says nothing about YAML that is not OpenAPI', async () => {
    const uri = 'file:///work/.github/workflows/ci.yaml';
    await client.open(uri, 'yaml', fixture('not-openapi.yaml'));
    assert.deepEqual((await client.diagnosticsFor(uri, 1)).diagnostics, []);
  });

  it('debounces typing: only the newest version is linted and published', async () => {
    const uri = 'file:///work/typing.yaml';
    await client.open(uri, 'yaml', fixture('orders-3.0.yaml'));
    await client.diagnosticsFor(uri, 1);
    // Five keystrokes in a row into `version: 1.0.0`: versions 2..6.
    for (let version = 2; version <= 6; version++) {
      await client.change(uri, version, [{ range: { start: { line: 3, character: 12 }, end: { line: 3, character: 12 } }, text: 'x' }]);
    }
    const last = await client.diagnosticsFor(uri, 6);
    assert.equal(codes(last.diagnostics).length, 4);
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [1, 6], 'intermediate versions are never published');
  });

  it('reports syntax errors while typing and still runs the rules on what parsed', async () => {
    const uri = 'file:///work/broken.yaml';
    const text = fixture('orders-3.0.yaml');
    await client.open(uri, 'yaml', text);
    await client.diagnosticsFor(uri, 1);
    // Half-typed flow mapping on line 3.
    await client.change(uri, 2, [{ range: { start: { line: 3, character: 11 }, end: { line: 3, character: 16 } }, text: '{oops' }]);
    const broken = await client.diagnosticsFor(uri, 2);
    const syntax = broken.diagnostics.filter((d) => d.code === 'parse-error');
    assert.ok(syntax.length > 0, 'a syntax diagnostic');
    assert.ok(syntax.every((d) => d.range.start.line >= 3), JSON.stringify(syntax.map((d) => d.range)));
    assert.ok(codes(broken.diagnostics).includes('owasp:api8:2023-no-server-http'));
  });

  it('applies rule settings from workspace/configuration and re-lints when they change', async () => {
    const uri = 'file:///work/settings.yaml';
    settings = { rules: { 'owasp:api8:2023-no-server-http': 'off', 'owasp:api1:2023-no-numeric-ids': 'warning' } };
    await client.configurationChanged();
    await client.open(uri, 'yaml', fixture('orders-3.0.yaml'));
    const first = await client.diagnosticsFor(uri, 1);
    assert.ok(!codes(first.diagnostics).includes('owasp:api8:2023-no-server-http'));
    assert.equal(first.diagnostics.find((d) => d.code === 'owasp:api1:2023-no-numeric-ids')?.severity, 2);
    const seen = client.published.length;
    settings = { enable: false };
    await client.configurationChanged();
    const disabled = await client.waitForDiagnostics(uri, (p) => client.published.indexOf(p) >= seen && p.diagnostics.length === 0);
    assert.deepEqual(disabled.diagnostics, []);
    settings = {};
    await client.configurationChanged();
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'owasp:api8:2023-no-server-http'));
  });

  it('computes quick fixes against the current version only', async () => {
    const uri = 'file:///work/versions.yaml';
    const doc = TextDocument.create(uri, 'yaml', 1, fixture('orders-3.0.yaml'));
    await client.open(uri, 'yaml', doc.getText());
    const first = await client.diagnosticsFor(uri, 1);
    const stale = first.diagnostics.find((d) => d.code === 'owasp:api8:2023-no-server-http')!;
    // A blank line above moves the finding down: the old diagnostic no longer matches anything.
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    assert.deepEqual(await quickFixes(client, doc, stale), []);
    const moved = { ...stale, range: { start: { line: 6, character: 9 }, end: { line: 6, character: 34 } } };
    const [fix] = await quickFixes(client, doc, moved);
    const edit = fix.edit?.documentChanges?.[0] as TextDocumentEdit;
    assert.equal(edit.textDocument.version, 2);
    assert.deepEqual(edit.edits[0].range.start, { line: 6, character: 9 });
  });

  it('clears diagnostics on close and survives garbage', async () => {
    const uri = 'file:///work/garbage.yaml';
    await client.open(uri, 'yaml', 'openapi: 3.0.0\n\u0000\u0001: [}{\n\t- ]]]\n"unterminated');
    const garbage = await client.diagnosticsFor(uri, 1);
    assert.ok(garbage.diagnostics.some((d) => d.code === 'parse-error'));
    await client.close(uri);
    await client.waitForDiagnostics(uri, (p) => p.version === undefined && p.diagnostics.length === 0);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///work/hover.yaml' }, position: { line: 5, character: 15 } });
    assert.ok(hover, 'the server still answers');
  });
});

describe('language server for other clients', () => {
  it('works over --node-ipc, as VS Code starts it', async () => {
    const client = await LspTestClient.start({ transport: 'node-ipc', settings: () => ({}) });
    try {
      await client.open('file:///w/a.json', 'json', fixture('pets-2.0.json'));
      const published = await client.diagnosticsFor('file:///w/a.json', 1);
      assert.equal(codes(published.diagnostics).length, 3);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('uses defaults or initializationOptions without workspace/configuration, and plain-text hovers', async () => {
    const client = await LspTestClient.start({
      capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] } } },
      initializationOptions: { settings: { rules: { 'owasp:api2:2023-no-http-basic': 'off' } }, debounceMs: 0 },
    });
    try {
      await client.open('file:///w/p.json', 'json', fixture('pets-2.0.json'));
      const published = await client.diagnosticsFor('file:///w/p.json', 1);
      assert.deepEqual(codes(published.diagnostics), ['owasp:api8:2023-define-error-responses-401', 'owasp:api8:2023-no-scheme-http']);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///w/p.json' }, position: { line: 4, character: 16 } });
      const contents = hover?.contents as MarkupContent;
      assert.equal(contents.kind, 'plaintext');
      assert.match(contents.value, /OWASP API Security Top 10 2023: API8:2023 Security Misconfiguration <https:/);
      // Without documentChanges support, edits come as plain `changes`.
      const [fix] = await quickFixes(client, TextDocument.create('file:///w/p.json', 'json', 1, ''), published.diagnostics.find((d) => d.code === 'owasp:api8:2023-no-scheme-http')!);
      assert.ok(fix.edit?.changes?.['file:///w/p.json']);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
