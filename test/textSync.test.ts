import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DocumentService, type DocumentRequest, type DocumentSnapshot } from '../server/src/documentService';
import { EMPTY_CONFIG } from '../server/src/engine';
import { PieceTextDocument } from '../server/src/pieceTextDocument';
import { DEFAULT_SETTINGS } from '../server/src/protocol';
import { ChangeLog, HeldTexts, OUT_OF_SYNC, type TextChanges } from '../server/src/textSync';
import { DEFAULT_LIMITS, WorkerPool } from '../server/src/workerHost';
import { repoRoot } from './support/paths';

const orders = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'orders-3.0.yaml'), 'utf8');
const URI = 'file:///work/orders.yaml';

const requestFor = (document: DocumentSnapshot): DocumentRequest => ({ document, settings: DEFAULT_SETTINGS, config: EMPTY_CONFIG, roots: ['file:///work'], maxDiagnostics: 1000, overlays: [], generation: 0 });
const snapshotOf = (document: PieceTextDocument, log: ChangeLog): DocumentSnapshot => ({ uri: document.uri, languageId: document.languageId, version: document.version, text: document.getText(), textId: log.idOf(document) });

/** An edit as a client sends it: replaces the first `find` after `paths:`. */
function edit(document: PieceTextDocument, log: ChangeLog, find: string, replace: string): void {
  const text = document.getText();
  const at = text.indexOf(find, text.indexOf('\npaths:'));
  assert.ok(at > 0, find);
  const events = [{ range: { start: document.positionAt(at), end: document.positionAt(at + find.length) }, text: replace }];
  log.record(document, events, document.version + 1);
  document.update(events, document.version + 1);
}

const sent = (params: unknown) => (params as { document: DocumentSnapshot }).document;

describe('text sync between the main thread and a lint worker', () => {
  it('sends the whole text first, then only the edits since the version the worker holds', () => {
    const log = new ChangeLog();
    const held = new HeldTexts(log);
    const document = log.opened(new PieceTextDocument(URI, 'yaml', 1, orders));
    const first = sent(held.outgoing('lint', requestFor(snapshotOf(document, log))));
    assert.equal(first.text, orders);
    assert.equal(first.changes, undefined);

    edit(document, log, 'description: The order', 'description: The orders');
    edit(document, log, 'type: string', 'type: integer');
    const second = sent(held.outgoing('lint', requestFor(snapshotOf(document, log))));
    assert.equal(second.text, undefined, 'no text when the worker holds an earlier version');
    assert.deepEqual({ ...second.changes, events: second.changes!.events.length }, { textId: log.idOf(document), from: 1, events: 2, length: document.getText().length });

    // A hover on the version the worker has: nothing to send at all.
    assert.deepEqual(sent(held.outgoing('hover', requestFor(snapshotOf(document, log)))).changes?.events, []);

    // A new worker (or one that refused the edits) gets the whole text again.
    held.reset();
    assert.equal(sent(held.outgoing('lint', requestFor(snapshotOf(document, log)))).text, document.getText());

    // Closed and opened again: another document, even at the same version.
    held.outgoing('forget', URI);
    log.closed(URI);
    const reopened = log.opened(new PieceTextDocument(URI, 'yaml', 3, orders));
    assert.equal(sent(held.outgoing('lint', requestFor(snapshotOf(reopened, log)))).text, orders);
    assert.notEqual(log.idOf(reopened), log.idOf(document));
  });

  it('does not keep the edits of a document nobody lints: past the cap, the text goes whole', () => {
    const log = new ChangeLog();
    const held = new HeldTexts(log);
    const document = log.opened(new PieceTextDocument(URI, 'yaml', 1, orders));
    held.outgoing('lint', requestFor(snapshotOf(document, log)));
    for (let i = 0; i < 1_001; i++) edit(document, log, 'description: The order', 'description: The order');
    assert.equal(sent(held.outgoing('lint', requestFor(snapshotOf(document, log)))).text, document.getText());
  });

  it('the worker applies edits to the version it holds and refuses what it cannot apply', () => {
    const log = new ChangeLog();
    const held = new HeldTexts(log);
    const service = new DocumentService();
    const document = log.opened(new PieceTextDocument(URI, 'yaml', 1, orders));
    service.lint(held.outgoing('lint', requestFor(snapshotOf(document, log))) as DocumentRequest);
    edit(document, log, 'type: string', 'type: integer');
    edit(document, log, 'description: The order', 'description: The orders');
    const viaEdits = held.outgoing('lint', requestFor(snapshotOf(document, log))) as DocumentRequest;
    assert.ok(viaEdits.document.changes, 'sent as edits');
    const fresh = new DocumentService().lint(requestFor({ uri: URI, languageId: 'yaml', version: document.version, text: document.getText() }));
    const { othersId: _id, diagnosticsId: _listId, ...applied } = service.lint(viaEdits);
    const { othersId: _freshId, diagnosticsId: _freshListId, ...expected } = fresh;
    assert.deepEqual(applied, expected);

    const changes = (patch: Partial<TextChanges>): DocumentRequest => requestFor({ uri: URI, languageId: 'yaml', version: 9, textId: viaEdits.document.textId, changes: { ...viaEdits.document.changes!, from: document.version, events: [], ...patch } });
    assert.throws(() => service.lint(changes({ from: 2 })), new RegExp(OUT_OF_SYNC), 'from a version it does not hold');
    assert.throws(() => service.lint(changes({ textId: 999 })), new RegExp(OUT_OF_SYNC), 'of another document');
    assert.throws(() => new DocumentService().lint(changes({})), new RegExp(OUT_OF_SYNC), 'holding nothing');
    assert.throws(() => service.lint(changes({ length: 5 })), new RegExp(OUT_OF_SYNC), 'a result of another length');
  });

  it('a lint worker that refuses the edits gets the whole text again, and answers for it', async () => {
    const log = new ChangeLog();
    const pool = new WorkerPool(1, DEFAULT_LIMITS, () => undefined, log);
    try {
      const document = log.opened(new PieceTextDocument(URI, 'yaml', 1, orders));
      await pool.request(URI, orders.length, 'lint', requestFor(snapshotOf(document, log)));
      // The main thread's log says one thing happened, its text another (as if an edit were lost on the way).
      const events = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a comment\n' }];
      log.record(document, events, 2);
      document.update([...events, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# and another\n' }], 2);
      const outcome = await pool.request(URI, document.getText().length, 'lint', requestFor(snapshotOf(document, log)));
      assert.ok(outcome.ok, JSON.stringify(outcome));
      const fresh = new DocumentService().lint(requestFor({ uri: URI, languageId: 'yaml', version: 2, text: document.getText() }));
      assert.deepEqual(outcome.value.diagnostics, fresh.diagnostics);
    } finally {
      await pool.dispose();
    }
  });
});
