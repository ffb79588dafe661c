import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-undefined-scopes';
const ok = { responses: { '200': { description: 'OK' } } };
const oauth = {
  type: 'oauth2',
  flows: {
    authorizationCode: { authorizationUrl: 'https://a.example.com/authorize', tokenUrl: 'https://a.example.com/token', scopes: { 'pets:read': 'Read' } },
    clientCredentials: { tokenUrl: 'https://a.example.com/token', scopes: { 'pets:admin': 'Admin' } },
  },
};
const others = {
  key: { type: 'apiKey', in: 'header', name: 'X-Key' },
  oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://a.example.com/.well-known/openid-configuration' },
  noScopes: { type: 'oauth2', flows: { implicit: { authorizationUrl: 'https://a.example.com' } } },
};

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports OAuth2 scopes no flow defines in OAS ${version}`, () => {
      const doc = openapi(version, {
        security: [{ oauth: ['pets:read', 'pets:admin', 'Pets:read'] }],
        paths: { '/a': { get: { security: [{ oauth: ['pets:write'] }, { oidc: ['openid', 'profile'] }, { noScopes: ['anything'] }, { ghost: ['x'] }], ...ok } } },
        components: { securitySchemes: { oauth, ...others } },
      });
      assertFindingPaths(CODE, doc, ['security.0.oauth.2', 'paths./a.get.security.0.oauth.0']);
    });
  }

  it('reports scopes on non-OAuth2 schemes in OAS 3.0, where the list must be empty', () => {
    const doc = openapi('3.0', { security: [{ key: ['admin'] }, { key: [] }], paths: { '/a': { get: ok } }, components: { securitySchemes: others } });
    assertFindingPaths(CODE, doc, ['security.0.key.0']);
  });

  it('accepts role names on non-OAuth2 schemes in OAS 3.1', () => {
    const doc = openapi('3.1', { security: [{ key: ['admin'] }], paths: { '/a': { get: ok } }, components: { securitySchemes: others } });
    assertFindingPaths(CODE, doc, []);
  });

  it('checks OAS 2.0 scopes and non-OAuth2 requirements', () => {
    const doc = openapi('2.0', {
      security: [{ oauth: ['read', 'write'] }, { basic: ['user'] }],
      paths: { '/a': { get: ok } },
      securityDefinitions: { oauth: { type: 'oauth2', flow: 'application', tokenUrl: 'https://a.example.com/t', scopes: { read: 'Read' } }, basic: { type: 'basic' } },
    });
    assertFindingPaths(CODE, doc, ['security.0.oauth.1', 'security.1.basic.0']);
  });

  it('underlines the scope', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nsecurity:\n  - o: [read, wrte]\npaths: {}\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        clientCredentials: {tokenUrl: 'https://a.example.com/t', scopes: {read: r, write: w}}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['4:15-4:19']);
  });
});
