import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../lineIndex';
import { parse } from '../parse';
import { changedSpan, reparsePathItem } from './reparse';

/** A small deterministic generator: the same cases on every run. */
function seeded(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
}

describe('changedSpan', () => {
  it('finds the smallest differing span, across chunk boundaries', () => {
    const base = 'a'.repeat(10_000) + 'middle' + 'b'.repeat(10_000);
    assert.equal(changedSpan(base, base), undefined);
    assert.deepEqual(changedSpan(base, base.replace('middle', 'midxdle')), { start: 10_003, oldEnd: 10_003, newEnd: 10_004 });
    assert.deepEqual(changedSpan(base, base.replace('middle', 'mile')), { start: 10_002, oldEnd: 10_004, newEnd: 10_002 });
    assert.deepEqual(changedSpan('', 'x'), { start: 0, oldEnd: 0, newEnd: 1 });
    assert.deepEqual(changedSpan('abc', ''), { start: 0, oldEnd: 3, newEnd: 0 });
  });

  it('text before and after the span is identical in both texts, for random edits', () => {
    const random = seeded(11);
    for (let i = 0; i < 300; i++) {
      const before = Array.from({ length: random(9000) }, () => 'ab\n'[random(3)]).join('');
      const at = random(before.length + 1);
      const cut = Math.min(before.length, at + random(20));
      const after = before.slice(0, at) + 'xa\n'.slice(0, random(4)) + before.slice(cut);
      const span = changedSpan(before, after);
      if (before === after) continue;
      assert.ok(span);
      assert.equal(before.slice(0, span.start), after.slice(0, span.start));
      assert.equal(before.slice(span.oldEnd), after.slice(span.newEnd));
      assert.equal(before.slice(0, span.start) + after.slice(span.start, span.newEnd) + before.slice(span.oldEnd), after);
    }
  });
});

describe('LineIndex.spliced', () => {
  it('equals a fresh index after random edits with LF, CRLF and lone CR', () => {
    const random = seeded(5);
    const pieces = ['a', 'bb', '\n', '\r\n', '\r', ' '];
    const text = (n: number) => Array.from({ length: n }, () => pieces[random(pieces.length)]).join('');
    for (let i = 0; i < 500; i++) {
      const before = text(random(60));
      const at = random(before.length + 1);
      const end = Math.min(before.length, at + random(6));
      const after = before.slice(0, at) + text(random(4)) + before.slice(end);
      const span = changedSpan(before, after) ?? { start: 0, oldEnd: 0, newEnd: 0 };
      const spliced = LineIndex.spliced(new LineIndex(before), after, span.start, span.oldEnd, span.newEnd);
      assert.deepEqual(spliced.lineStarts, new LineIndex(after).lineStarts, JSON.stringify({ before, after }));
    }
  });
});

describe('reparsePathItem', () => {
  const spec = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      summary: one\n  /b:\n    get:\n      summary: two\ncomponents: {}\n';

  it('re-parses the edited item only: other nodes keep their identity and move', () => {
    const previous = parse(spec, 'yaml');
    const b = (previous.root as { properties: Array<{ value: { properties: Array<{ value: unknown }> } }> }).properties[2].value.properties[1];
    const edited = spec.replace('summary: one', 'summary: one more');
    const result = reparsePathItem(previous, edited);
    assert.ok(result);
    assert.equal(result.change.index, 0);
    const fresh = parse(edited, 'yaml');
    const paths = (doc: typeof fresh) => JSON.stringify(doc.root, (key, value) => (key === 'parent' || key === 'index' ? undefined : value));
    assert.equal(paths(result.document), paths(fresh));
    // The second item was moved, not rebuilt.
    const moved = (result.document.root as { properties: Array<{ value: { properties: unknown[] } }> }).properties[2].value.properties[1];
    assert.equal(moved, b);
    assert.deepEqual(result.document.lines.lineStarts, fresh.lines.lineStarts);
  });

  it('declines what it cannot prove equal: edits across items, new top-level keys, syntax errors, aliases', () => {
    assert.equal(reparsePathItem(parse(spec, 'yaml'), spec.replace('one', '1').replace('two', '2')), undefined);
    assert.equal(reparsePathItem(parse(spec, 'yaml'), spec.replace('      summary: two\n', '      summary: two\nx-top: 1\n')), undefined);
    assert.equal(reparsePathItem(parse(spec, 'yaml'), spec.replace('summary: one', 'summary: [one')), undefined);
    assert.equal(reparsePathItem(parse(spec, 'yaml'), spec.replace('summary: one', 'summary: *x')), undefined);
    assert.equal(reparsePathItem(parse(spec, 'yaml'), spec.replace('  /a:\n', '  /b:\n')), undefined);
    const aliased = spec.replace('components: {}', 'components: &c {}\nx-c: *c');
    assert.equal(reparsePathItem(parse(aliased, 'yaml'), aliased.replace('one', 'uno')), undefined);
  });
});
