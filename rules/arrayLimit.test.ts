import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api4:2023-array-limit';
type Version = '2.0' | '3.0' | '3.1';
const withSchemas = (version: Version, schemas: Record<string, unknown>, paths: Record<string, unknown> = {}) =>
  version === '2.0' ? openapi(version, { paths, definitions: schemas }) : openapi(version, { paths, components: { schemas } });
const base = (version: Version) => (version === '2.0' ? 'definitions' : 'components.schemas');
const strings = { type: 'string', maxLength: 10 };

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports arrays without maxItems in OAS ${version}`, () => {
      const doc = withSchemas(version, {
        Unbounded: { type: 'array', items: strings },
        Bounded: { type: 'array', maxItems: 10, items: strings },
        Choices: { type: 'array', enum: [['a'], ['b']] },
        Holder: { type: 'object', properties: { tags: { type: 'array', items: strings }, nested: { type: 'array', maxItems: 2, items: { type: 'array', items: strings } } } },
        NotArray: { type: 'string', maxLength: 1 },
      });
      const b = base(version);
      assertFindingPaths(CODE, doc, [`${b}.Unbounded`, `${b}.Holder.properties.tags`, `${b}.Holder.properties.nested.items`]);
    });

    it(`ignores data shaped like a schema in OAS ${version}`, () => {
      const doc = withSchemas(version, {
        Documented: { type: 'object', example: { type: 'array' }, default: { type: 'array' }, 'x-sample': { type: 'array' }, properties: { example: { type: 'array', maxItems: 1, items: strings } } },
        Negated: { not: { type: 'array' } },
      });
      assertFindingPaths(CODE, doc, []);
    });
  }

  it('reports OAS 2.0 non-body parameters and headers, which carry the type themselves', () => {
    const doc = openapi('2.0', {
      paths: {
        '/a': {
          get: {
            parameters: [{ name: 'ids', in: 'query', type: 'array', items: { type: 'string', maxLength: 3 } }, { name: 'few', in: 'query', type: 'array', maxItems: 3, items: { type: 'string', maxLength: 3 } }],
            responses: { '200': { description: 'OK', headers: { 'X-Ids': { type: 'array', items: { type: 'integer' } } } } },
          },
        },
      },
    });
    assertFindingPaths(CODE, doc, ['paths./a.get.parameters.0', 'paths./a.get.responses.200.headers.X-Ids']);
  });

  it('reads type lists and accepts closed tuples in OAS 3.1', () => {
    const doc = withSchemas('3.1', {
      Nullable: { type: ['array', 'null'], items: strings },
      Pair: { type: 'array', prefixItems: [strings, strings], items: false },
      OpenPair: { type: 'array', prefixItems: [strings, strings] },
      Fixed: { type: 'array', const: [1, 2] },
    });
    assertFindingPaths(CODE, doc, ['components.schemas.Nullable', 'components.schemas.OpenPair']);
  });

  it('reads type lists in OAS 3.0 too, and reports a shared schema once', () => {
    const ref = { $ref: '#/components/schemas/List' };
    const doc = withSchemas('3.0', { List: { type: ['array'], items: strings }, A: { type: 'object', properties: { a: ref, b: ref } } }, {
      '/a': { get: { responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } } } },
    });
    assertFindingPaths(CODE, doc, ['components.schemas.List']);
  });

  it('underlines the type', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Tags:\n      type: array\n      items: {type: string, maxLength: 5}\n    Maybe:\n      type: [array, 'null']\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['7:13-7:18', '10:14-10:19']);
  });
});
