import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api3:2023-no-additionalProperties';

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports additionalProperties true or {} in OAS ${version}`, () => {
      const schemas = {
        Open: { type: 'object', additionalProperties: true },
        Empty: { type: 'object', additionalProperties: {} },
        Closed: { type: 'object', additionalProperties: false },
        Map: { type: 'object', additionalProperties: { type: 'string' }, maxProperties: 10 },
        Plain: { type: 'object', properties: { nested: { type: 'object', additionalProperties: true } } },
        NotObject: { type: 'string', additionalProperties: true },
      };
      const doc = version === '2.0' ? openapi(version, { paths: {}, definitions: schemas }) : openapi(version, { paths: {}, components: { schemas } });
      const base = version === '2.0' ? 'definitions' : 'components.schemas';
      assertFindingPaths(CODE, doc, [`${base}.Open.additionalProperties`, `${base}.Empty.additionalProperties`, `${base}.Plain.properties.nested.additionalProperties`]);
    });
  }

  it('reports a schema reached from several operations once', () => {
    const ref = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Open' } } } };
    const doc = openapi('3.0', {
      paths: { '/a': { post: { requestBody: ref, responses: { '200': { description: 'OK', ...ref } } } } },
      components: { schemas: { Open: { type: 'object', additionalProperties: true } } },
    });
    assertFindingPaths(CODE, doc, ['components.schemas.Open.additionalProperties']);
  });

  it('survives cyclic schemas', () => {
    const doc = openapi('3.1', {
      paths: {},
      components: { schemas: { A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } }, B: { type: 'object', additionalProperties: { $ref: '#/components/schemas/A' }, properties: { self: { $ref: '#/components/schemas/B' } } } } },
    });
    assertFindingPaths(CODE, doc, []);
  });

  const yamlDoc = (schema: string) => `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n${schema}`;

  it('underlines the keyword', () => {
    assert.deepEqual(positions(lint(yamlDoc('    User:\n      type: object\n      additionalProperties: true\n'), 'yaml'), CODE), ['8:7-8:27']);
  });

  describe('fix: set additionalProperties: false', () => {
    it('replaces only the value in block YAML, keeping comments', () => {
      const text = yamlDoc('    User: # the user\n      type: object\n      additionalProperties: true # too open\n      properties: {}\n');
      const { text: fixed, title } = applyFix(text, 'yaml', CODE);
      assert.equal(title, 'Set additionalProperties: false');
      assert.equal(fixed, text.replace('additionalProperties: true # too open', 'additionalProperties: false # too open'));
    });

    it('turns an empty schema into false in flow YAML', () => {
      const text = yamlDoc('    User: {type: object, additionalProperties: {}, properties: {}}\n');
      assert.equal(applyFix(text, 'yaml', CODE).text, text.replace('additionalProperties: {}', 'additionalProperties: false'));
    });

    it('replaces a block-mapping empty value', () => {
      const text = yamlDoc("    User:\n      type: object\n      additionalProperties: true\n");
      assert.equal(applyFix(text, 'yaml', CODE).text, text.replace('true', 'false'));
    });

    it('works in JSON and keeps CRLF line endings', () => {
      const text = '{\r\n  "openapi": "3.0.3",\r\n  "info": {"title": "t", "version": "1"},\r\n  "paths": {},\r\n  "components": {\r\n    "schemas": {\r\n      "User": {\r\n        "type": "object",\r\n        "additionalProperties": {}\r\n      }\r\n    }\r\n  }\r\n}\r\n';
      assert.equal(applyFix(text, 'json', CODE).text, text.replace('"additionalProperties": {}', '"additionalProperties": false'));
    });
  });
});
