import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-public-write';
const ok = { '200': { description: 'OK' } };
const schemes = (version: '2.0' | '3.0' | '3.1') =>
  version === '2.0' ? { securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } : { components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } };

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports write operations opened with security: [] or an anonymous alternative in OAS ${version}`, () => {
      const doc = openapi(version, {
        security: [{ key: [] }],
        paths: {
          '/signup': { post: { security: [], responses: ok } },
          '/items/{id}': {
            get: { security: [], responses: ok },
            put: { security: [{}], responses: ok },
            patch: { security: [{ key: [] }, {}], responses: ok },
            delete: { security: [{ key: [] }], responses: ok },
          },
          '/items': { post: { responses: ok } },
        },
        ...schemes(version),
      });
      assertFindingPaths(CODE, doc, ['paths./signup.post.security', 'paths./items/{id}.put.security', 'paths./items/{id}.patch.security']);
    });

    it(`needs the document to use security elsewhere in OAS ${version}`, () => {
      assertFindingPaths(CODE, openapi(version, { paths: { '/signup': { post: { security: [], responses: ok } } } }), []);
      const opLevel = openapi(version, { paths: { '/signup': { post: { security: [], responses: ok } }, '/me': { delete: { security: [{ key: [] }], responses: ok } } }, ...schemes(version) });
      assertFindingPaths(CODE, opLevel, ['paths./signup.post.security']);
    });
  }

  it('underlines the security key, with an informational severity', () => {
    const text = 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\nsecurity:\n  - key: []\npaths:\n  /orders/{id}:\n    delete:\n      security: []\n      responses: {"204": {description: gone}}\ncomponents:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n';
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), ['8:7-8:15']);
    const finding = analysis.diagnostics.find((d) => d.code === CODE)!;
    assert.equal(finding.severity, 'info');
    assert.match(finding.message, /^This DELETE operation is public on purpose/);
  });
});
