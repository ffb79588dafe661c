import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseYamlText } from 'yaml';
import type { AstNode } from '../server/src/engine/ast';
import { parseJsonFast } from '../server/src/engine/parse/fastJson';
import { parseJson, parseWithJsoncParser } from '../server/src/engine/parse/parseJson';
import { MAX_NESTING_DEPTH } from '../server/src/engine/parse/problems';
import { junkEdits, random } from './support/fuzz';
import { corpusDir, repoRoot } from './support/paths';

// A thrown error other than the parser's own give-up is a bug: in the product it falls back silently, here it fails the test.
process.env.OPENAPI_SECURITY_FAST_JSON_STRICT = '1';

/**
 * The fast JSON parser either gives up or builds exactly the tree of the jsonc-parser path (values, styles,
 * every offset), and only for text jsonc-parser parses without a problem. Checked on hand-written cases,
 * on the corpus's JSON files, on its YAML files written out as JSON (indented, tab-indented, CRLF, compact)
 * and on seeded random edits.
 */

/**
 * The tree as a list of nodes in document order, without parent links (checked separately): built without
 * recursion, so that deepEqual compares 1,000-level nesting and million-node documents without running out
 * of stack.
 */
function shape(root: AstNode | undefined): unknown[] {
  const out: unknown[] = [];
  const stack: (AstNode | undefined)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) {
      out.push(node);
      continue;
    }
    const base = { kind: node.kind, offset: node.offset, end: node.end, key: node.key };
    if (node.kind === 'object') {
      out.push({ ...base, flow: node.flow, properties: node.properties.map((p) => ({ key: p.key, keyOffset: p.keyOffset, keyEnd: p.keyEnd, end: p.end, inherited: p.inherited })) });
      for (let i = node.properties.length - 1; i >= 0; i--) stack.push(node.properties[i].value);
    } else if (node.kind === 'array') {
      out.push({ ...base, flow: node.flow, items: node.items.length });
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else {
      out.push({ ...base, value: node.value, style: node.style });
    }
  }
  return out;
}

function assertParentsLinked(root: AstNode): void {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const children = node.kind === 'object' ? node.properties.map((p) => p.value!) : node.kind === 'array' ? node.items : [];
    children.forEach((c, i) => {
      assert.equal(c.parent, node);
      assert.equal(c.key, node.kind === 'object' ? node.properties[i].key : i);
      stack.push(c);
    });
  }
}

