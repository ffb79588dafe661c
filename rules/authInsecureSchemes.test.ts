import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-auth-insecure-schemes';

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports Negotiate, NTLM and OAuth 1 schemes, case-insensitively, in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {},
        components: {
          securitySchemes: {
            negotiate: { type: 'http', scheme: 'negotiate' },
            Negotiate: { type: 'http', scheme: 'Negotiate' },
            oauth1: { type: 'http', scheme: 'OAuth' },
            ntlm: { type: 'http', scheme: 'NTLM' },
            alias: { $ref: '#/components/securitySchemes/negotiate' },
            bearer: { type: 'http', scheme: 'bearer' },
            oauth2: { type: 'oauth2', flows: {} },
            notHttp: { type: 'apiKey', in: 'header', name: 'oauth', scheme: 'oauth' },
          },
        },
      });
      assertFindingPaths(CODE, doc, [
        'components.securitySchemes.negotiate.scheme',
        'components.securitySchemes.Negotiate.scheme',
        'components.securitySchemes.oauth1.scheme',
        'components.securitySchemes.ntlm.scheme',
      ]);
    });
  }

  it('does not apply to OAS 2.0, which has no http schemes', () => {
    assertFindingPaths(CODE, openapi('2.0', { paths: {}, securityDefinitions: { basic: { type: 'basic' } } }), []);
  });

  it('accepts bearer and basic schemes', () => {
    assertFindingPaths(CODE, openapi('3.1', { paths: {}, components: { securitySchemes: { b: { type: 'http', scheme: 'bearer' }, d: { type: 'http', scheme: 'digest' } } } }), []);
  });

  it('underlines the scheme name and quotes it', () => {
    const text = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  securitySchemes:\n    n: {type: http, scheme: Negotiate}\n';
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), ['6:29-6:38']);
    assert.equal(analysis.diagnostics.find((d) => d.code === CODE)!.message, 'Authentication scheme is considered outdated or insecure: Negotiate.');
  });
});
