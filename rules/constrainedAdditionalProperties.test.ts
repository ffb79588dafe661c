import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api3:2023-constrained-additionalProperties';
type Version = '2.0' | '3.0' | '3.1';
const withSchemas = (version: Version, schemas: Record<string, unknown>) =>
  version === '2.0' ? openapi(version, { paths: {}, definitions: schemas }) : openapi(version, { paths: {}, components: { schemas } });
const base = (version: Version) => (version === '2.0' ? 'definitions' : 'components.schemas');

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports maps without maxProperties in OAS ${version}`, () => {
      const doc = withSchemas(version, {
        Labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 10 } },
        Bounded: { type: 'object', maxProperties: 20, additionalProperties: { type: 'string', maxLength: 10 } },
        Open: { type: 'object', additionalProperties: true },
        Empty: { type: 'object', additionalProperties: {} },
        Closed: { type: 'object', additionalProperties: false },
        Untyped: { properties: { a: { type: 'boolean' } }, additionalProperties: { $ref: `#/${base(version).replace('.', '/')}/Closed` } },
        Text: { type: 'string', maxLength: 3, additionalProperties: { type: 'string' } },
        Documented: { type: 'object', additionalProperties: false, example: { type: 'object', additionalProperties: { type: 'string' } } },
      });
      const b = base(version);
      assertFindingPaths(CODE, doc, [`${b}.Labels`, `${b}.Untyped`]);
    });
  }

  it('reads 3.1 type lists', () => {
    assertFindingPaths(CODE, withSchemas('3.1', { Map: { type: ['object', 'null'], additionalProperties: { type: 'integer' } } }), ['components.schemas.Map']);
  });

  it('underlines the additionalProperties keyword', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Labels:\n      type: object\n      additionalProperties:\n        type: string\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['8:7-8:27']);
  });
});
