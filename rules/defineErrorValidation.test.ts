import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api8:2023-define-error-validation';
const ok = { '200': { description: 'OK' } };
const NEW_RESPONSE_NEEDS = ['owasp:api4:2023-rate-limit', 'owasp:api8:2023-define-cors-origin'];

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports operations that take input without 400, 422, 4XX or default in OAS ${version}`, () => {
      const query = version === '2.0' ? { name: 'q', in: 'query', type: 'string' } : { name: 'q', in: 'query', schema: { type: 'string' } };
      const input = { parameters: [query] };
      const doc = openapi(version, {
        paths: {
          '/missing': { get: { ...input, responses: { ...ok, '404': { description: 'Missing' } } } },
          '/path-level/{id}': {
            parameters: [version === '2.0' ? { name: 'id', in: 'path', required: true, type: 'string' } : { name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            get: { responses: ok },
          },
          '/400': { get: { ...input, responses: { ...ok, '400': { description: 'Bad' } } } },
          '/422': { get: { ...input, responses: { ...ok, '422': { description: 'Unprocessable' } } } },
          '/range': { get: { ...input, responses: { ...ok, '4XX': { description: 'Client error' } } } },
          '/default': { get: { ...input, responses: { ...ok, default: { description: 'Error' } } } },
          '/no-input': { get: { responses: ok } },
        },
      });
      assertFindingPaths(CODE, doc, ['paths./missing.get.responses', 'paths./path-level/{id}.get.responses']);
    });
  }

  it('counts a request body as input (3.x requestBody, 2.0 body parameter)', () => {
    const body = { post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok } };
    assertFindingPaths(CODE, openapi('3.0', { paths: { '/a': body } }), ['paths./a.post.responses']);
    const oas2 = { post: { parameters: [{ name: 'body', in: 'body', schema: { type: 'object' } }], responses: ok } };
    assertFindingPaths(CODE, openapi('2.0', { paths: { '/a': oas2 } }), ['paths./a.post.responses']);
  });

  it('leaves callback operations alone', () => {
    const callback = { '{$request.body#/url}': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok } } };
    const doc = openapi('3.1', { paths: { '/subscribe': { post: { responses: ok, callbacks: { onEvent: callback } } } } });
    assertFindingPaths(CODE, doc, []);
  });

  it('underlines the responses key', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {type: string}}\n      responses:\n        '200':\n          description: OK\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['8:7-8:16']);
  });

  it('fix: adds a 400 response, reusing the document\'s error schema', () => {
    const text =
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {type: string}}\n      responses:\n        '200':\n          description: OK\ncomponents:\n  schemas:\n    Problem: {type: object}\n";
    const { text: fixed, title } = applyFix(text, 'yaml', CODE, 0, NEW_RESPONSE_NEEDS);
    assert.equal(title, 'Add a 400 Bad Request response');
    assert.ok(fixed.includes("        '400':\n          description: Bad Request\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Problem'\ncomponents:"), fixed);
  });
});
