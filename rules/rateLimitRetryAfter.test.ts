import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api4:2023-rate-limit-retry-after';

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    const header = version === '2.0' ? { type: 'integer' } : { schema: { type: 'integer' } };
    it(`reports 429 responses without Retry-After in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {
          '/a': {
            get: {
              responses: {
                '200': { description: 'OK' },
                '429': { description: 'Slow down', headers: { 'X-RateLimit-Limit': header } },
              },
            },
          },
          '/b': { get: { responses: { '429': { description: 'Slow down' } } } },
          '/c': { get: { responses: { '429': { description: 'Slow down', headers: { 'Retry-After': header } } } } },
          '/d': { get: { responses: { '429': { description: 'Lower case', headers: { 'retry-after': header } } } } },
          '/e': { get: { responses: { '4XX': { description: 'A range is not a 429' }, '503': { description: 'Unavailable' } } } },
        },
      });
      assertFindingPaths(CODE, doc, ['paths./a.get.responses.429.headers', 'paths./b.get.responses.429']);
    });
  }

  it('follows $refs to shared responses and headers, reporting a shared 429 once at its definition', () => {
    const doc = openapi('3.0', {
      paths: {
        '/a': { get: { responses: { '429': { $ref: '#/components/responses/Slow' } } } },
        '/b': { get: { responses: { '429': { $ref: '#/components/responses/Slow' } } } },
        '/c': { get: { responses: { '429': { $ref: '#/components/responses/SlowWithRetry' } } } },
      },
      components: {
        headers: { RetryAfter: { schema: { type: 'integer' } } },
        responses: {
          Slow: { description: 'Slow', headers: { RateLimit: { schema: { type: 'string' } } } },
          SlowWithRetry: { description: 'Slow', headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } },
        },
      },
    });
    assertFindingPaths(CODE, doc, ['components.responses.Slow.headers']);
  });

  it('checks callbacks and 3.1 webhooks too', () => {
    const slow = { responses: { '429': { description: 'Slow' } } };
    const doc = openapi('3.1', {
      paths: { '/subscribe': { post: { responses: { '201': { description: 'OK' } }, callbacks: { onEvent: { '{$request.body#/url}': { post: slow } } } } } },
      webhooks: { ping: { post: slow } },
    });
    assertFindingPaths(CODE, doc, ['paths./subscribe.post.callbacks.onEvent.{$request.body#/url}.post.responses.429', 'webhooks.ping.post.responses.429']);
  });

  it('underlines the headers key, or the status code when there are no headers', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '429':\n          description: Slow\n          headers: {}\n  /b:\n    get:\n      responses:\n        429:\n          description: Slow\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['9:11-9:18', '13:9-13:12']);
  });

  describe('fix: declare Retry-After', () => {
    it('adds the header to an existing headers object', () => {
      const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '429':\n          description: Slow\n          headers:\n            X-Limit:\n              schema: {type: integer}\n";
      const { text: fixed, title } = applyFix(text, 'yaml', CODE);
      assert.equal(title, 'Declare a Retry-After header');
      assert.ok(fixed.endsWith('            Retry-After:\n              description: Seconds to wait before retrying.\n              schema:\n                type: integer\n                format: int32\n                minimum: 0\n                maximum: 86400\n'), fixed);
    });

    it('adds a headers object in OAS 2.0 JSON', () => {
      const text = '{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"429":{"description":"Slow"}}}}}}';
      assert.equal(
        applyFix(text, 'json', CODE).text,
        text.replace('"Slow"}', '"Slow","headers":{"Retry-After":{"description":"Seconds to wait before retrying.","type":"integer","format":"int32","minimum":0,"maximum":86400}}}'),
      );
    });
  });
});
