import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asArray, asObject, child, owningProperty, type AstNode } from '../ast';
import { parse, type SourceFormat } from '../parse';
import { insertProperty, removeArrayItem, replacePropertyValue, setProperty } from './structuralEdits';
import { applyEdits } from './textEdit';

function edit(text: string, format: SourceFormat, path: string[], fn: (doc: ReturnType<typeof parse>, node: AstNode) => ReturnType<typeof insertProperty>): string | undefined {
  const doc = parse(text, format);
  const node = path.reduce<AstNode | undefined>((n, key) => child(n, key), doc.root)!;
  const result = fn(doc, node);
  if (!result) return undefined;
  const edited = applyEdits(text, [result]);
  assert.deepEqual(parse(edited, format).problems, [], `edit broke the document:\n${edited}`);
  return edited;
}
const insert = (key: string, value: Parameters<typeof insertProperty>[3]) => (doc: ReturnType<typeof parse>, node: AstNode) => insertProperty(doc, asObject(node)!, key, value);

describe('structural edits', () => {
  it('inserts into block YAML after the last entry, before trailing comments, at the siblings\' column', () => {
    const text = 'a:\n  b: 1 # one\n  c:\n    d: 2\n  # about e\ne: 3\n';
    assert.equal(edit(text, 'yaml', ['a'], insert('extra', { x: [1, 'two'] })), 'a:\n  b: 1 # one\n  c:\n    d: 2\n  extra:\n    x:\n      - 1\n      - two\n  # about e\ne: 3\n');
  });

  it('inserts into a mapping that is a sequence item', () => {
    const text = 'servers:\n  - url: https://a.example.com\n    description: A\n';
    assert.equal(edit(text, 'yaml', [], (doc, root) => insertProperty(doc, asObject(asArray(child(root, 'servers'))!.items[0])!, 'x-internal', false)), `${text}    x-internal: false\n`);
  });

  it('adds a line break at the end of a file without one, and keeps CRLF', () => {
    assert.equal(edit('a:\r\n  b: 1', 'yaml', ['a'], insert('c', 'text: with colon')), 'a:\r\n  b: 1\r\n  c: "text: with colon"');
  });

  it('inserts after a block scalar', () => {
    const text = 'a:\n  b: |\n    line one\n    line two\n\nz: 1\n';
    assert.equal(edit(text, 'yaml', ['a'], insert('c', true)), 'a:\n  b: |\n    line one\n    line two\n  c: true\n\nz: 1\n');
  });

  it('inserts into flow YAML and empty flow mappings', () => {
    assert.equal(edit('a: {b: 1}\n', 'yaml', ['a'], insert('c', { d: 'e f' })), 'a: {b: 1, c: {d: e f}}\n');
    assert.equal(edit('a: {}\n', 'yaml', ['a'], insert('c', 1)), 'a: {c: 1}\n');
  });

  it('inserts into JSON: pretty, tab-indented, single-line and empty objects', () => {
    assert.equal(edit('{\n  "a": {\n    "b": 1\n  }\n}', 'json', ['a'], insert('c', { d: 2 })), '{\n  "a": {\n    "b": 1,\n    "c": {\n      "d": 2\n    }\n  }\n}');
    assert.equal(edit('{\n\t"a": 1\n}', 'json', [], insert('b', [true])), '{\n\t"a": 1,\n\t"b": [\n\t\ttrue\n\t]\n}');
    assert.equal(edit('{\n  "a": {"b": 1}\n}', 'json', ['a'], insert('c', 2)), '{\n  "a": {"b": 1, "c": 2}\n}');
    assert.equal(edit('{\n  "a": {}\n}', 'json', ['a'], insert('c', 2)), '{\n  "a": {"c": 2}\n}');
  });

  it('refuses block mappings whose layout it cannot know', () => {
    assert.equal(edit('a: {b: 1}\n', 'yaml', [], (doc, root) => insertProperty(doc, { ...asObject(root)!, properties: [] }, 'x', 1)), undefined);
  });

  it('replaces values: scalars keep quotes, block collections collapse onto the key line', () => {
    assert.equal(edit("a: 'x'\n", 'yaml', [], (doc, root) => replacePropertyValue(doc, owningProperty(child(root, 'a')!)!, 'y z')), "a: 'y z'\n");
    assert.equal(edit('a:\n  b: 1\n  c: 2\nd: 3\n', 'yaml', [], (doc, root) => replacePropertyValue(doc, owningProperty(child(root, 'a')!)!, false)), 'a: false\nd: 3\n');
    assert.equal(edit('{"a": {"b": 1}}', 'json', [], (doc, root) => setProperty(doc, asObject(root)!, 'a', false)), '{"a": false}');
    assert.equal(edit('{"a": 1}', 'json', [], (doc, root) => setProperty(doc, asObject(root)!, 'b', null)), '{"a": 1,"b":null}');
  });

  it('removes list items with their dash line or their comma', () => {
    const remove = (index: number) => (doc: ReturnType<typeof parse>, node: AstNode) => removeArrayItem(doc, asArray(node)!, index);
    assert.equal(edit('s:\n  - a # x\n  - b\nt: 1\n', 'yaml', ['s'], remove(0)), 's:\n  - b\nt: 1\n');
    assert.equal(edit('s: [a, b, c]\n', 'yaml', ['s'], remove(1)), 's: [a, c]\n');
    assert.equal(edit('s: [a, b, c]\n', 'yaml', ['s'], remove(2)), 's: [a, b]\n');
    assert.equal(edit('{"s": ["a"]}', 'json', ['s'], remove(0)), '{"s": []}');
  });
});