/** Fast result (or undefined), checked against the jsonc-parser path. */
function checkSame(text: string, label: string): AstNode | undefined {
  const fast = parseJsonFast(text);
  if (!fast) return undefined;
  const slow = parseWithJsoncParser(text);
  assert.deepEqual(slow.problems, [], `${label}: the fast path accepted text that jsonc-parser reports: ${slow.problems[0]?.message}`);
  assert.deepEqual(shape(fast), shape(slow.root), `${label}: trees differ`);
  assertParentsLinked(fast);
  return fast;
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

const HANDLED = [
  '{"openapi": "3.1.0", "info": {"title": "Pets", "version": "1"}}',
  '{\n  "a": 1,\n  "b": [true, false, null],\n  "c": {"d": "e"},\n  "e": [],\n  "f": {}\n}\n',
  '\t{\r\n\t"a" :\t[ 1 , 2 ] ,\r\n\t"b":{ }\r\n}\r\n',
  '{"n": [0, -0, 1.5, -2.25e-3, 1E+10, 3e0, 12345678901234567890, 1e400, 0.1]}',
  '{"s": "esc \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00 \\ud800 end", "\\u0041key\\n": "x"}',
  '{"unicode": "é ü 😀 \u2028 \u007f", "": "", "empty key": ""}',
  '{"dup": 1, "dup": 2}',
  '[1, "two", {"three": 3}]',
  '"just a string"',
  '42',
  'null',
  '  true  \n',
  // The deepest nesting analysed: depth 0 to MAX_NESTING_DEPTH.
  nested(MAX_NESTING_DEPTH + 1),
];

const GIVES_UP = [
  '',
  '   \n',
  '{"a": 1, /* comment */ "b": 2}',
  '{"a": 1} // trailing comment',
  '{"a": 1,}',
  '[1, 2,]',
  '\ufeff{"a": 1}',
  '{"a": 01}',
  '{"a": .5}',
  '{"a": +1}',
  '{"a": 1.}',
  '{"a": 1e}',
  '{"a": -}',
  '{"a": NaN}',
  "{'a': 1}",
  '{a: 1}',
  '{"a": "tab\there"}',
  '{"a": "line\nbreak"}',
  '{"a": "\\x41"}',
  '{"a": "\\u12"}',
  '{"a": tru}',
  '{"a": truex}',
  '{"a": nulll}',
  '[1 2]',
  '{"a" 1}',
  '{"a": 1 "b": 2}',
  '{"a": 1}}',
  '{"a": 1} x',
  '{"a": "unterminated}',
  '{"a": [1, 2}',
  '{"a":\u000b1}',
  '{"a":\u00a01}',
  '{"a":\f1}',
  nested(MAX_NESTING_DEPTH + 2),
];

/** `npm run fuzz` multiplies the edits (OPENAPI_SECURITY_FUZZ_SCALE). */
const EDITS_PER_SOURCE = 40 * Math.max(1, Number(process.env.OPENAPI_SECURITY_FUZZ_SCALE) || 1);

describe('fast JSON parser', () => {
  it("builds the jsonc-parser path's tree for strict JSON", () => {
    for (const text of HANDLED) {
      assert.ok(checkSame(text, JSON.stringify(text.slice(0, 80))), `the fast path gave up on ${JSON.stringify(text.slice(0, 80))}`);
    }
  });

  it('gives up on what is not strict JSON, and parseJson still reports it', () => {
    for (const text of GIVES_UP) {
      const label = JSON.stringify(text.slice(0, 80));
      assert.equal(parseJsonFast(text), undefined, label);
      const viaParseJson = parseJson(text);
      const viaJsonc = parseWithJsoncParser(text);
      assert.deepEqual(viaParseJson.problems, viaJsonc.problems, label);
      assert.deepEqual(shape(viaParseJson.root), shape(viaJsonc.root), label);
    }
    // Not merely a refusal: the ones that are errors for jsonc-parser too are reported to the user.
    assert.ok(parseJson('{"a": 01}').problems.length > 0);
    assert.ok(parseJson(nested(MAX_NESTING_DEPTH + 2)).problems.some((p) => p.code === 'nesting-depth'));
  });

  const dir = corpusDir();
  const corpusFiles = existsSync(dir) ? filesUnder(dir, /\.(json|ya?ml)$/) : [];
  const skip = corpusFiles.length === 0 ? `corpus not found at ${dir} (pass --corpus DIR or set OPENAPI_SECURITY_CORPUS)` : false;

  it('equals the jsonc-parser path on every JSON file of the corpus, and on its YAML specs written as JSON', { skip, timeout: 600_000 }, () => {
    let checked = 0;
    for (const file of corpusFiles) {
      const text = readFileSync(file, 'utf8');
      if (file.endsWith('.json')) {
        assert.ok(checkSame(text, file), `the fast path gave up on ${file}`);
        checked++;
        continue;
      }
      // The split spec's 2,907 fragments are many small documents of one style: its entry file stands for them.
      if (file.includes('digitalocean-multi') && !/digitalocean-multi[\\/][^\\/]+$/.test(file)) continue;
      const value: unknown = parseYamlText(text, { maxAliasCount: -1 });
      for (const [variant, json] of [
        ['2 spaces', JSON.stringify(value, null, 2)],
        ['tabs, CRLF', JSON.stringify(value, null, '\t').replace(/\n/g, '\r\n')],
        ['compact', JSON.stringify(value)],
      ]) {
        assert.ok(checkSame(json, `${file} (${variant})`), `the fast path gave up on ${file} (${variant})`);
        checked++;
      }
    }
    assert.ok(checked >= 3, `only ${checked} documents checked`);
  });

  it('under seeded random edits: gives up or equals the jsonc-parser path', { timeout: 600_000 }, () => {
    const sources = [...filesUnder(path.join(repoRoot, 'test', 'fixtures'), /\.json$/), ...filesUnder(path.join(repoRoot, 'examples'), /\.ya?ml$/)]
      .map((f) => readFileSync(f, 'utf8'))
      .map((text) => (text.trimStart().startsWith('{') ? text : JSON.stringify(parseYamlText(text), null, 2)))
      .filter((text) => text.length < 200_000)
      .concat(HANDLED.filter((text) => text.length < 1000));
    const rand = random(Number(process.env.OPENAPI_SECURITY_FAST_JSON_SEED) || 20261203);
    const JUNK = [' ', '\n', '\t', '\r\n', ',', ':', '"', '\\', '\\n', '\\u00e9', '\\u12', '{', '}', '[', ']', '{}', '[]', '0', '-', '.', 'e', '1e5', '-0', '.5', 'true', 'null', 'x', '/', '//', '/*', '*/', '\u00a0', '\ufeff', '\u0001', '😀'];
    let accepted = 0;
    let total = 0;
    for (const { text, label } of junkEdits(sources, JUNK, rand, EDITS_PER_SOURCE, 0.3)) {
      total++;
      if (checkSame(text, label)) accepted++;
    }
    // Both outcomes must occur, or the comparison checked nothing.
    assert.ok(accepted > total * 0.1 && accepted < total * 0.95, `fast path accepted ${accepted} of ${total} edited inputs`);
  });
});

function filesUnder(dir: string, name: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, name));
    else if (name.test(entry.name)) out.push(full);
  }
  return out.sort();
}
