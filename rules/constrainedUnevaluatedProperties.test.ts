import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api3:2023-constrained-unevaluatedProperties';
const withSchemas = (version: '3.0' | '3.1', schemas: Record<string, unknown>) => openapi(version, { paths: {}, components: { schemas } });

describe(CODE, () => {
  it('reports maps of unevaluated properties without maxProperties in OAS 3.1', () => {
    const doc = withSchemas('3.1', {
      Settings: { type: 'object', properties: { theme: { type: 'string', enum: ['dark'] } }, unevaluatedProperties: { type: 'string', maxLength: 10 } },
      Bounded: { type: 'object', maxProperties: 5, unevaluatedProperties: { type: 'string', maxLength: 10 } },
      Open: { type: 'object', unevaluatedProperties: true },
      Empty: { type: 'object', unevaluatedProperties: {} },
      Closed: { type: 'object', unevaluatedProperties: false },
      Nullable: { type: ['object', 'null'], allOf: [{ $ref: '#/components/schemas/Closed' }], unevaluatedProperties: { type: 'integer' } },
      Sample: { type: 'object', unevaluatedProperties: false, examples: [{ type: 'object', unevaluatedProperties: { type: 'string' } }] },
    });
    assertFindingPaths(CODE, doc, ['components.schemas.Settings', 'components.schemas.Nullable']);
  });

  it('does not apply before 3.1, where unevaluatedProperties does not exist', () => {
    assertFindingPaths(CODE, withSchemas('3.0', { Map: { type: 'object', unevaluatedProperties: { type: 'string' } } }), []);
  });

  it('underlines the unevaluatedProperties keyword', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Map: {type: object, unevaluatedProperties: {type: string}}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['6:25-6:46']);
  });
});
