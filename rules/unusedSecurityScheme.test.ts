import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api9:2023-unused-security-scheme';
const ok = { '200': { description: 'OK' } };
const key = (name: string) => ({ type: 'apiKey', in: 'header', name });

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports schemes no requirement names in OAS ${version}`, () => {
      const schemes = { rootKey: key('X-Root'), opKey: key('X-Op'), alternative: key('X-Alt'), combined: key('X-Both'), legacy: key('X-Legacy'), spare: key('X-Spare') };
      const doc = openapi(version, {
        security: [{ rootKey: [] }],
        paths: {
          '/a': { get: { security: [{ opKey: [] }, { alternative: [], combined: [] }], responses: ok } },
          '/b': { get: { security: [], responses: ok } },
        },
        ...(version === '2.0' ? { securityDefinitions: schemes } : { components: { securitySchemes: schemes } }),
      });
      const base = version === '2.0' ? 'securityDefinitions' : 'components.securitySchemes';
      assertFindingPaths(CODE, doc, [`${base}.legacy`, `${base}.spare`]);
    });
  }

  it('counts requirements of callback and webhook operations', () => {
    const doc = openapi('3.1', {
      paths: { '/a': { post: { security: [], responses: ok, callbacks: { c: { '{$request.body#/url}': { post: { security: [{ signed: [] }], responses: ok } } } } } } },
      webhooks: { ping: { post: { security: [{ hmac: [] }], responses: ok } } },
      components: { securitySchemes: { signed: key('X-Signature'), hmac: key('X-Hmac'), unused: key('X-Unused') } },
    });
    assertFindingPaths(CODE, doc, ['components.securitySchemes.unused']);
  });

  it('reports every scheme of a document that requires none', () => {
    const doc = openapi('3.0', { paths: { '/a': { get: { responses: ok } } }, components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } });
    assertFindingPaths(CODE, doc, ['components.securitySchemes.bearer']);
  });

  it('stays quiet when path items, operations or callbacks live in other files', () => {
    const schemes = { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } };
    assertFindingPaths(CODE, openapi('3.0', { paths: { '/a': { $ref: 'paths/a.yaml' } }, ...schemes }), []);
    assertFindingPaths(CODE, openapi('3.0', { paths: { '/a': { get: { $ref: 'operations/get-a.yaml' } } }, ...schemes }), []);
    assertFindingPaths(CODE, openapi('3.1', { paths: { '/a': { post: { responses: ok, callbacks: { c: { $ref: 'callbacks.yaml#/c' } } } } }, ...schemes }), []);
  });

  it('underlines the scheme name, at info severity', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  securitySchemes:\n    oldKey:\n      $ref: '#/components/x-shared/key'\n  x-shared:\n    key: {type: apiKey, in: header, name: X-Key}\n";
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), ['6:5-6:11']);
    const finding = analysis.diagnostics.find((d) => d.code === CODE);
    assert.equal(finding?.severity, 'info');
    assert.equal(finding?.message, "Security scheme 'oldKey' is defined but no security requirement uses it.");
  });
});
