import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, diagnosticsFor, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api4:2023-integer-limit-legacy';
type Version = '2.0' | '3.0' | '3.1';
const withSchemas = (version: Version, schemas: Record<string, unknown>, paths: Record<string, unknown> = {}) =>
  version === '2.0' ? openapi(version, { paths, definitions: schemas }) : openapi(version, { paths, components: { schemas } });
const base = (version: Version) => (version === '2.0' ? 'definitions' : 'components.schemas');

describe(CODE, () => {
  for (const version of ['2.0', '3.0'] as const) {
    it(`reports integers without minimum and maximum in OAS ${version}`, () => {
      const doc = withSchemas(version, {
        Free: { type: 'integer', format: 'int32' },
        Bounded: { type: 'integer', minimum: 0, maximum: 10, exclusiveMaximum: true },
        ExclusiveOnly: { type: 'integer', exclusiveMinimum: true, exclusiveMaximum: true },
        HighOnly: { type: 'integer', maximum: 10 },
        Choice: { type: 'integer', enum: [1, 2, 3] },
        Holder: { type: 'object', properties: { n: { type: 'integer' } }, default: { type: 'integer' } },
        Negated: { not: { type: 'integer' } },
      });
      const b = base(version);
      assertFindingPaths(CODE, doc, [`${b}.Free`, `${b}.ExclusiveOnly`, `${b}.HighOnly`, `${b}.Holder.properties.n`]);
    });
  }

  it('reports OAS 2.0 parameters and headers', () => {
    const doc = openapi('2.0', {
      paths: { '/a': { get: { parameters: [{ name: 'page', in: 'query', type: 'integer', minimum: 1, maximum: 100 }, { name: 'size', in: 'query', type: 'integer' }], responses: { '200': { description: 'OK', headers: { 'X-Count': { type: 'integer' } } } } } } },
    });
    assertFindingPaths(CODE, doc, ['paths./a.get.parameters.1', 'paths./a.get.responses.200.headers.X-Count']);
  });

  it('does not apply to OAS 3.1 (integer-limit does)', () => {
    assertFindingPaths(CODE, withSchemas('3.1', { Free: { type: 'integer' } }), []);
  });

  it('names the missing bound and underlines the type', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    High:\n      type: integer\n      maximum: 9\n";
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), ['7:13-7:20']);
    assert.equal(diagnosticsFor(analysis, CODE)[0].message, 'Schema of type integer must specify minimum.');
  });
});
