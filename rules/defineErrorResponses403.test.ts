import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api5:2023-define-error-responses-403';
const ok = { '200': { description: 'OK' } };
/** A new 4XX response is itself asked to advertise rate limits; adding those headers is that rule's own fix. */
const NEW_RESPONSE_NEEDS = ['owasp:api4:2023-rate-limit'];

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports operations that require scopes without a 403 in OAS ${version}`, () => {
      const oauth = version === '2.0'
        ? { securityDefinitions: { oauth: { type: 'oauth2', flow: 'application', tokenUrl: 'https://auth.example.com/token', scopes: { read: 'r', admin: 'a' } }, key: { type: 'apiKey', in: 'header', name: 'X-Key' } } }
        : { components: { securitySchemes: { oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { read: 'r', admin: 'a' } } } }, key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } };
      const doc = openapi(version, {
        security: [{ oauth: ['read'] }],
        paths: {
          '/inherits': { get: { responses: ok } },
          '/admin': { post: { security: [{ key: [] }, { oauth: ['admin'] }], responses: ok } },
          '/key-only': { get: { security: [{ key: [] }], responses: ok } },
          '/public': { get: { security: [], responses: ok } },
          '/empty-scopes': { get: { security: [{ oauth: [] }], responses: ok } },
          '/has-403': { get: { responses: { ...ok, '403': { description: 'Forbidden' } } } },
          '/range': { get: { responses: { ...ok, '4XX': { description: 'Client error' } } } },
          '/default': { get: { responses: { ...ok, default: { description: 'Error' } } } },
        },
        ...oauth,
      });
      assertFindingPaths(CODE, doc, ['paths./inherits.get.responses', 'paths./admin.post.responses']);
    });
  }

  it('counts 3.1 roles on non-OAuth schemes, and ignores documents without scopes', () => {
    assertFindingPaths(CODE, openapi('3.1', { paths: { '/a': { get: { security: [{ key: ['auditor'] }], responses: ok } } } }), ['paths./a.get.responses']);
    assertFindingPaths(CODE, openapi('3.0', { security: [{ key: [] }], paths: { '/a': { get: { responses: ok } } } }), []);
  });

  it('names the scopes and underlines the responses key', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    delete:\n      security: [{oauth: ['pets:write', admin]}]\n      responses:\n        '204': {description: Gone}\n";
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), ['7:7-7:16']);
    assert.equal(analysis.diagnostics.find((d) => d.code === CODE)?.message, "Operation requires 'pets:write', 'admin' but is missing a 403 response.");
  });

  describe('fix: add a 403 response', () => {
    it('inserts a 403 with an error body in block YAML', () => {
      const text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\nsecurity:\n  - oauth: [read]\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n";
      const { text: fixed, title } = applyFix(text, 'yaml', CODE, 0, NEW_RESPONSE_NEEDS);
      assert.equal(title, 'Add a 403 Forbidden response');
      assert.equal(
        fixed,
        `${text}        '403':\n          description: Forbidden\n          content:\n            application/json:\n              schema:\n                type: object\n`,
      );
    });

    it('references a shared Forbidden response and the document error schema', () => {
      const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nsecurity: [{oauth: [read]}]\npaths:\n  /a:\n    get:\n      responses: {'200': {description: OK}}\ncomponents:\n  responses:\n    Forbidden: {description: No}\n";
      assert.ok(applyFix(text, 'yaml', CODE, 0, NEW_RESPONSE_NEEDS).text.includes("responses: {'200': {description: OK}, '403': {$ref: '#/components/responses/Forbidden'}}"));
      const swagger = '{"swagger":"2.0","info":{"title":"t","version":"1"},"security":[{"o":["read"]}],"paths":{"/a":{"get":{"responses":{"200":{"description":"OK"}}}}},"definitions":{"Error":{"type":"object"}}}';
      assert.equal(
        applyFix(swagger, 'json', CODE, 0, NEW_RESPONSE_NEEDS).text,
        swagger.replace('{"200":{"description":"OK"}}', '{"200":{"description":"OK"},"403":{"description":"Forbidden","schema":{"$ref":"#/definitions/Error"}}}'),
      );
    });
  });
});
