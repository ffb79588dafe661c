import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { LspTestClient, shownDiagnostics } from '../support/lspClient';
import { repoRoot } from '../support/paths';

const orders = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'orders-3.0.yaml'), 'utf8');

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}


/**
 * Issue #6 through the real server: the worker lints each edit from its previous analysis of the document
 * (engine/incremental). After a run of edits, the published diagnostics must equal those of the same text
 * opened fresh, with another document open meanwhile (its overlays must not stop the reuse either).
 */
describe('incremental lint through the language server', () => {
  let client: LspTestClient | undefined;
  afterEach(async () => {
    if (client) assert.equal(await client.stop(), 0, `server exited uncleanly: ${client.stderr}`);
    client = undefined;
  });

  it('publishes for each edit what a fresh open of the same text gets', async () => {
    client = await LspTestClient.start({ settings: () => ({}), initializationOptions: { debounceMs: 0 } });
    await client.open('file:///work/other.yaml', 'yaml', orders);
    await client.diagnosticsFor('file:///work/other.yaml', 1);
    const uri = 'file:///work/edited.yaml';
    await client.open(uri, 'yaml', orders);
    await client.diagnosticsFor(uri, 1);
    let text = orders;
    // Typing in a description, a type changed, keywords added and removed.
    const edits: Array<[string, string]> = [
      ['description: The order', 'description: The orders'],
      ['type: string', 'type: integer'],
      ['type: integer\n', 'type: integer\n            minimum: 0\n            maximum: 9\n'],
      ['            maximum: 9\n', ''],
    ];
    let version = 1;
    for (const [find, replace] of edits) {
      const at = text.indexOf(find, text.indexOf('\npaths:'));
      assert.ok(at > 0, find);
      const range = { start: positionAt(text, at), end: positionAt(text, at + find.length) };
      text = text.slice(0, at) + replace + text.slice(at + find.length);
      version++;
      await client.change(uri, version, [{ range, text: replace }]);
      const published = await client.diagnosticsFor(uri, version);
      const freshUri = `file:///work/fresh-${version}.yaml`;
      await client.open(freshUri, 'yaml', text);
      const fresh = await client.diagnosticsFor(freshUri, 1);
      assert.deepEqual(shownDiagnostics(published.diagnostics), shownDiagnostics(fresh.diagnostics), `after replacing ${JSON.stringify(find)}`);
    }
  });
});
