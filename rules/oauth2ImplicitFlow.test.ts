import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-oauth2-implicit-flow';
const ok = { responses: { '200': { description: 'OK' } } };
const flow = (extra: Record<string, unknown> = {}) => ({ authorizationUrl: 'https://auth.example.com/authorize', scopes: {}, ...extra });

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports the implicit flow key of used schemes in OAS ${version}`, () => {
      const doc = openapi(version, {
        security: [{ mixed: [] }],
        paths: { '/a': { get: { security: [{ implicitOnly: [] }], ...ok } } },
        components: {
          securitySchemes: {
            implicitOnly: { type: 'oauth2', flows: { implicit: flow() } },
            mixed: { type: 'oauth2', flows: { authorizationCode: flow({ tokenUrl: 'https://auth.example.com/token' }), implicit: flow() } },
            code: { type: 'oauth2', flows: { authorizationCode: flow({ tokenUrl: 'https://auth.example.com/token' }) } },
            alias: { $ref: '#/components/securitySchemes/implicitOnly' },
          },
        },
      });
      assertFindingPaths(CODE, doc, ['components.securitySchemes.implicitOnly.flows.implicit', 'components.securitySchemes.mixed.flows.implicit']);
    });

    it(`skips a scheme no requirement names while others are used, in OAS ${version}`, () => {
      const schemes = { old: { type: 'oauth2', flows: { implicit: flow() } }, key: { type: 'apiKey', in: 'header', name: 'X-Key' } };
      assertFindingPaths(CODE, openapi(version, { security: [{ key: [] }], paths: {}, components: { securitySchemes: schemes } }), []);
      // No `security` anywhere: the schemes are presumably what applies.
      assertFindingPaths(CODE, openapi(version, { paths: {}, components: { securitySchemes: schemes } }), ['components.securitySchemes.old.flows.implicit']);
    });
  }

  it('reports OAS 2.0 `flow: implicit` at its value', () => {
    const doc = openapi('2.0', {
      paths: {},
      securityDefinitions: {
        implicit: { type: 'oauth2', flow: 'implicit', authorizationUrl: 'https://auth.example.com/authorize', scopes: {} },
        code: { type: 'oauth2', flow: 'accessCode', authorizationUrl: 'https://a.example.com', tokenUrl: 'https://a.example.com/t', scopes: {} },
      },
    });
    assertFindingPaths(CODE, doc, ['securityDefinitions.implicit.flow']);
  });

  it('ignores non-OAuth2 schemes and documents without schemes', () => {
    assertFindingPaths(CODE, openapi('3.1', { paths: {}, components: { securitySchemes: { x: { type: 'http', scheme: 'bearer', flows: { implicit: {} } } } } }), []);
    assertFindingPaths(CODE, openapi('2.0', { paths: {} }), []);
  });

  it('underlines the flow key', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows:\n        implicit:\n          authorizationUrl: https://a.example.com\n          scopes: {}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['9:9-9:17']);
  });
});
