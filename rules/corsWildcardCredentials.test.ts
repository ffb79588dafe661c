import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api8:2023-cors-wildcard-credentials';

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports a wildcard origin with credentials in the same response in OAS ${version}`, () => {
      // OAS 2.0 headers carry their type and values themselves; 3.x headers through a schema.
      const header = (values: Record<string, unknown>, type = 'string') => (version === '2.0' ? { type, ...values } : { schema: { type, ...values } });
      const star = header({ enum: ['*'] });
      const credentials = header({ default: true }, 'boolean');
      const responses = (headers: Record<string, unknown>) => ({ '200': { description: 'OK', headers } });
      const doc = openapi(version, {
        paths: {
          '/enum': { get: { responses: responses({ 'Access-Control-Allow-Origin': star, 'Access-Control-Allow-Credentials': credentials }) } },
          '/lower-case': { get: { responses: responses({ 'access-control-allow-origin': header({ default: '*' }), 'access-control-allow-credentials': header({ enum: ['true'] }) }) } },
          // Quiet: no credentials, credentials without a declared value, false, or a named origin.
          '/public': { get: { responses: responses({ 'Access-Control-Allow-Origin': star }) } },
          '/unknown': { get: { responses: responses({ 'Access-Control-Allow-Origin': star, 'Access-Control-Allow-Credentials': header({}, 'boolean') }) } },
          '/false': { get: { responses: responses({ 'Access-Control-Allow-Origin': star, 'Access-Control-Allow-Credentials': header({ default: false }, 'boolean') }) } },
          '/named': { get: { responses: responses({ 'Access-Control-Allow-Origin': header({ enum: ['https://app.example.com'] }), 'Access-Control-Allow-Credentials': credentials }) } },
        },
      });
      assertFindingPaths(CODE, doc, ['paths./enum.get.responses.200.headers.Access-Control-Allow-Origin', 'paths./lower-case.get.responses.200.headers.access-control-allow-origin']);
    });
  }

  it('reads 3.x examples and const, follows $refs, and reports a shared response once', () => {
    const doc = openapi('3.1', {
      paths: {
        '/a': { get: { responses: { '200': { $ref: '#/components/responses/Cors' } } } },
        '/b': { get: { responses: { '200': { $ref: '#/components/responses/Cors' } } } },
        '/c': {
          get: {
            responses: {
              '200': {
                description: 'OK',
                headers: {
                  'Access-Control-Allow-Origin': { schema: { type: 'string' }, examples: { any: { value: '*' } } },
                  'Access-Control-Allow-Credentials': { schema: { const: true } },
                },
              },
            },
          },
        },
      },
      components: {
        headers: { Origin: { schema: { type: 'string', examples: ['*'] } }, Credentials: { example: true, schema: { type: 'boolean' } } },
        responses: { Cors: { description: 'OK', headers: { 'Access-Control-Allow-Origin': { $ref: '#/components/headers/Origin' }, 'Access-Control-Allow-Credentials': { $ref: '#/components/headers/Credentials' } } } },
      },
    });
    assertFindingPaths(CODE, doc, ['paths./c.get.responses.200.headers.Access-Control-Allow-Origin', 'components.responses.Cors.headers.Access-Control-Allow-Origin']);
  });

  it('underlines the header name', () => {
    const text =
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n          headers:\n            Access-Control-Allow-Origin: {schema: {type: string, example: '*'}}\n            Access-Control-Allow-Credentials: {schema: {type: boolean, example: true}}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['10:13-10:40']);
  });
});
