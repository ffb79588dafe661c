import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api6:2023-sensitive-flow-rate-limit';
const ok = { '200': { description: 'OK' } };
const op = (extra: Record<string, unknown> = {}) => ({ responses: ok, ...extra });

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports sensitive write flows without rate limiting in OAS ${version}`, () => {
      const limitHeader = version === '2.0' ? { type: 'integer' } : { schema: { type: 'integer' } };
      const doc = openapi(version, {
        paths: {
          '/login': { post: op() },
          '/oauth2/token': { post: op() },
          '/auth/sign-up': { post: op() },
          '/users/{id}/password': { put: op() },
          '/checkout': { post: op() },
          '/orders': { get: op(), post: op() },
          '/mfa/challenge': { post: op({ operationId: 'verifyMfaCode' }) },
          '/sessions': { post: op({ summary: 'Sign in with email and password' }) },
          '/phone/verify': { post: op() },
          '/password/reset': { post: op() },
          // Documented: a 429, a rate-limit header, a Retry-After header, or an extension.
          '/signin': { post: op({ responses: { ...ok, '429': { description: 'Slow down' } } }) },
          '/register': { post: op({ responses: { '201': { description: 'Created', headers: { 'X-RateLimit-Remaining': limitHeader } } } }) },
          '/forgot-password': { post: op({ responses: { '202': { description: 'Sent', headers: { 'retry-after': limitHeader } } } }) },
          '/payments': { post: op({ 'x-throttling-tier': 'Gold' }) },
        },
      });
      assertFindingPaths(CODE, doc, [
        'paths./login.post',
        'paths./oauth2/token.post',
        'paths./auth/sign-up.post',
        'paths./users/{id}/password.put',
        'paths./checkout.post',
        'paths./orders.post',
        'paths./mfa/challenge.post',
        'paths./sessions.post',
        'paths./phone/verify.post',
        'paths./password/reset.post',
      ]);
    });
  }

  it('leaves reads, unrelated actions and look-alike flows alone', () => {
    const doc = openapi('3.1', {
      paths: {
        '/login/history': { get: op() },
        '/orders/{id}': { patch: op() },
        '/orders/{id}/items': { post: op() },
        '/webhooks/register': { post: op() },
        '/devices/registration': { post: op() },
        '/domains/{id}/verify': { post: op({ summary: 'Verify an existing domain' }) },
        '/oauth2/revoke': { post: op({ summary: 'Revoke access token' }) },
        '/logout': { post: op() },
        '/realtime/sessions': { post: op({ summary: 'Create an ephemeral key that can be used to make requests and authenticate browser clients' }) },
        '/payments/{id}': { delete: op() },
        '/payments/{id}/notes': { post: op() },
        '/email/send': { post: op() },
      },
    });
    assertFindingPaths(CODE, doc, []);
  });

  it('honours a rate-limit extension on the path item or the root', () => {
    assertFindingPaths(CODE, openapi('3.0', { paths: { '/login': { 'x-rateLimit': { limit: 5 }, post: op() } } }), []);
    assertFindingPaths(CODE, openapi('3.0', { 'x-ratelimit-policy': '100;w=60', paths: { '/login': { post: op() } } }), []);
  });

  it('counts a 429 reached through $ref and names the flow in the message', () => {
    const doc = openapi('3.0', {
      paths: { '/login': { post: op({ responses: { '429': { $ref: '#/components/responses/TooMany' } } }) }, '/pay': { post: op() } },
      components: { responses: { TooMany: { description: 'Too many' } } },
    });
    assertFindingPaths(CODE, doc, ['paths./pay.post']);
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pay:\n    post:\n      responses: {'200': {description: OK}}\n";
    const [finding] = lint(text, 'yaml').diagnostics.filter((d) => d.code === CODE);
    assert.equal(finding.message, 'POST /pay looks like a sensitive flow (purchase or payment) but defines neither a 429 response nor rate-limit headers.');
  });

  it('underlines the method', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /login:\n    post:\n      responses: {'200': {description: OK}}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['5:5-5:9']);
  });

  describe('fix: add a 429 response', () => {
    /** The new 4XX response is itself asked to advertise rate-limit headers by that rule. */
    const NEW_RESPONSE_NEEDS = ['owasp:api4:2023-rate-limit'];

    it('inserts a 429 with an error body in YAML', () => {
      const text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /login:\n    post:\n      responses:\n        '200':\n          description: OK\n";
      const { text: fixed, title } = applyFix(text, 'yaml', CODE, 0, NEW_RESPONSE_NEEDS);
      assert.equal(title, 'Add a 429 Too Many Requests response');
      assert.equal(
        fixed,
        `${text}        '429':\n          description: Too Many Requests\n          headers:\n            Retry-After:\n              description: Seconds to wait before retrying.\n              schema:\n                type: integer\n                format: int32\n                minimum: 0\n                maximum: 86400\n            RateLimit:\n              description: Remaining quota in the current window (IETF RateLimit header fields).\n              schema:\n                type: string\n                maxLength: 256\n                pattern: '^[\\x20-\\x7E]*$'\n            RateLimit-Policy:\n              description: 'The quota policy: requests per window.'\n              schema:\n                type: string\n                maxLength: 256\n                pattern: '^[\\x20-\\x7E]*$'\n          content:\n            application/json:\n              schema:\n                type: object\n`,
      );
    });

    it('references a shared TooManyRequests response in OAS 2.0 JSON', () => {
      const text = '{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{"/checkout":{"post":{"responses":{"200":{"description":"OK"}}}}},"responses":{"TooManyRequests":{"description":"Slow down"}}}';
      // Once referenced, the shared response's own missing Retry-After becomes reportable: that is its own finding.
      const fixed = applyFix(text, 'json', CODE, 0, [...NEW_RESPONSE_NEEDS, 'owasp:api4:2023-rate-limit-retry-after']).text;
      assert.equal(fixed, text.replace('{"200":{"description":"OK"}}', '{"200":{"description":"OK"},"429":{"$ref":"#/responses/TooManyRequests"}}'));
    });
  });
});
