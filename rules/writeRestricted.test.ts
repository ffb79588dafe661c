import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-write-restricted';
const ok = { '200': { description: 'OK' } };
const allMethods = () => ({ get: { responses: ok }, head: { responses: ok }, post: { responses: ok }, put: { responses: ok }, patch: { responses: ok }, delete: { responses: ok }, options: { responses: ok } });
const schemes = (version: '2.0' | '3.0' | '3.1') =>
  version === '2.0' ? { securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } : { components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } };

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports write operations without any security in OAS ${version}`, () => {
      assertFindingPaths(CODE, openapi(version, { paths: { '/a': allMethods() } }), ['paths./a.post', 'paths./a.put', 'paths./a.patch', 'paths./a.delete']);
    });

    it(`reports write operations under an empty root security in OAS ${version}`, () => {
      const doc = openapi(version, { security: [], paths: { '/a': { post: { responses: ok }, delete: { security: [{ key: [] }], responses: ok } } }, ...schemes(version) });
      assertFindingPaths(CODE, doc, ['paths./a.post']);
    });

    it(`accepts root or operation security, anonymous alternatives and deliberate security: [] in OAS ${version}`, () => {
      const doc = openapi(version, {
        security: [{ key: [] }],
        paths: {
          '/a': {
            post: { responses: ok },
            put: { security: [], responses: ok },
            patch: { security: [{}], responses: ok },
            delete: { security: [{ key: [] }, {}], responses: ok },
          },
        },
        ...schemes(version),
      });
      assertFindingPaths(CODE, doc, []);
      const noRoot = openapi(version, { paths: { '/a': { post: { security: [{ key: [] }], responses: ok }, put: { security: [], responses: ok } } }, ...schemes(version) });
      assertFindingPaths(CODE, noRoot, []);
    });
  }

  it('underlines the method and says why', () => {
    const text = 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    delete:\n      responses: {"204": {description: gone}}\n';
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), ['5:5-5:11']);
    assert.equal(analysis.diagnostics.find((d) => d.code === CODE)!.message, 'This write operation is not protected by any security scheme: no security requirement is declared (anyone can call it).');
  });
});
