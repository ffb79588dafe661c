import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-read-restricted';
const ok = { '200': { description: 'OK' } };
const schemes = (version: '2.0' | '3.0' | '3.1') =>
  version === '2.0' ? { securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } : { components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } };

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports read operations without any security in OAS ${version}`, () => {
      const doc = openapi(version, { paths: { '/a': { get: { responses: ok }, head: { responses: ok }, post: { responses: ok }, options: { responses: ok } } } });
      assertFindingPaths(CODE, doc, ['paths./a.get', 'paths./a.head']);
    });

    it(`reports reads under an empty root security, not deliberate operation-level security: [] in OAS ${version}`, () => {
      const doc = openapi(version, {
        security: [],
        paths: { '/a': { get: { responses: ok } }, '/status': { get: { security: [], responses: ok } }, '/b': { get: { security: [{ key: [] }], responses: ok }, head: { security: [{}], responses: ok } } },
        ...schemes(version),
      });
      assertFindingPaths(CODE, doc, ['paths./a.get']);
    });

    it(`accepts reads covered by root security in OAS ${version}`, () => {
      assertFindingPaths(CODE, openapi(version, { security: [{ key: [] }], paths: { '/a': { get: { responses: ok } } }, ...schemes(version) }), []);
    });
  }

  it('underlines the method', () => {
    const text = '{\n  "openapi": "3.0.3",\n  "info": {"title": "t", "version": "1"},\n  "paths": {"/a": {"get": {"responses": {"200": {"description": "OK"}}}}}\n}\n';
    const analysis = lint(text, 'json');
    assert.deepEqual(positions(analysis, CODE), ['4:20-4:25']);
    assert.equal(analysis.diagnostics.find((d) => d.code === CODE)!.severity, 'warning');
  });
});
