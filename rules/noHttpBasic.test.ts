import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-no-http-basic';

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports http basic schemes, case-insensitively, in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {},
        components: { securitySchemes: { basic: { type: 'http', scheme: 'basic' }, upper: { type: 'http', scheme: 'Basic' }, bearer: { type: 'http', scheme: 'bearer' }, key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
      });
      assertFindingPaths(CODE, doc, ['components.securitySchemes.basic.scheme', 'components.securitySchemes.upper.scheme']);
    });
  }

  it('reports OAS 2.0 basic security definitions', () => {
    const doc = openapi('2.0', { paths: {}, securityDefinitions: { basic: { type: 'basic' }, key: { type: 'apiKey', in: 'header', name: 'X-Key' } } });
    assertFindingPaths(CODE, doc, ['securityDefinitions.basic.type']);
  });

  it('accepts documents without basic auth', () => {
    assertFindingPaths(CODE, openapi('3.0', { paths: {}, components: { securitySchemes: { oauth: { type: 'oauth2', flows: {} } } } }), []);
    assertFindingPaths(CODE, openapi('2.0', { paths: {} }), []);
  });

  it('underlines the scheme value', () => {
    const text = '{\n  "openapi": "3.1.0",\n  "info": {"title": "t", "version": "1"},\n  "paths": {},\n  "components": {"securitySchemes": {"b": {"type": "http", "scheme": "basic"}}}\n}\n';
    assert.deepEqual(positions(lint(text, 'json'), CODE), ['5:70-5:77']);
  });
});
