import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asObject, child } from '../ast';
import { lintText } from '../index';
import { pathItemStructure, PathItemView } from './pathItemModel';

const spec = `openapi: 3.0.3
info: {title: t, version: '1'}
servers: [{url: 'https://api.example.com'}]
paths:
  /a:
    servers: [{url: 'https://a.example.com'}]
    get:
      description: Lists things.
      operationId: listA
      responses:
        '200': {$ref: '#/components/responses/Ok'}
  /b:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: string}}}}
components:
  responses:
    Ok:
      description: ok
      content: {application/json: {schema: {type: integer}}}
`;

function viewOf(text: string, path: string): PathItemView {
  const model = lintText(text, { format: 'yaml' }).model!;
  const entry = asObject(child(model.root, 'paths'))!.properties.find((p) => p.key === path)!;
  return new PathItemView(model, entry);
}

describe('PathItemView: one path item as if it were the whole API', () => {
  it('holds only its own operations, servers, schemas and text', () => {
    const a = viewOf(spec, '/a');
    assert.deepEqual(a.operations().map((o) => `${o.method} ${o.path}`), ['get /a']);
    assert.deepEqual(a.servers().map((s) => s.resolvedUrl), ['https://a.example.com']);
    assert.deepEqual(a.pathEntries().map((e) => e.key), ['/a']);
    // Its response is shared: that schema belongs to components, not to the item.
    assert.deepEqual(a.schemas(), []);
    assert.deepEqual(viewOf(spec, '/b').schemas().map((s) => s.node.offset > spec.indexOf('/b:')), [true]);
    assert.equal(a.documentRoots()[0], a.pathEntries()[0].value);
  });

  it('pathItemStructure ignores documentation and examples, not status codes or references', () => {
    const structure = (text: string) => pathItemStructure(viewOf(text, '/a'));
    assert.deepEqual(structure(spec.replace('Lists things.', 'Lists all things.').replace('listA', 'listAll')), structure(spec));
    assert.notDeepEqual(structure(spec.replace("'200': {$ref", "'201': {$ref")), structure(spec));
    assert.notDeepEqual(structure(spec.replace("#/components/responses/Ok'}", "#/components/responses/Other'}")), structure(spec));
  });
});
