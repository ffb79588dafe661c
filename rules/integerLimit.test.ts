import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, diagnosticsFor, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api4:2023-integer-limit';
const withSchemas = (version: '3.0' | '3.1', schemas: Record<string, unknown>) => openapi(version, { paths: {}, components: { schemas } });

describe(CODE, () => {
  it('reports integers without both bounds in OAS 3.1', () => {
    const doc = withSchemas('3.1', {
      Free: { type: 'integer', format: 'int32' },
      Bounded: { type: 'integer', minimum: 0, maximum: 10 },
      Exclusive: { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 },
      Both: { type: 'integer', minimum: 1, exclusiveMinimum: 0, maximum: 10 },
      LowOnly: { type: 'integer', minimum: 0 },
      BooleanExclusive: { type: 'integer', minimum: 0, exclusiveMaximum: true },
      Choice: { type: 'integer', enum: [1, 2, 3] },
      One: { type: 'integer', const: 1 },
      Nullable: { type: ['integer', 'null'], minimum: 0 },
      Holder: { type: 'object', properties: { n: { type: 'integer' } }, examples: [{ type: 'integer' }], 'x-extra': { type: 'integer' } },
      Number: { type: 'number' },
    });
    const b = 'components.schemas';
    assertFindingPaths(CODE, doc, [`${b}.Free`, `${b}.LowOnly`, `${b}.BooleanExclusive`, `${b}.Nullable`, `${b}.Holder.properties.n`]);
  });

  it('does not apply to OAS 3.0 (integer-limit-legacy does)', () => {
    assertFindingPaths(CODE, withSchemas('3.0', { Free: { type: 'integer' } }), []);
  });

  it('names the missing bound and underlines the type', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Low:\n      type: integer\n      minimum: 0\n    Free:\n      type: [integer, 'null']\n";
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), ['7:13-7:20', '10:14-10:21']);
    assert.deepEqual(diagnosticsFor(analysis, CODE).map((d) => d.message), [
      'Schema of type integer must specify maximum (or exclusiveMaximum).',
      'Schema of type integer must specify minimum and maximum.',
    ]);
  });
});
