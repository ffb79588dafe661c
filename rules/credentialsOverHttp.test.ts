import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, diagnosticsFor, lint, openapi, positions, variants } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-credentials-over-http';
const ok = { responses: { '200': { description: 'OK' } } };
const schemes = {
  key: { type: 'apiKey', in: 'header', name: 'X-Key' },
  basic: { type: 'http', scheme: 'Basic' },
  digest: { type: 'http', scheme: 'digest' },
  bearer: { type: 'http', scheme: 'bearer' },
  oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://a.example.com/.well-known/openid-configuration' },
};

function messages(doc: unknown): string[] {
  const { format, text } = variants(doc)[0];
  return diagnosticsFor(lint(text, format), CODE).map((d) => d.message);
}

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports credential schemes required on plain-http servers in OAS ${version}`, () => {
      const doc = openapi(version, {
        servers: [{ url: 'http://api.example.com' }, { url: 'https://api.example.com' }],
        security: [{ key: [] }, { oidc: [] }],
        paths: {
          '/a': { get: ok, post: ok },
          '/b': { get: { security: [{ basic: [], digest: [] }], ...ok } },
          '/c': { servers: [{ url: 'https://c.example.com' }], get: { security: [{ bearer: [] }], ...ok } },
          '/d': { get: { servers: [{ url: '{proto}://d.example.com', variables: { proto: { default: 'http' } } }], security: [{ bearer: [] }], ...ok } },
        },
        components: { securitySchemes: schemes },
      });
      assertFindingPaths(CODE, doc, ['security.0.key', 'paths./b.get.security.0.basic', 'paths./b.get.security.0.digest', 'paths./d.get.security.0.bearer']);
      assert.deepEqual(messages(doc)[0], "The API key of 'key' is sent over plain http: http://api.example.com. Serve these operations over https only.");
    });

    it(`reports a plain-http server of one path item or operation under https root servers, in OAS ${version}`, () => {
      const doc = openapi(version, {
        servers: [{ url: 'https://api.example.com' }],
        security: [{ key: [] }],
        paths: {
          '/a': { get: ok },
          '/b': { servers: [{ url: 'http://b.example.com' }], get: ok },
          '/c': { get: { servers: [{ url: 'ws://c.example.com' }], security: [{ bearer: [] }], ...ok } },
        },
        components: { securitySchemes: schemes },
      });
      assertFindingPaths(CODE, doc, ['security.0.key', 'paths./c.get.security.0.bearer']);
    });

    it(`reports each scheme and server pair once, in OAS ${version}`, () => {
      const doc = openapi(version, {
        servers: [{ url: 'http://a.example.com' }, { url: 'http://b.example.com' }],
        paths: {
          '/a': { get: { security: [{ key: [] }], ...ok } },
          '/b': { get: { security: [{ key: [] }], ...ok }, put: { servers: [{ url: 'http://a.example.com' }, { url: 'http://c.example.com' }], security: [{ key: [] }], ...ok } },
        },
        components: { securitySchemes: schemes },
      });
      assertFindingPaths(CODE, doc, ['paths./a.get.security.0.key', 'paths./b.put.security.0.key']);
      assert.match(messages(doc)[0], /http:\/\/a\.example\.com, http:\/\/b\.example\.com\./);
      assert.match(messages(doc)[1], /: http:\/\/c\.example\.com\./);
    });

    it(`does not report https, loopback, relative or absent servers, nor public operations, in OAS ${version}`, () => {
      const paths = { '/a': { get: ok }, '/pub': { get: { security: [], ...ok } } };
      const components = { securitySchemes: schemes };
      for (const servers of [[{ url: 'https://api.example.com' }], [{ url: 'http://localhost:8080' }, { url: 'http://127.0.0.1/v1' }, { url: 'http://[::1]' }], [{ url: '/v1' }], []]) {
        assertFindingPaths(CODE, openapi(version, { servers, security: [{ key: [] }], paths, components }), []);
      }
      assertFindingPaths(CODE, openapi(version, { servers: [{ url: 'http://api.example.com' }], paths, components }), []);
      // An operation-level https list overrides a root http one.
      const overridden = { '/a': { get: { servers: [{ url: 'https://api.example.com' }], ...ok } } };
      assertFindingPaths(CODE, openapi(version, { servers: [{ url: 'http://api.example.com' }], security: [{ basic: [] }], paths: overridden, components }), []);
      // OpenID Connect, OAuth2, mutual TLS and undefined schemes are out of scope.
      assertFindingPaths(CODE, openapi(version, { servers: [{ url: 'http://api.example.com' }], security: [{ oidc: [] }, { nope: [] }], paths, components }), []);
    });
  }

  it('reports OAS 2.0 basic and apiKey on http schemes, operation schemes overriding root ones', () => {
    const doc = openapi('2.0', {
      host: 'api.example.com',
      basePath: '/v1',
      schemes: ['http', 'https'],
      security: [{ basic: [] }],
      paths: { '/a': { get: ok }, '/b': { get: { schemes: ['https'], security: [{ key: [] }], ...ok } }, '/c': { get: { schemes: ['HTTP'], security: [{ key: [] }, { oauth: [] }], ...ok } } },
      securityDefinitions: { basic: { type: 'basic' }, key: { type: 'apiKey', in: 'header', name: 'X-Key' }, oauth: { type: 'oauth2', flow: 'application', tokenUrl: 'https://a.example.com/t', scopes: {} } },
    });
    assertFindingPaths(CODE, doc, ['security.0.basic', 'paths./c.get.security.0.key']);
    assert.match(messages(doc)[0], /HTTP Basic password of 'basic' is sent over plain http: http:\/\/api\.example\.com\/v1\./);
  });

  it('skips OAS 2.0 loopback hosts and https-only documents', () => {
    const securityDefinitions = { basic: { type: 'basic' } };
    const paths = { '/a': { get: ok } };
    assertFindingPaths(CODE, openapi('2.0', { host: 'localhost:8080', schemes: ['http'], security: [{ basic: [] }], paths, securityDefinitions }), []);
    assertFindingPaths(CODE, openapi('2.0', { host: 'api.example.com', schemes: ['https'], security: [{ basic: [] }], paths, securityDefinitions }), []);
    assertFindingPaths(CODE, openapi('2.0', { host: 'api.example.com', security: [{ basic: [] }], paths, securityDefinitions }), []);
  });

  it('underlines the scheme name in the requirement', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers:\n  - url: http://api.example.com\nsecurity:\n  - apiKey: []\npaths:\n  /a:\n    get:\n      responses: {'200': {description: OK}}\ncomponents:\n  securitySchemes:\n    apiKey: {type: apiKey, in: header, name: X-Key}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['6:5-6:11']);
  });
});
