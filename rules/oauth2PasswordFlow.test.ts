import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-oauth2-password-flow';
const password = { tokenUrl: 'https://auth.example.com/token', scopes: {} };

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports the password flow key in OAS ${version}`, () => {
      const doc = openapi(version, {
        security: [{ ropc: [] }, { cc: [] }],
        paths: {},
        components: { securitySchemes: { ropc: { type: 'oauth2', flows: { password, clientCredentials: password } }, cc: { type: 'oauth2', flows: { clientCredentials: password } } } },
      });
      assertFindingPaths(CODE, doc, ['components.securitySchemes.ropc.flows.password']);
    });

    it(`skips an unused password scheme in OAS ${version}`, () => {
      const doc = openapi(version, { security: [{ cc: [] }], paths: {}, components: { securitySchemes: { ropc: { type: 'oauth2', flows: { password } }, cc: { type: 'oauth2', flows: { clientCredentials: password } } } } });
      assertFindingPaths(CODE, doc, []);
    });
  }

  it('reports OAS 2.0 `flow: password`', () => {
    const doc = openapi('2.0', {
      paths: { '/a': { get: { security: [{ ropc: [] }], responses: { '200': { description: 'OK' } } } } },
      securityDefinitions: { ropc: { type: 'oauth2', flow: 'password', tokenUrl: 'https://a.example.com/t', scopes: {} }, app: { type: 'oauth2', flow: 'application', tokenUrl: 'https://a.example.com/t', scopes: {} } },
    });
    assertFindingPaths(CODE, doc, ['securityDefinitions.ropc.flow']);
  });

  it('underlines the OAS 2.0 flow value', () => {
    const text = '{\n  "swagger": "2.0",\n  "info": {"title": "t", "version": "1"},\n  "paths": {},\n  "securityDefinitions": {"p": {"type": "oauth2", "flow": "password", "tokenUrl": "https://a.example.com", "scopes": {}}}\n}\n';
    assert.deepEqual(positions(lint(text, 'json'), CODE), ['5:59-5:69']);
  });
});
