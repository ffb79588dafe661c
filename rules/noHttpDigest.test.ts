import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-no-http-digest';

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports http digest schemes, case-insensitively, in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {},
        components: {
          securitySchemes: {
            digest: { type: 'http', scheme: 'digest' },
            upper: { type: 'http', scheme: 'Digest' },
            basic: { type: 'http', scheme: 'basic' },
            negotiate: { type: 'http', scheme: 'negotiate' },
            key: { type: 'apiKey', in: 'header', name: 'digest' },
          },
        },
      });
      assertFindingPaths(CODE, doc, ['components.securitySchemes.digest.scheme', 'components.securitySchemes.upper.scheme']);
    });

    it(`skips a digest scheme no requirement names while others are used, in OAS ${version}`, () => {
      const securitySchemes = { digest: { type: 'http', scheme: 'digest' }, bearer: { type: 'http', scheme: 'bearer' } };
      assertFindingPaths(CODE, openapi(version, { security: [{ bearer: [] }], paths: {}, components: { securitySchemes } }), []);
      assertFindingPaths(CODE, openapi(version, { security: [{ digest: [] }], paths: {}, components: { securitySchemes } }), ['components.securitySchemes.digest.scheme']);
    });
  }

  it('does not apply to OAS 2.0 (no digest there)', () => {
    assertFindingPaths(CODE, openapi('2.0', { paths: {}, securityDefinitions: { basic: { type: 'basic' } } }), []);
  });

  it('underlines the scheme value', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  securitySchemes:\n    d: {type: http, scheme: DIGEST}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['6:29-6:35']);
  });
});
