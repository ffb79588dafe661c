import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { random } from '../support/fuzz';
import { LspTestClient, shownDiagnostics } from '../support/lspClient';
import { repoRoot } from '../support/paths';

const orders = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'orders-3.0.yaml'), 'utf8');


/**
 * The lint worker is sent a document's edits, not its text, when it holds the version before (textSync.ts): its
 * copy must stay the editor's through any edits, and a document closed and opened again must never be mistaken
 * for the one before.
 */
describe('document text between the server and its lint worker', () => {
  let client: LspTestClient | undefined;
  afterEach(async () => {
    if (client) assert.equal(await client.stop(), 0, `server exited uncleanly: ${client.stderr}`);
    client = undefined;
  });

  it('after seeded random edits (several per event, across lines, CRLF), publishes what a fresh open of the text gets', async () => {
    client = await LspTestClient.start({ settings: () => ({}), initializationOptions: { debounceMs: 0 } });
    const rand = random(20261204);
    const INSERTS = ['x', '\n', '\r\n', '  ', 'description: typed\n', '# comment\n', '', '😀'];
    for (const [name, original] of [['lf', orders], ['crlf', orders.replace(/\n/g, '\r\n')]] as const) {
      const uri = `file:///work/edited-${name}.yaml`;
      const mirror = TextDocument.create(uri, 'yaml', 1, original);
      await client.open(uri, 'yaml', original);
      await client.diagnosticsFor(uri, 1);
      for (let version = 2; version <= 31; version++) {
        const events: TextDocumentContentChangeEvent[] = [];
        for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
          const text = mirror.getText();
          const start = Math.floor(rand() * text.length);
          const end = Math.min(text.length, start + Math.floor(rand() * 40) * (rand() < 0.5 ? 1 : 0));
          const event = { range: { start: mirror.positionAt(start), end: mirror.positionAt(end) }, text: INSERTS[Math.floor(rand() * INSERTS.length)] };
          events.push(event);
          TextDocument.update(mirror, [event], version);
        }
        await client.change(uri, version, events);
        const published = await client.diagnosticsFor(uri, version);
        if (version % 10 !== 1) continue;
        const freshUri = `file:///work/fresh-${name}-${version}.yaml`;
        await client.open(freshUri, 'yaml', mirror.getText());
        const fresh = await client.diagnosticsFor(freshUri, 1);
        await client.close(freshUri);
        assert.deepEqual(shownDiagnostics(published.diagnostics), shownDiagnostics(fresh.diagnostics), `${name}, version ${version}`);
      }
    }
  });

  it('a document closed and opened again with other text, at the same version, is linted as its new text', async () => {
    client = await LspTestClient.start({ settings: () => ({}), initializationOptions: { debounceMs: 0 } });
    const uri = 'file:///work/reopened.yaml';
    const withServer = orders;
    const withoutServer = orders.replace(/\nservers:\n(  - .*\n|    .*\n)+/, '\n');
    assert.notEqual(withoutServer, withServer);
    await client.open(uri, 'yaml', withServer);
    const before = await client.diagnosticsFor(uri, 1);
    assert.ok(before.diagnostics.some((d) => d.code === 'owasp:api8:2023-no-server-http'));
    await client.close(uri);
    const from = client.published.length;
    await client.open(uri, 'yaml', withoutServer);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 1 && client!.published.indexOf(p) >= from);
    await client.open('file:///work/fresh.yaml', 'yaml', withoutServer);
    const fresh = await client.diagnosticsFor('file:///work/fresh.yaml', 1);
    assert.deepEqual(shownDiagnostics(after.diagnostics), shownDiagnostics(fresh.diagnostics));
  });
});
