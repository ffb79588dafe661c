import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api8:2023-define-cors-origin';

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    const header = version === '2.0' ? { type: 'string' } : { schema: { type: 'string' } };
    it(`reports responses that declare headers but no Access-Control-Allow-Origin in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {
          '/a': {
            get: {
              responses: {
                '200': { description: 'OK', headers: { 'Access-Control-Allow-Origin': header } },
                '201': { description: 'Lower case', headers: { 'access-control-allow-origin': header } },
                '204': { description: 'Other header only', headers: { 'X-Request-Id': header } },
                '404': { description: 'No headers at all' },
                default: { description: 'Error' },
              },
            },
          },
        },
      });
      assertFindingPaths(CODE, doc, ['paths./a.get.responses.204.headers']);
    });
  }

  it('follows $refs, reporting a shared response once at its definition', () => {
    const doc = openapi('3.0', {
      paths: {
        '/a': { get: { responses: { '200': { $ref: '#/components/responses/Ok' }, '400': { $ref: '#/components/responses/Bad' } } } },
        '/b': { get: { responses: { '200': { $ref: '#/components/responses/Ok' }, '400': { $ref: '#/components/responses/Bad' } } } },
      },
      components: {
        headers: { Cors: { schema: { type: 'string' } } },
        responses: {
          Ok: { description: 'OK', headers: { 'Access-Control-Allow-Origin': { $ref: '#/components/headers/Cors' } } },
          Bad: { description: 'Bad', headers: { 'X-Request-Id': { schema: { type: 'string' } } } },
        },
      },
    });
    assertFindingPaths(CODE, doc, ['components.responses.Bad.headers']);
  });

  it('ignores headers that are not response headers: components.headers, encoding headers, schema properties, callbacks', () => {
    const cors = { 'Access-Control-Allow-Origin': { schema: { type: 'string' } } };
    const doc = openapi('3.1', {
      paths: {
        '/upload': {
          post: {
            requestBody: {
              content: {
                'multipart/form-data': {
                  schema: { type: 'object', properties: { headers: { type: 'object' }, file: { type: 'string' } } },
                  encoding: { file: { headers: { 'X-Part': { schema: { type: 'string' } } } } },
                },
              },
            },
            responses: { '201': { description: 'Created', headers: cors } },
            callbacks: { onDone: { '{$request.body#/url}': { post: { responses: { '200': { description: 'OK', headers: { 'X-Ack': { schema: { type: 'string' } } } } } } } } },
          },
        },
      },
      webhooks: { ping: { post: { responses: { '200': { description: 'OK' } } } } },
      components: { headers: { 'X-Request-Id': { schema: { type: 'string' } } } },
    });
    assertFindingPaths(CODE, doc, []);
  });

  it('underlines the headers key, and leaves responses without headers alone', () => {
    const text =
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n          headers:\n            X-Id: {schema: {type: string}}\n        '201':\n          description: Created\n          headers: {Access-Control-Allow-Origin: {schema: {type: string}}}\n        '404':\n          description: Missing\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['9:11-9:18']);
  });

  it('reports a document that never declares CORS once, at its version field', () => {
    const doc = openapi('3.1', { paths: { '/a': { get: { responses: { '200': { description: 'OK', headers: { 'X-Id': { schema: { type: 'string' } } } }, '404': { description: 'No' } } } } } });
    assertFindingPaths(CODE, doc, ['openapi']);
    const text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {/a: {get: {responses: {'200': {description: OK}}}}}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['1:1-1:8']);
    assertFindingPaths(CODE, openapi('3.0', { paths: {} }), []);
  });
});
