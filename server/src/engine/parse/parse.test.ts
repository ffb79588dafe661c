import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { child, owningProperty, pathOf, toPlain, type AstNode } from '../ast';
import { lintText } from '../index';
import { parse } from './index';

const YAML_DOC = `# comment
openapi: 3.1.0
info:
  title: "Pets"   # trailing comment
  version: '1'
paths:
  /pets:
    get:
      responses:
        200:
          description: OK
list: [1, two, {three: 3}]
empty:
`;
const JSON_DOC = `{
  "openapi": "3.1.0",
  "info": { "title": "Pets", "version": "1" },
  "paths": { "/pets": { "get": { "responses": { "200": { "description": "OK" } } } } },
  "list": [1, "two", { "three": 3 }],
  "empty": null
}`;

function at(root: AstNode | undefined, ...keys: string[]): AstNode | undefined {
  return keys.reduce<AstNode | undefined>((node, key) => child(node, key), root);
}

describe('parse', () => {
  it('gives YAML and JSON the same tree', () => {
    const yaml = parse(YAML_DOC, 'yaml');
    const json = parse(JSON_DOC, 'json');
    assert.deepEqual(yaml.problems, []);
    assert.deepEqual(json.problems, []);
    assert.deepEqual(toPlain(yaml.root), toPlain(json.root));
  });

  it('keeps exact source ranges for keys and values', () => {
    const doc = parse(YAML_DOC, 'yaml');
    const title = at(doc.root, 'info', 'title')!;
    assert.equal(doc.text.slice(title.offset, title.end), '"Pets"');
    const prop = owningProperty(title)!;
    assert.equal(doc.text.slice(prop.keyOffset, prop.keyEnd), 'title');
    const info = at(doc.root, 'info')!;
    assert.equal(doc.text.slice(info.offset, info.end), `title: "Pets"   # trailing comment\n  version: '1'`);
    const code = at(doc.root, 'paths', '/pets', 'get', 'responses', '200')!;
    assert.deepEqual(pathOf(code), ['paths', '/pets', 'get', 'responses', '200']);
    assert.deepEqual(doc.lines.positionAt(owningProperty(code)!.keyOffset), { line: 9, character: 8 });
    const empty = owningProperty(at(doc.root, 'empty')!)!;
    assert.equal(empty.value?.kind, 'scalar');
    assert.equal(empty.end, empty.keyEnd, 'an empty value sits on its key, not on the next line');
  });

  it('counts positions in UTF-16 code units and across CRLF', () => {
    const doc = parse('openapi: 3.0.0\r\ninfo: {title: "😀 pets", version: "1"}\r\nx: bad: value\r\n', 'yaml');
    const title = at(doc.root, 'info', 'version')!;
    assert.deepEqual(doc.lines.positionAt(title.offset), { line: 1, character: 34 });
    assert.equal(doc.eol, '\r\n');
    assert.equal(doc.problems.length > 0, true);
    assert.equal(doc.lines.positionAt(doc.problems[0].offset).line, 2);
  });

  it('reports YAML syntax errors where they are and keeps what parsed', () => {
    const text = 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\nservers:\n  - url: http://api.example.com\npaths:\n  /a: {get: [\n';
    const analysis = lintText(text, { format: 'yaml' });
    const syntax = analysis.diagnostics.filter((d) => d.code === 'parse-error');
    assert.ok(syntax.length > 0);
    assert.equal(syntax[0].range.start.line, 5);
    assert.ok(analysis.diagnostics.some((d) => d.code === 'owasp:api8:2023-no-server-http'), 'rules still run on what parsed');
  });

  it('reports JSON syntax errors where they are, tolerating comments and trailing commas', () => {
    const text = '{\n  // a comment\n  "openapi": "3.0.0",\n  "servers": [{"url": "http://x.example.com"},],\n  "paths": {}\n  "info": {}\n}';
    const analysis = lintText(text, { format: 'json' });
    const syntax = analysis.diagnostics.filter((d) => d.code === 'parse-error');
    assert.deepEqual(syntax.map((d) => [d.message, d.range.start.line]), [['Comma expected', 5]]);
    assert.ok(analysis.diagnostics.some((d) => d.code === 'owasp:api8:2023-no-server-http'));
  });

  it('shares aliased nodes instead of expanding them (alias bombs cost nothing)', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const doc = parse(`openapi: 3.0.0\n${levels.join('\n')}\n`, 'yaml');
    const i = at(doc.root, 'i')!;
    assert.equal(i.kind, 'array');
    assert.equal(i.kind === 'array' && i.items[0], at(doc.root, 'h'));
  });

  it('applies merge keys and survives self-referencing anchors', () => {
    const doc = parse('base: &base {a: 1, b: 2}\nderived:\n  <<: *base\n  b: 3\nself: &self [*self]\n', 'yaml');
    assert.deepEqual(toPlain(at(doc.root, 'derived')), { b: 3, a: 1 });
    const self = at(doc.root, 'self')!;
    assert.equal(self.kind === 'array' && self.items[0], self);
  });

  it('turns absurd nesting into a diagnostic instead of a stack overflow', () => {
    const yamlFlow = lintText(`openapi: 3.0.0\ninfo: {}\nx: ${'['.repeat(20000)}`, { format: 'yaml' });
    assert.ok(yamlFlow.diagnostics.length > 0 && yamlFlow.diagnostics.length <= 101);
    assert.match(yamlFlow.diagnostics[0].message, /too deep/);
    const block = ['openapi: 3.0.0', 'x:', ...Array.from({ length: 3000 }, (_, n) => `${' '.repeat(n + 1)}k${n}:`)].join('\n');
    assert.match(lintText(block, { format: 'yaml' }).diagnostics[0].message, /too deep|deeper than/);
    const json = lintText(`{"openapi": "3.0.0", "x": ${'['.repeat(20000)}`, { format: 'json' });
    assert.match(json.diagnostics[0].message, /too deep/);
  });

  it('says nothing about YAML or JSON that is not OpenAPI, even when broken', () => {
    for (const [text, format] of [['name: x\nversion: 1\n', 'yaml'], ['{"name": "x"}', 'json'], ['a: [\n', 'yaml'], ['{"a": ', 'json']] as const) {
      const analysis = lintText(text, { format });
      assert.equal(analysis.isOpenApi, false);
      assert.deepEqual(analysis.diagnostics, []);
    }
  });
});
