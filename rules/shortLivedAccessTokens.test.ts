import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-short-lived-access-tokens';
const AUTH = 'https://auth.example.com';

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports authorizationCode and password flows without refreshUrl in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {},
        components: {
          securitySchemes: {
            oauth: {
              type: 'oauth2',
              flows: {
                authorizationCode: { authorizationUrl: `${AUTH}/authorize`, tokenUrl: `${AUTH}/token`, scopes: {} },
                password: { tokenUrl: `${AUTH}/token`, refreshUrl: '', scopes: {} },
                implicit: { authorizationUrl: `${AUTH}/authorize`, scopes: {} },
                clientCredentials: { tokenUrl: `${AUTH}/token`, scopes: {} },
                'x-device': { tokenUrl: `${AUTH}/device` },
              },
            },
            refreshing: {
              type: 'oauth2',
              flows: { authorizationCode: { authorizationUrl: `${AUTH}/authorize`, tokenUrl: `${AUTH}/token`, refreshUrl: `${AUTH}/token`, scopes: {} } },
            },
            alias: { $ref: '#/components/securitySchemes/oauth' },
            bearer: { type: 'http', scheme: 'bearer' },
          },
        },
      });
      assertFindingPaths(CODE, doc, ['components.securitySchemes.oauth.flows.authorizationCode', 'components.securitySchemes.oauth.flows.password.refreshUrl']);
    });
  }

  it('does not report the implicit and client credentials flows, which get no refresh tokens', () => {
    const doc = openapi('3.1', {
      paths: {},
      components: { securitySchemes: { m2m: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: `${AUTH}/token`, scopes: {} }, implicit: { authorizationUrl: `${AUTH}/a`, scopes: {} } } } } },
    });
    assertFindingPaths(CODE, doc, []);
  });

  it('does not apply to OAS 2.0, which has no refreshUrl', () => {
    const doc = openapi('2.0', { paths: {}, securityDefinitions: { oauth: { type: 'oauth2', flow: 'accessCode', authorizationUrl: `${AUTH}/a`, tokenUrl: `${AUTH}/t`, scopes: {} } } });
    assertFindingPaths(CODE, doc, []);
  });

  const yaml = `openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: ${AUTH}/authorize\n          tokenUrl: ${AUTH}/token\n          scopes: {}\n`;

  it('underlines the flow name', () => {
    assert.deepEqual(positions(lint(yaml, 'yaml'), CODE), ['9:9-9:26']);
  });

  it('fix: declares the token endpoint as refreshUrl', () => {
    const { text, title } = applyFix(yaml, 'yaml', CODE);
    assert.equal(title, 'Declare refreshUrl (the token endpoint)');
    assert.equal(text, `${yaml}          refreshUrl: ${AUTH}/token\n`);
    const json = JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { securitySchemes: { o: { type: 'oauth2', flows: { password: { tokenUrl: `${AUTH}/token`, scopes: {} } } } } } }, null, 2);
    assert.match(applyFix(json, 'json', CODE).text, /"refreshUrl": "https:\/\/auth\.example\.com\/token"/);
  });
});
