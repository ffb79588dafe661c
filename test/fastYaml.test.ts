import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { AstNode } from '../server/src/engine/ast';
import { parseYamlFast } from '../server/src/engine/parse/fastYaml';
import { parseWithYamlPackage, parseYaml } from '../server/src/engine/parse/parseYaml';
import { junkEdits, random } from './support/fuzz';
import { corpusDir, repoRoot } from './support/paths';

// A thrown error other than the parser's own give-up is a bug: in the product it falls back silently, here it fails the test.
process.env.OPENAPI_SECURITY_FAST_YAML_STRICT = '1';

/**
 * The fast YAML parser either gives up or builds exactly the tree of the `yaml` path (values, styles,
 * every offset), and only for text `yaml` parses without a problem. Checked on hand-written cases,
 * on every YAML file of the corpus (as written and with CRLF line breaks) and on seeded random edits.
 */

/** The tree without parent links (compared separately), so deepEqual can walk it. */
function shape(node: AstNode | undefined): unknown {
  if (!node) return node;
  const base = { kind: node.kind, offset: node.offset, end: node.end, key: node.key };
  if (node.kind === 'object') return { ...base, flow: node.flow, properties: node.properties.map((p) => ({ key: p.key, keyOffset: p.keyOffset, keyEnd: p.keyEnd, end: p.end, inherited: p.inherited, value: shape(p.value) })) };
  if (node.kind === 'array') return { ...base, flow: node.flow, items: node.items.map(shape) };
  return { ...base, value: node.value, style: node.style };
}

function assertParentsLinked(node: AstNode): void {
  const children = node.kind === 'object' ? node.properties.map((p) => p.value!) : node.kind === 'array' ? node.items : [];
  children.forEach((c, i) => {
    assert.equal(c.parent, node);
    assert.equal(c.key, node.kind === 'object' ? node.properties[i].key : i);
    assertParentsLinked(c);
  });
}

/** Fast result (or undefined), checked against the `yaml` path. */
function checkSame(text: string, label: string): AstNode | undefined {
  const fast = parseYamlFast(text);
  if (!fast) return undefined;
  const slow = parseWithYamlPackage(text);
  if (process.env.DUMP_FAST_YAML) writeFileSync(process.env.DUMP_FAST_YAML, text); // the last input checked, for a failure's reproduction
  assert.deepEqual(slow.problems, [], `${label}: the fast path accepted text that \`yaml\` reports: ${slow.problems[0]?.message}`);
  assert.ok(!slow.hasAliases, label);
  assert.deepEqual(shape(fast), shape(slow.root), `${label}: trees differ`);
  assertParentsLinked(fast);
  return fast;
}

const HANDLED = [
  'openapi: 3.1.0\ninfo:\n  title: "Pets"   # comment\n  version: \'1\'\n',
  '---\n# lead\na: 1\nb: -2\nc: 0x1F\nd: 0o17\ne: 1.5e3\nf: .5\ng: ~\nh: Null\ni: TRUE\nj: false\nk: 3.1\nl: 1.0.0\n',
  '200:\n  a: 1\n1.50: x\ntrue: y\nnull: z\n',
  'a:\n- x\n- y\nb:\n  - - 1\n    - 2\n  - k: v\n    m: n\n',
  'a: |\n  line\n\n  more\n     deeper\nb: >-\n  folded\n  text\n\n  para\n   spaced\n  back\nc: |+\n  kept\n\n\nd: 1\n',
  'a: >\n\n  leading\ne: |\nf: |+\n    \ng: x\n',
  'a: [1, "two", {three: 3, "four": [ ]}, {}]\nb: {x: y, z: "w"}\nc: [\n    a, # comment\n    b\n  ]\n',
  'a: text\n  continued\n\n  para - with [brackets] and "quotes"\nb: url http://x:8080/y\n',
  "a: 'it''s'\nb: \"esc \\\" \\n \\t \\u00e9 \\x41 \\U0001F600 \\\\\"\nc: 'multi\n  line\n\n  quote'\nd: \"joined\\\n   here\"\n",
  'a: 2\n? very.long.key\n: type: object\n  x: 1\n? other\n: plain\n',
  'a: 1\r\nb:\r\n  c: |\r\n    x\r\n    y\r\n  d: [1,\r\n    2]\r\n',
  '  /pets:\n    get:\n      operationId: x\n',
  '{"a": 1, "b": [true, null], "c": {"d": "e"}}\n',
  'a: |\n  no final line break',
];

