import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-undefined-security-scheme';
const ok = { responses: { '200': { description: 'OK' } } };

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports requirements naming undefined schemes in OAS ${version}`, () => {
      const doc = openapi(version, {
        security: [{ bearer: [] }, { Bearer: [] }],
        paths: {
          '/a': { get: ok, post: { security: [{ bearer: [], apiKey: [] }, {}], ...ok } },
          '/b': { get: { security: [], ...ok }, put: { security: [{ missing: [] }], callbacks: { cb: { '{$request.body#/url}': { post: { security: [{ cbAuth: [] }], ...ok } } } }, ...ok } },
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, broken: { $ref: '#/components/securitySchemes/nowhere' } } },
      });
      assertFindingPaths(CODE, doc, ['security.1.Bearer', 'paths./a.post.security.0.apiKey', 'paths./b.put.security.0.missing', 'paths./b.put.callbacks.cb.{$request.body#/url}.post.security.0.cbAuth']);
    });

    it(`accepts defined schemes, even through a broken $ref, in OAS ${version}`, () => {
      const doc = openapi(version, {
        security: [{ bearer: [] }, { broken: [] }],
        paths: { '/a': { get: ok } },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, broken: { $ref: '#/components/securitySchemes/nowhere' } } },
      });
      assertFindingPaths(CODE, doc, []);
    });
  }

  it('leaves OpenAPI 3.2 URI scheme names alone', () => {
    const doc = { openapi: '3.2.0', info: { title: 't', version: '1' }, security: [{ 'other.yaml#/components/securitySchemes/k': [] }, { typo: [] }], paths: {} };
    assertFindingPaths(CODE, doc, ['security.1.typo']);
  });

  it('reports 3.1 webhooks requirements', () => {
    const doc = openapi('3.1', { paths: {}, webhooks: { ping: { post: { security: [{ hmac: [] }], ...ok } } } });
    assertFindingPaths(CODE, doc, ['webhooks.ping.post.security.0.hmac']);
  });

  it('checks OAS 2.0 requirements against securityDefinitions', () => {
    const doc = openapi('2.0', {
      security: [{ basic: [] }],
      paths: { '/a': { get: { security: [{ key: [] }], ...ok } } },
      securityDefinitions: { basic: { type: 'basic' } },
    });
    assertFindingPaths(CODE, doc, ['paths./a.get.security.0.key']);
  });

  it('reports a requirement list shared through a YAML alias once', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      security: &sec\n        - ghost: []\n      responses: {'200': {description: OK}}\n    put:\n      security: *sec\n      responses: {'200': {description: OK}}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['7:11-7:16']);
  });
});
