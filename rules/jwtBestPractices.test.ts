import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-jwt-best-practices';
const flows = { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: {} } };

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports JWT, OAuth 2 and OpenID Connect schemes that do not declare RFC 8725 in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {},
        components: {
          securitySchemes: {
            jwtNoDescription: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            jwtOtherDescription: { type: 'http', scheme: 'bearer', bearerFormat: 'jwt', description: 'Signed tokens.' },
            jwtMixedCase: { type: 'http', scheme: 'bearer', bearerFormat: 'Jwt' },
            oauth: { type: 'oauth2', flows },
            oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration' },
            alias: { $ref: '#/components/securitySchemes/oauth' },
            jwtOk: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Conforms to RFC8725.' },
            jwtSpaced: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Validated as rfc 8725 recommends.' },
            oauthOk: { type: 'oauth2', flows, description: 'Access tokens are JWTs (RFC 8725).' },
            opaque: { type: 'http', scheme: 'bearer' },
            key: { type: 'apiKey', in: 'header', name: 'X-Key' },
          },
        },
      });
      assertFindingPaths(CODE, doc, [
        'components.securitySchemes.jwtNoDescription',
        'components.securitySchemes.jwtOtherDescription.description',
        'components.securitySchemes.jwtMixedCase',
        'components.securitySchemes.oauth',
        'components.securitySchemes.oidc',
      ]);
    });
  }

  it('reports OAS 2.0 oauth2 security definitions', () => {
    const doc = openapi('2.0', {
      paths: {},
      securityDefinitions: {
        oauth: { type: 'oauth2', flow: 'application', tokenUrl: 'https://auth.example.com/token', scopes: {} },
        ok: { type: 'oauth2', flow: 'application', tokenUrl: 'https://auth.example.com/token', scopes: {}, description: 'JWTs per RFC8725' },
        key: { type: 'apiKey', in: 'header', name: 'X-Key' },
      },
    });
    assertFindingPaths(CODE, doc, ['securityDefinitions.oauth']);
  });

  it('underlines the scheme name, or the description key when there is one', () => {
    const text = 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  securitySchemes:\n    jwt:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n    other:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n      description: Signed.\n';
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['6:5-6:8', '14:7-14:18']);
  });
});
