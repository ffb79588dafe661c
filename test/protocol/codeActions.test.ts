import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, CodeActionResolveRequest, type CodeAction, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol/node';
import { FULL_CAPABILITIES, LspTestClient } from '../support/lspClient';
import { repoRoot } from '../support/paths';

const text = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'orders-3.0.yaml'), 'utf8');
const uri = 'file:///w/orders.yaml';
const RESOLVING = { ...FULL_CAPABILITIES, textDocument: { ...FULL_CAPABILITIES.textDocument, codeAction: { ...FULL_CAPABILITIES.textDocument!.codeAction, resolveSupport: { properties: ['edit'] } } } };

function applied(action: CodeAction, version: number): string {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit & { edits: TextEdit[] };
  assert.equal(change.textDocument.version, version);
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', version, text), change.edits);
}

describe('code actions beyond single fixes', () => {
  it('does not compute "fix all" eagerly on big documents for clients without codeAction/resolve', async () => {
    const client = await LspTestClient.start({ settings: () => ({}) });
    try {
      // Two http servers, and enough padding to pass the eager fix-all limit (256 KB).
      const big = text.replace('  - url: http://api.example.com/v1 # production\n', '  - url: http://api.example.com/v1 # production\n  - url: http://eu.example.com/v1\n') + `x-padding: |\n${'  lorem ipsum dolor sit amet\n'.repeat(10_000)}`;
      assert.ok(big.length > 256 * 1024);
      await client.open(uri, 'yaml', big);
      const http = (await client.diagnosticsFor(uri, 1)).diagnostics.find((d) => d.code === 'owasp:api8:2023-no-server-http')!;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: http.range, context: { diagnostics: [http], only: ['quickfix'] } })) as CodeAction[];
      assert.deepEqual(actions.map((a) => a.title), ['Switch the server URL to https', 'Ignore owasp:api8:2023-no-server-http here']);
    } finally {
      await client.stop();
    }
  });

  it('fixes everything with source.fixAll.openapiSecurity, resolving the edit lazily', async () => {
    const client = await LspTestClient.start({ settings: () => ({}), capabilities: RESOLVING });
    try {
      await client.open(uri, 'yaml', text);
      const before = await client.diagnosticsFor(uri, 1);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
      assert.equal(actions.length, 1);
      assert.equal(actions[0].kind, 'source.fixAll.openapiSecurity');
      assert.equal(actions[0].edit, undefined, 'the edit comes from codeAction/resolve');
      const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, actions[0]);
      const fixed = applied(resolved, 1);
      await client.change(uri, 2, [{ text: fixed }]);
      const after = await client.diagnosticsFor(uri, 2);
      assert.ok(after.diagnostics.length < before.diagnostics.length, `${before.diagnostics.length} -> ${after.diagnostics.length}`);
      for (const gone of ['owasp:api8:2023-no-server-http', 'owasp:api3:2023-no-additionalProperties', 'owasp:api8:2023-define-error-responses-401']) {
        assert.ok(!after.diagnostics.some((d) => d.code === gone), gone);
      }
      assert.ok(!after.diagnostics.some((d) => d.code === 'parse-error'));
      assert.ok(fixed.includes('  - url: https://api.example.com/v1 # production\n'), 'comments survive');
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('offers "fix all N <rule>", "ignore here" and, for our client, "disable in workspace"', async () => {
    const client = await LspTestClient.start({ settings: () => ({}), initializationOptions: { clientCommands: ['openapiSecurity.disableRule'] } });
    try {
      const twoServers = text.replace('  - url: http://api.example.com/v1 # production\n', '  - url: http://api.example.com/v1 # production\n  - url: http://eu.example.com/v1\n');
      await client.open(uri, 'yaml', twoServers);
      const published = await client.diagnosticsFor(uri, 1);
      const http = published.diagnostics.find((d) => d.code === 'owasp:api8:2023-no-server-http')!;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: http.range, context: { diagnostics: [http], only: ['quickfix'] } })) as CodeAction[];
      const titles = actions.map((a) => a.title);
      assert.deepEqual(titles, [
        'Switch the server URL to https',
        'Fix all 2 owasp:api8:2023-no-server-http problems in this file',
        'Ignore owasp:api8:2023-no-server-http here',
        'Disable owasp:api8:2023-no-server-http in this workspace',
      ]);
      const all = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, twoServers), ((actions[1].edit?.documentChanges?.[0] as TextDocumentEdit).edits as TextEdit[]));
      assert.ok(all.includes('  - url: https://api.example.com/v1 # production\n  - url: https://eu.example.com/v1\n'), all);
      assert.deepEqual(actions[3].command, { title: 'Disable owasp:api8:2023-no-server-http', command: 'openapiSecurity.disableRule', arguments: ['owasp:api8:2023-no-server-http'] });
      const ignored = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, twoServers), ((actions[2].edit?.documentChanges?.[0] as TextDocumentEdit).edits as TextEdit[]));
      await client.change(uri, 2, [{ text: ignored }]);
      const after = await client.diagnosticsFor(uri, 2);
      assert.equal(after.diagnostics.filter((d) => d.code === 'owasp:api8:2023-no-server-http').length, 1, 'only the ignored one is gone');
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('does not offer "disable in workspace" to clients without the command', async () => {
    const client = await LspTestClient.start({ settings: () => ({}) });
    try {
      await client.open(uri, 'yaml', text);
      const http = (await client.diagnosticsFor(uri, 1)).diagnostics.find((d) => d.code === 'owasp:api8:2023-no-server-http')!;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: http.range, context: { diagnostics: [http] } })) as CodeAction[];
      assert.ok(!actions.some((a) => a.command), JSON.stringify(actions.map((a) => a.title)));
      assert.ok(actions.some((a) => a.title.startsWith('Ignore')));
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
