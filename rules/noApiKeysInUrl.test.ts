import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-no-api-keys-in-url';

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports apiKey schemes sent in the query or the path in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {},
        components: {
          securitySchemes: {
            query: { type: 'apiKey', in: 'query', name: 'api_key' },
            path: { type: 'apiKey', in: 'path', name: 'key' },
            header: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
            cookie: { type: 'apiKey', in: 'cookie', name: 'session' },
            shared: { $ref: '#/components/securitySchemes/query' },
            bearer: { type: 'http', scheme: 'bearer' },
          },
        },
      });
      assertFindingPaths(CODE, doc, ['components.securitySchemes.query.in', 'components.securitySchemes.path.in']);
    });
  }

  it('reports OAS 2.0 apiKey definitions in the query', () => {
    const doc = openapi('2.0', {
      paths: {},
      securityDefinitions: { query: { type: 'apiKey', in: 'query', name: 'key' }, header: { type: 'apiKey', in: 'header', name: 'X-Key' }, basic: { type: 'basic' } },
    });
    assertFindingPaths(CODE, doc, ['securityDefinitions.query.in']);
  });

  it('accepts documents without URL keys', () => {
    assertFindingPaths(CODE, openapi('3.0', { paths: {} }), []);
    assertFindingPaths(CODE, openapi('2.0', { paths: {}, securityDefinitions: { header: { type: 'apiKey', in: 'header', name: 'X-Key' } } }), []);
  });

  it('underlines the location value and names the scheme', () => {
    const text = 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: query\n      name: k\n';
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), ['8:11-8:16']);
    assert.match(analysis.diagnostics.find((d) => d.code === CODE)!.message, /scheme "key" sends its key in the query string/);
  });
});
