import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, diagnosticsFor, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api4:2023-integer-format';
type Version = '2.0' | '3.0' | '3.1';
const withSchemas = (version: Version, schemas: Record<string, unknown>, paths: Record<string, unknown> = {}) =>
  version === '2.0' ? openapi(version, { paths, definitions: schemas }) : openapi(version, { paths, components: { schemas } });
const base = (version: Version) => (version === '2.0' ? 'definitions' : 'components.schemas');

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports integers without a size format in OAS ${version}`, () => {
      const doc = withSchemas(version, {
        Count: { type: 'integer', minimum: 0, maximum: 10 },
        Small: { type: 'integer', format: 'int32' },
        Large: { type: 'integer', format: 'int64' },
        Byte: { type: 'integer', format: 'uint8' },
        Vague: { type: 'integer', format: 'int' },
        Holder: { type: 'object', properties: { n: { type: 'integer' }, x: { type: 'number' } }, example: { type: 'integer' } },
      });
      const b = base(version);
      assertFindingPaths(CODE, doc, [`${b}.Count`, `${b}.Vague`, `${b}.Holder.properties.n`]);
    });
  }

  it('reports OAS 2.0 parameters and 3.1 type lists', () => {
    assertFindingPaths(CODE, openapi('2.0', { paths: { '/a': { get: { parameters: [{ name: 'page', in: 'query', type: 'integer' }], responses: { '200': { description: 'OK' } } } } } }), ['paths./a.get.parameters.0']);
    assertFindingPaths(CODE, withSchemas('3.1', { N: { type: ['integer', 'null'] }, M: { type: ['integer', 'null'], format: 'int32' } }), ['components.schemas.N']);
  });

  it('underlines the type, or the format that is not a size', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    N:\n      type: integer\n    V:\n      type: integer\n      format: int\n";
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), ['7:13-7:20', '10:15-10:18']);
    assert.equal(diagnosticsFor(analysis, CODE)[1].message, 'Schema of type integer must specify a size format (int32 or int64); `int` is not one.');
  });
});
