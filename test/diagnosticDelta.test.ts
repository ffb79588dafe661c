import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReceivedDiagnostics, SentDiagnostics } from '../server/src/diagnosticDelta';
import { DocumentService, type DocumentRequest } from '../server/src/documentService';
import { EMPTY_CONFIG } from '../server/src/engine';
import { DEFAULT_SETTINGS } from '../server/src/protocol';
import { random } from './support/fuzz';
import { specWithOperations } from './support/syntheticSpec';

const URI = 'file:///work/api.yaml';

/** A list after a random edit of the kinds a lint's list goes through: inserted, removed, replaced, unchanged. */
function edited(parts: string[], rand: () => number, next: () => string): string[] {
  const out = [...parts];
  const at = Math.floor(rand() * (out.length + 1));
  switch (Math.floor(rand() * 5)) {
    case 0:
      out.splice(at, 0, ...Array.from({ length: 1 + Math.floor(rand() * 3) }, next));
      break;
    case 1:
      out.splice(at, 1 + Math.floor(rand() * 3));
      break;
    case 2:
      out.splice(at, 1, next());
      break;
    case 3:
      // The same texts as new strings: equal by content, not by identity.
      return out.map((p) => `${p} `.slice(0, -1));
    default:
      break;
  }
  return out;
}

describe('diagnostics sent as changes between the lint worker and the server', () => {
  it('the server rebuilds every list the worker sends, whole or as changes, over seeded random edits', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = random(seed);
      let n = 0;
      const next = () => `{"n":${n++}}`;
      const sent = new SentDiagnostics();
      const received = new ReceivedDiagnostics();
      let parts = Array.from({ length: Math.floor(rand() * 30) }, next);
      for (let lint = 1; lint <= 60; lint++) {
        parts = edited(parts, rand, next);
        // Now and then the server holds nothing (a result it dropped): it sends no base and gets the whole list.
        const base = rand() < 0.1 ? undefined : received.baseOf(URI);
        const encoded = sent.encode(URI, parts, `w:${lint}`, base);
        if (base === undefined) received.forget(URI);
        assert.equal(encoded.diagnosticsDelta !== undefined, base !== undefined, `seed ${seed}, lint ${lint}: changes only from a list the server holds`);
        assert.deepEqual(received.decode(URI, encoded), parts, `seed ${seed}, lint ${lint}`);
      }
    }
  });

  it('sends only the diagnostics that changed, and refuses changes from a list it does not hold', () => {
    const sent = new SentDiagnostics();
    const received = new ReceivedDiagnostics();
    const before = Array.from({ length: 1000 }, (_, i) => `{"n":${i}}`);
    received.decode(URI, sent.encode(URI, before, 'a', undefined));
    const after = [...before];
    after[500] = '{"n":"moved"}';
    const changes = sent.encode(URI, after, 'b', 'a');
    assert.deepEqual(changes, { diagnostics: ['{"n":"moved"}'], diagnosticsId: 'b', diagnosticsDelta: { base: 'a', head: 500, tail: 499 } });
    assert.deepEqual(new ReceivedDiagnostics().decode(URI, changes), undefined, 'a server holding nothing');
    const other = new ReceivedDiagnostics();
    other.decode(URI, { diagnostics: before, diagnosticsId: 'c' });
    assert.equal(other.decode(URI, changes), undefined, 'a server holding another list');
    assert.equal(other.baseOf(URI), undefined, 'which then holds nothing, so that the next lint sends all');
    assert.deepEqual(received.decode(URI, changes), after);
  });

  it("after a keystroke, the document service sends a big spec's diagnostics as the few that moved", () => {
    const service = new DocumentService();
    const received = new ReceivedDiagnostics();
    const text = specWithOperations(300);
    const request = (version: number, body: string): DocumentRequest => ({
      document: { uri: URI, languageId: 'yaml', version, text: body },
      settings: DEFAULT_SETTINGS,
      config: EMPTY_CONFIG,
      roots: [],
      maxDiagnostics: 1000,
      overlays: [],
      generation: 0,
      diagnosticsBase: received.baseOf(URI),
    });
    const first = received.decode(URI, service.lint(request(1, text)));
    assert.ok(first && first.length > 300, `the spec has many findings (${first?.length})`);
    // A character typed inside a description in the middle: only that line's findings move.
    const at = text.indexOf('description:', Math.floor(text.length / 2)) + 'description:'.length;
    const typed = `${text.slice(0, at)} x${text.slice(at)}`;
    const changes = service.lint(request(2, typed));
    assert.ok(changes.diagnosticsDelta, 'sent as changes');
    assert.ok(changes.diagnostics.length < 10, `${changes.diagnostics.length} of ${first.length} diagnostics sent`);
    assert.deepEqual(received.decode(URI, changes), new DocumentService().lint({ ...request(2, typed), diagnosticsBase: undefined }).diagnostics);
  });
});
