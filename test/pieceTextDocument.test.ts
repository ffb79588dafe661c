import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument, type Position, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { PieceTextDocument } from '../server/src/pieceTextDocument';
import { random } from './support/fuzz';
import { repoRoot } from './support/paths';

/**
 * The main thread's piece document must be indistinguishable from vscode-languageserver-textdocument's: the
 * same text, lines, positions and offsets after any sequence of edits, since the lint worker applies the same
 * edits to the library's document (textSync.ts) and both must mean the same characters.
 */

const SAMPLES = [
  readFileSync(path.join(repoRoot, 'test', 'fixtures', 'orders-3.0.yaml'), 'utf8'),
  'openapi: 3.0.3\r\ninfo:\r\n  title: CRLF\r\n  version: "1"\r\npaths: {}\r\n',
  'a\rb\r\nc\n\nd',
  '',
  '😀 é\nline two\r',
];
const INSERTS = ['', 'x', '\n', '\r', '\r\n', '\n\n', 'two\nlines', 'a\r\nb\r\n', '😀', '  - item\n', 'é'.repeat(40)];

function compare(piece: PieceTextDocument, reference: TextDocument, rand: () => number, label: string): void {
  const text = reference.getText();
  assert.equal(piece.getText(), text, `${label}: text`);
  assert.equal(piece.lineCount, reference.lineCount, `${label}: lineCount`);
  assert.equal(piece.version, reference.version, `${label}: version`);
  for (let k = 0; k < 12; k++) {
    const offset = Math.floor(rand() * (text.length + 3)) - 1;
    assert.deepEqual(piece.positionAt(offset), reference.positionAt(offset), `${label}: positionAt(${offset})`);
    const position: Position = { line: Math.floor(rand() * (reference.lineCount + 2)) - 1, character: Math.floor(rand() * 30) - 2 };
    assert.equal(piece.offsetAt(position), reference.offsetAt(position), `${label}: offsetAt(${JSON.stringify(position)})`);
    const end: Position = { line: position.line + Math.floor(rand() * 3), character: Math.floor(rand() * 30) };
    assert.equal(piece.getText({ start: position, end }), reference.getText({ start: position, end }), `${label}: getText(range)`);
    const line = Math.floor(rand() * (reference.lineCount + 2)) - 1;
    assert.deepEqual(piece.getLineRange(line), reference.getLineRange(line), `${label}: getLineRange(${line})`);
    assert.equal(piece.getEOLCharacters(line), reference.getEOLCharacters(line), `${label}: getEOLCharacters(${line})`);
  }
}

function randomChange(reference: TextDocument, rand: () => number): TextDocumentContentChangeEvent {
  if (rand() < 0.02) return { text: SAMPLES[Math.floor(rand() * SAMPLES.length)] };
  const text = reference.getText();
  const a = reference.positionAt(Math.floor(rand() * (text.length + 1)));
  const b = rand() < 0.5 ? a : reference.positionAt(Math.floor(rand() * (text.length + 1)));
  // Ranges as editors send them, and some as they should not (reversed, past the end of a line or of the text).
  const wild = rand() < 0.1 ? { line: a.line, character: a.character + Math.floor(rand() * 200) } : b;
  const insert = INSERTS[Math.floor(rand() * INSERTS.length)];
  return { range: rand() < 0.5 ? { start: a, end: wild } : { start: wild, end: a }, text: insert };
}

describe('PieceTextDocument', () => {
  it('matches vscode-languageserver-textdocument under seeded random edits', () => {
    const rand = random(20261204);
    for (const [s, sample] of SAMPLES.entries()) {
      const piece = new PieceTextDocument('file:///a.yaml', 'yaml', 1, sample);
      let reference = TextDocument.create('file:///a.yaml', 'yaml', 1, sample);
      compare(piece, reference, rand, `sample ${s}, opened`);
      // Past MAX_PIECES more than once, so the pieces are joined along the way.
      for (let version = 2; version < 220; version++) {
        const changes: TextDocumentContentChangeEvent[] = [];
        // Several changes in one event apply in order, each to the text the previous one left. The reference is
        // the library's document made afresh for each change: its line offsets, updated edit by edit, can drift
        // after a range that ends past the end of a line (its line count then differs from the text's).
        for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
          const change = randomChange(reference, rand);
          changes.push(change);
          reference = TextDocument.create('file:///a.yaml', 'yaml', version, reference.getText());
          TextDocument.update(reference, [change], version);
          reference = TextDocument.create('file:///a.yaml', 'yaml', version, reference.getText());
        }
        piece.update(changes, version);
        compare(piece, reference, rand, `sample ${s}, version ${version}`);
      }
    }
  });

  it('clamps a range past the last line to the end of the text (where the library corrupts its line offsets)', () => {
    const piece = new PieceTextDocument('file:///a.yaml', 'yaml', 1, 'a: 1\nb: 2\n');
    piece.update([{ range: { start: { line: 1, character: 2 }, end: { line: 7, character: 3 } }, text: ' 3\nc: 4' }], 2);
    assert.equal(piece.getText(), 'a: 1\nb: 3\nc: 4');
    piece.update([{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: '\n' }], 3);
    piece.update([{ range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, text: '# top\n' }], 4);
    assert.equal(piece.getText(), '# top\na: 1\nb: 3\nc: 4\n');
    const reference = TextDocument.create('file:///a.yaml', 'yaml', 4, piece.getText());
    assert.equal(piece.lineCount, reference.lineCount);
    for (let offset = 0; offset <= piece.getText().length; offset++) assert.deepEqual(piece.positionAt(offset), reference.positionAt(offset));
  });

  it('keeps an edited big text as a rope: the length is known without joining it', () => {
    const big = 'paths:\n' + '  /p:\n    get: {}\n'.repeat(50_000);
    const piece = new PieceTextDocument('file:///big.yaml', 'yaml', 1, big);
    const reference = TextDocument.create('file:///big.yaml', 'yaml', 1, big);
    const change = { range: { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } }, text: 'x' };
    piece.update([change], 2);
    TextDocument.update(reference, [change], 2);
    assert.equal(piece.getText().length, big.length + 1);
    assert.deepEqual(piece.positionAt(big.length), reference.positionAt(big.length));
    assert.equal(piece.getText({ start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }), '    xget: {}\n');
    assert.equal(piece.getText(), reference.getText());
  });
});