const GIVES_UP = [
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a: 1\na: 2\n',
  '<<: {a: 1}\n',
  'a:\n\tb: 1\n',
  'a: b: c\n',
  'a: x #c\n  y\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: 1\n---\nb: 2\n',
  'a: 1\n# c\n--- b: 2\n',
  '# c\n...\na: 1\n',
  'a: [1, 2,, 3]\n',
  'k: [\n1]\n',
  'a: |2\n   x\n',
  'a: "unterminated\n',
  '- \n- a\n',
  'just a scalar\n',
  '\ufeffa: 1\n',
  'a: .inf\n',
];

/** `npm run fuzz` multiplies the edits (OPENAPI_SECURITY_FUZZ_SCALE). */
const EDITS_PER_SOURCE = 40 * Math.max(1, Number(process.env.OPENAPI_SECURITY_FUZZ_SCALE) || 1);

describe('fast YAML parser', () => {
  it('builds the `yaml` path\'s tree for the subset OpenAPI documents use', () => {
    for (const text of HANDLED) {
      assert.ok(checkSame(text, JSON.stringify(text)), `the fast path gave up on ${JSON.stringify(text)}`);
    }
  });

  it('gives up on what it does not cover, and parseYaml still reports it', () => {
    for (const text of GIVES_UP) {
      assert.equal(parseYamlFast(text), undefined, JSON.stringify(text));
      const viaParseYaml = parseYaml(text);
      const viaYaml = parseWithYamlPackage(text);
      assert.deepEqual(viaParseYaml.problems, viaYaml.problems, JSON.stringify(text));
      assert.deepEqual(shape(viaParseYaml.root), shape(viaYaml.root), JSON.stringify(text));
    }
  });

  const dir = corpusDir();
  const corpusYaml = existsSync(dir) ? yamlFilesUnder(dir) : [];
  it('equals the `yaml` path on every YAML file of the corpus, LF and CRLF', { skip: corpusYaml.length === 0 ? `corpus not found at ${dir} (pass --corpus DIR or set OPENAPI_SECURITY_CORPUS)` : false, timeout: 600_000 }, () => {
    let fast = 0;
    for (const file of corpusYaml) {
      const text = readFileSync(file, 'utf8');
      if (checkSame(text, file)) fast++;
      if (statSync(file).size > 50_000) checkSame(text.replace(/\r?\n/g, '\r\n'), `${file} (CRLF)`);
    }
    // Nearly every real document is in the subset; if this falls, the speed-up is gone (not a correctness problem).
    assert.ok(fast / corpusYaml.length > 0.95, `fast path on ${fast} of ${corpusYaml.length} files`);
  });

  it('under seeded random edits: gives up or equals the `yaml` path', { timeout: 600_000 }, () => {
    const sources = [...yamlFilesUnder(path.join(repoRoot, 'test', 'fixtures')), ...yamlFilesUnder(path.join(repoRoot, 'examples'))]
      .map((f) => readFileSync(f, 'utf8'))
      .concat(HANDLED)
      .concat(corpusYaml.filter((f) => !f.includes('digitalocean-multi')).map((f) => firstLines(readFileSync(f, 'utf8'), 400)));
    const rand = random(Number(process.env.OPENAPI_SECURITY_FAST_YAML_SEED) || 20261203);
    const JUNK = [' ', '\n', ':', ': ', '- ', '-', '#', ' #', '"', "'", "''", '\\', '|', '>', '|-', '>+', '[', ']', '{', '}', ',', '? ', '&a', '*a', '!', '%', '@', '`', '\r\n', '  ', '\n  ', '---', '...', '0x', '.5', '~', 'true'];
    let accepted = 0;
    let total = 0;
    for (const { text, label } of junkEdits(sources, JUNK, rand, EDITS_PER_SOURCE, 0.5)) {
      total++;
      if (checkSame(text, label)) accepted++;
    }
    // Both outcomes must occur, or the comparison checked nothing.
    assert.ok(accepted > total * 0.1 && accepted < total * 0.95, `fast path accepted ${accepted} of ${total} edited inputs`);
  });
});

function yamlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

function firstLines(text: string, count: number): string {
  return text.split('\n').slice(0, count).join('\n');
}
