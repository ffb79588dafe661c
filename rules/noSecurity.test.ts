import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, diagnosticsFor, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-no-security';
const ok = { responses: { '200': { description: 'OK' } } };

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports a document with operations and no security, once, in OAS ${version}`, () => {
      assertFindingPaths(CODE, openapi(version, { paths: { '/a': { get: ok, post: ok }, '/b': { delete: ok } } }), ['openapi']);
    });

    it(`accepts any declared security, even an explicit public one, in OAS ${version}`, () => {
      assertFindingPaths(CODE, openapi(version, { security: [{ k: [] }], paths: { '/a': { get: ok } } }), []);
      assertFindingPaths(CODE, openapi(version, { security: [], paths: { '/a': { get: ok } } }), []);
      assertFindingPaths(CODE, openapi(version, { paths: { '/a': { get: ok, post: { security: [{ k: [] }], ...ok } } } }), []);
      assertFindingPaths(CODE, openapi(version, { paths: { '/a': { get: { security: [], ...ok } } } }), []);
    });

    it(`ignores documents without operations in OAS ${version}`, () => {
      assertFindingPaths(CODE, openapi(version, { paths: {} }), []);
      assertFindingPaths(CODE, openapi(version, { paths: { '/a': { parameters: [] } } }), []);
    });
  }

  it('ignores 3.1 documents with only webhooks', () => {
    assertFindingPaths(CODE, openapi('3.1', { webhooks: { ping: { post: ok } } }), []);
  });

  it('reports OAS 2.0 at the swagger key and mentions unused schemes', () => {
    const doc = openapi('2.0', { paths: { '/a': { get: ok } }, securityDefinitions: { basic: { type: 'basic' }, key: { type: 'apiKey', in: 'header', name: 'X' } } });
    assertFindingPaths(CODE, doc, ['swagger']);
    const text = JSON.stringify(doc);
    assert.deepEqual(diagnosticsFor(lint(text, 'json'), CODE).map((d) => d.message), [
      'The API declares no security requirement: no root `security` and none on any of its 1 operation. 2 security schemes are defined but never required.',
    ]);
  });

  it('underlines the version key', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: OK}}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['1:1-1:8']);
  });
});
