import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api3:2023-no-unevaluatedProperties';
const withSchemas = (version: '3.0' | '3.1', schemas: Record<string, unknown>) => openapi(version, { paths: {}, components: { schemas } });

describe(CODE, () => {
  it('reports unevaluatedProperties true or {} in OAS 3.1', () => {
    const doc = withSchemas('3.1', {
      Open: { type: 'object', unevaluatedProperties: true },
      Empty: { type: 'object', unevaluatedProperties: {} },
      Closed: { type: 'object', unevaluatedProperties: false },
      Map: { type: 'object', maxProperties: 5, unevaluatedProperties: { type: 'string' } },
      Composed: { allOf: [{ $ref: '#/components/schemas/Closed' }], properties: { inner: { type: ['object', 'null'], unevaluatedProperties: true } } },
      Text: { type: 'string', unevaluatedProperties: true },
      Sample: { type: 'object', unevaluatedProperties: false, default: { type: 'object', unevaluatedProperties: true } },
    });
    const b = 'components.schemas';
    assertFindingPaths(CODE, doc, [`${b}.Open.unevaluatedProperties`, `${b}.Empty.unevaluatedProperties`, `${b}.Composed.properties.inner.unevaluatedProperties`]);
  });

  it('does not apply before 3.1', () => {
    assertFindingPaths(CODE, withSchemas('3.0', { Open: { type: 'object', unevaluatedProperties: true } }), []);
  });

  const yamlDoc = (schema: string) => `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n${schema}`;

  it('underlines the keyword', () => {
    assert.deepEqual(positions(lint(yamlDoc('    User:\n      type: object\n      unevaluatedProperties: true\n'), 'yaml'), CODE), ['8:7-8:28']);
  });

  it('fix: sets unevaluatedProperties: false, in YAML and JSON', () => {
    const text = yamlDoc('    User: # the user\n      type: object\n      unevaluatedProperties: {} # too open\n');
    const { text: fixed, title } = applyFix(text, 'yaml', CODE);
    assert.equal(title, 'Set unevaluatedProperties: false');
    assert.equal(fixed, text.replace('unevaluatedProperties: {}', 'unevaluatedProperties: false'));
    const json = '{\n  "openapi": "3.1.0",\n  "info": {"title": "t", "version": "1"},\n  "paths": {},\n  "components": {"schemas": {"User": {"type": "object", "unevaluatedProperties": true}}}\n}\n';
    assert.equal(applyFix(json, 'json', CODE).text, json.replace('"unevaluatedProperties": true', '"unevaluatedProperties": false'));
  });
});
