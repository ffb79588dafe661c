import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api4:2023-string-restricted';
type Version = '2.0' | '3.0' | '3.1';
const withSchemas = (version: Version, schemas: Record<string, unknown>, paths: Record<string, unknown> = {}) =>
  version === '2.0' ? openapi(version, { paths, definitions: schemas }) : openapi(version, { paths, components: { schemas } });
const base = (version: Version) => (version === '2.0' ? 'definitions' : 'components.schemas');

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports strings that accept any text in OAS ${version}`, () => {
      const doc = withSchemas(version, {
        Free: { type: 'string', maxLength: 100 },
        Id: { type: 'string', format: 'uuid' },
        Code: { type: 'string', pattern: '^[A-Z]{2}$' },
        Status: { type: 'string', enum: ['on', 'off'] },
        Holder: { type: 'object', properties: { note: { type: 'string' }, file: { type: 'string', format: 'binary' }, list: { type: 'array', maxItems: 3, items: { type: 'string' } } } },
      });
      const b = base(version);
      assertFindingPaths(CODE, doc, [`${b}.Free`, `${b}.Holder.properties.note`, `${b}.Holder.properties.list.items`]);
    });

    it(`ignores examples, defaults, extensions and negated schemas in OAS ${version}`, () => {
      const doc = withSchemas(version, {
        Documented: { type: 'object', example: { type: 'string' }, 'x-meta': { type: 'string' }, properties: { 'x-name': { type: 'string', format: 'email' } } },
        NotText: { not: { type: 'string' } },
        Conditional: { if: { properties: { kind: { type: 'string' } } }, then: { required: ['kind'] } },
      });
      assertFindingPaths(CODE, doc, []);
    });
  }

  it('reports OAS 2.0 parameters and headers, which carry the type themselves', () => {
    const doc = openapi('2.0', {
      paths: { '/a': { get: { parameters: [{ name: 'q', in: 'query', type: 'string', maxLength: 5 }], responses: { '200': { description: 'OK', headers: { 'X-Trace': { type: 'string', format: 'uuid' } } } } } } },
    });
    assertFindingPaths(CODE, doc, ['paths./a.get.parameters.0']);
  });

  it('accepts 3.1 content keywords and reads type lists', () => {
    const doc = withSchemas('3.1', {
      Encoded: { type: 'string', contentEncoding: 'base64', maxLength: 1000 },
      Photo: { type: 'string', contentMediaType: 'image/png' },
      Name: { type: ['null', 'string'], maxLength: 5 },
    });
    assertFindingPaths(CODE, doc, ['components.schemas.Name']);
  });

  it('underlines the type', () => {
    const text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Name:\n    type: string\n    maxLength: 3\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['6:11-6:17']);
  });
});
