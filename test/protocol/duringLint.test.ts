import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeActionRequest, CodeActionResolveRequest, HoverRequest, type ClientCapabilities, type CodeAction, type Diagnostic, type MarkupContent, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { FULL_CAPABILITIES, LspTestClient } from '../support/lspClient';
import { specWithOperations } from '../support/syntheticSpec';

/**
 * Issue #6: hovers and code actions do not wait for a long lint of their document. While it runs they answer
 * from the findings the editor shows (their documentation; their fixes, whose edits `codeAction/resolve`
 * computes once the lint is done). Order, not time, is asserted: the answers come before the lint's diagnostics.
 */
const RESOLVING: ClientCapabilities = {
  ...FULL_CAPABILITIES,
  textDocument: { ...FULL_CAPABILITIES.textDocument, codeAction: { ...FULL_CAPABILITIES.textDocument!.codeAction, dataSupport: true, resolveSupport: { properties: ['edit'] } } },
};
const URI = 'file:///during-lint/big.yaml';
/** Big enough that a full lint takes far longer than the interactive budget, even on a loaded machine. */
const TEXT = specWithOperations(5000);

/** Opens the spec, waits for its diagnostics, then starts a full re-lint (an edit outside `paths`). */
async function startFullRelint(client: LspTestClient): Promise<{ target: Diagnostic; relinted: () => boolean }> {
  await client.open(URI, 'yaml', TEXT);
  const { diagnostics } = await client.diagnosticsFor(URI, 1, 120_000);
  const target = diagnostics.find((d) => (d.data as { fixes?: string[] } | undefined)?.fixes?.length);
  assert.ok(target, 'a finding with a fix');
  const line = TEXT.split('\n').findIndex((l) => l.includes('title:'));
  await client.change(URI, 2, [{ range: { start: { line, character: 9 }, end: { line, character: 9 } }, text: 'X' }]);
  return { target, relinted: () => client.published.some((p) => p.uri === URI && p.version === 2) };
}

describe('hovers and code actions during a long lint of their document', () => {
  it('answer from the findings shown; resolve gives the edit for the new version', async () => {
    const client = await LspTestClient.start({ initializationOptions: { debounceMs: 0 }, capabilities: RESOLVING });
    try {
      const { target, relinted } = await startFullRelint(client);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: target.range.start });
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: target.range, context: { diagnostics: [target] } })) as CodeAction[];
      assert.equal(relinted(), false, 'both answered before the lint finished');
      assert.match((hover?.contents as MarkupContent).value, new RegExp(String(target.code).replace(/[:.]/g, '\\$&')));
      assert.match((hover?.contents as MarkupContent).value, /OWASP API Security Top 10 2023/);
      const fixes = (target.data as { fixes: string[] }).fixes;
      assert.deepEqual(actions.map((a) => a.title), [...fixes, `Ignore ${target.code} here`]);
      assert.ok(actions.every((a) => !a.edit && a.data), 'edits are left to resolve');

      await client.diagnosticsFor(URI, 2, 120_000);
      const resolved = (await client.connection.sendRequest(CodeActionResolveRequest.type, actions[0])) as CodeAction;
      const change = resolved.edit?.documentChanges?.[0] as TextDocumentEdit;
      assert.equal(change.textDocument.version, 2, 'computed on the text the lint just checked');
      // The same edit the worker offers now, with the lint done.
      const now = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: target.range, context: { diagnostics: [target] } })) as CodeAction[];
      assert.deepEqual(resolved.edit, now.find((a) => a.title === actions[0].title)?.edit);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('a client that cannot resolve code actions lazily waits for them, with their edits', async () => {
    const client = await LspTestClient.start({ initializationOptions: { debounceMs: 0 } });
    try {
      const { target } = await startFullRelint(client);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: target.range, context: { diagnostics: [target] } })) as CodeAction[];
      const fix = actions.find((a) => a.title === (target.data as { fixes: string[] }).fixes[0]);
      assert.equal((fix?.edit?.documentChanges?.[0] as TextDocumentEdit).textDocument.version, 2, 'computed on the new text');
      assert.ok(actions.every((a) => !a.data || !('pending' in (a.data as object))), 'no action left to resolve');
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
