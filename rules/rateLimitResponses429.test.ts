import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api4:2023-rate-limit-responses-429';
const ok = { '200': { description: 'OK' } };
/** A new 4XX response is itself asked for rate-limit and CORS headers; adding those is those rules' business. */
const NEW_RESPONSE_NEEDS = ['owasp:api4:2023-rate-limit', 'owasp:api8:2023-define-cors-origin'];

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports operations without a 429 in OAS ${version}, accepting 4XX and default`, () => {
      const body = version === '2.0' ? { schema: { type: 'object' } } : { content: { 'application/json': { schema: { type: 'object' } } } };
      const doc = openapi(version, {
        paths: {
          '/missing': { get: { responses: ok } },
          '/has-429': { get: { responses: { ...ok, '429': { description: 'Slow', ...body } } } },
          '/range': { get: { responses: { ...ok, '4XX': { description: 'Client error', ...body } } } },
          '/default': { get: { responses: { ...ok, default: { description: 'Error', ...body } } } },
          '/other-4xx': { post: { responses: { ...ok, '400': { description: 'Bad', ...body } } } },
        },
      });
      assertFindingPaths(CODE, doc, ['paths./missing.get.responses', 'paths./other-4xx.post.responses']);
    });
  }

  it('reports a 3.x 429 without content once, at its shared definition, but not an OAS 2.0 one', () => {
    const paths = {
      '/a': { get: { responses: { '429': { $ref: '#/components/responses/Slow' } } } },
      '/b': { get: { responses: { '429': { $ref: '#/components/responses/Slow' } } } },
    };
    assertFindingPaths(CODE, openapi('3.0', { paths, components: { responses: { Slow: { description: 'Slow' } } } }), ['components.responses.Slow']);
    assertFindingPaths(CODE, openapi('2.0', { paths: { '/a': { get: { responses: { '429': { description: 'Slow' } } } } } }), []);
  });

  it('leaves callbacks and schema properties named responses alone', () => {
    const doc = openapi('3.1', {
      paths: {
        '/subscribe': {
          post: {
            requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { responses: { type: 'object' } } } } } },
            responses: { default: { description: 'Error' } },
            callbacks: { onEvent: { '{$request.body#/url}': { post: { responses: ok } } } },
          },
        },
      },
    });
    assertFindingPaths(CODE, doc, []);
  });

  it('underlines the responses key', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['6:7-6:16']);
  });

  describe('fix: add a 429 response', () => {
    it('adds a 429 with Retry-After and an error body', () => {
      const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n";
      const { text: fixed, title } = applyFix(text, 'yaml', CODE, 0, NEW_RESPONSE_NEEDS);
      assert.equal(title, 'Add a 429 Too Many Requests response');
      assert.equal(
        fixed.slice(text.length),
        "        '429':\n          description: Too Many Requests\n          headers:\n            Retry-After:\n              description: Seconds to wait before retrying.\n              schema:\n                type: integer\n                format: int32\n                minimum: 0\n                maximum: 86400\n            RateLimit:\n              description: Remaining quota in the current window (IETF RateLimit header fields).\n              schema:\n                type: string\n                maxLength: 256\n                pattern: '^[\\x20-\\x7E]*$'\n            RateLimit-Policy:\n              description: 'The quota policy: requests per window.'\n              schema:\n                type: string\n                maxLength: 256\n                pattern: '^[\\x20-\\x7E]*$'\n" +
          '          content:\n            application/json:\n              schema:\n                type: object\n',
      );
    });

    it('references a shared TooManyRequests response when the document has one', () => {
      const text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\nresponses:\n  TooManyRequests:\n    description: Slow\n    headers:\n      Retry-After: {type: integer}\n";
      assert.match(applyFix(text, 'yaml', CODE, 0, NEW_RESPONSE_NEEDS).text, /'429':\n {10}\$ref: '#\/responses\/TooManyRequests'\n/);
    });

    it('adds content to a 3.x 429 that has none', () => {
      const text = '{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"429":{"description":"Slow"}}}}}}';
      const fixed = applyFix(text, 'json', CODE).text;
      assert.ok(fixed.includes('{"description":"Slow","content":{"application/json":{"schema":'), fixed);
    });
  });
});
