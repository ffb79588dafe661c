import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, openapi } from '../test/support/ruleHarness';

const CODE = 'owasp:api8:2023-define-error-responses-401';
const ok = { '200': { description: 'OK' } };
/** A new 4XX response is itself asked to advertise rate limits; adding those headers is that rule's own fix. */
const NEW_RESPONSE_NEEDS = ['owasp:api4:2023-rate-limit'];

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports secured operations without 401 in OAS ${version}, honouring operation overrides`, () => {
      const schemes = version === '2.0' ? { securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } : { components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } };
      const unauthorized = version === '2.0' ? { description: 'No' } : { description: 'No', content: { 'application/json': { schema: { type: 'object' } } } };
      const doc = openapi(version, {
        security: [{ key: [] }],
        paths: {
          '/inherits': { get: { responses: ok } },
          '/public': { get: { security: [], responses: ok } },
          '/anonymous-or-key': { get: { security: [{}, { key: [] }], responses: ok } },
          '/has-401': { get: { responses: { ...ok, '401': unauthorized } } },
          '/range': { get: { responses: { ...ok, '4XX': unauthorized } } },
          '/default': { get: { responses: { ...ok, default: unauthorized } } },
        },
        ...schemes,
      });
      assertFindingPaths(CODE, doc, ['paths./inherits.get.responses', 'paths./anonymous-or-key.get.responses']);
    });
  }

  it('ignores documents that declare no security at all', () => {
    assertFindingPaths(CODE, openapi('3.0', { paths: { '/a': { get: { responses: ok } } } }), []);
  });

  it('reports a 3.x 401 without content, but not an OAS 2.0 one', () => {
    const paths = { '/a': { get: { security: [{ key: [] }], responses: { ...ok, '401': { description: 'No' } } } } };
    assertFindingPaths(CODE, openapi('3.1', { paths }), ['paths./a.get.responses.401']);
    assertFindingPaths(CODE, openapi('2.0', { paths }), []);
  });

  describe('fix: add a 401 response', () => {
    const yaml = (responses: string) =>
      `openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\nsecurity:\n  - key: []\npaths:\n  /a:\n    get:\n      responses:\n${responses}`;

    it('inserts after the last response in block YAML, matching quotes and indentation, keeping comments', () => {
      const text = yaml("        '200': # fine\n          description: OK\n        # more to come\n");
      const { text: fixed, title } = applyFix(text, 'yaml', CODE, 0, NEW_RESPONSE_NEEDS);
      assert.equal(title, 'Add a 401 Unauthorized response');
      assert.equal(
        fixed,
        yaml(
          "        '200': # fine\n          description: OK\n        '401':\n          description: Unauthorized\n          content:\n            application/json:\n              schema:\n                type: object\n        # more to come\n",
        ),
      );
    });

    it('uses plain numeric keys when the document does, and 4-space indentation', () => {
      const text = "swagger: '2.0'\ninfo:\n    title: t\n    version: '1'\nsecurity:\n    - key: []\npaths:\n    /a:\n        get:\n            responses:\n                200:\n                    description: OK";
      const fixed = applyFix(text, 'yaml', CODE, 0, NEW_RESPONSE_NEEDS).text;
      assert.equal(
        fixed,
        `${text}\n                401:\n                    description: Unauthorized\n                    schema:\n                        type: object`,
      );
    });

    it('references a shared Unauthorized response when the document has one', () => {
      const text = yaml("        '200':\n          description: OK\ncomponents:\n  responses:\n    Unauthorized:\n      description: No\n      content: {application/json: {schema: {type: object}}}\n");
      assert.match(applyFix(text, 'yaml', CODE, 0, NEW_RESPONSE_NEEDS).text, /'401':\n {10}\$ref: '#\/components\/responses\/Unauthorized'\n/);
    });

    it('inserts into a flow mapping and reuses an existing error schema', () => {
      const text = yaml("        {'200': {description: OK, content: {application/problem+json: {schema: {$ref: '#/components/schemas/Problem'}}}}}\ncomponents:\n  schemas:\n    Problem: {type: object}\n");
      const fixed = applyFix(text, 'yaml', CODE, 0, NEW_RESPONSE_NEEDS).text;
      assert.ok(
        fixed.includes("}}}, '401': {description: Unauthorized, content: {application/problem+json: {schema: {$ref: '#/components/schemas/Problem'}}}}}"),
        fixed,
      );
    });

    it('inserts into JSON with the document indentation and CRLF', () => {
      const lines = ['{', '  "openapi": "3.1.0",', '  "info": {"title": "t", "version": "1"},', '  "security": [{"key": []}],', '  "paths": {', '    "/a": {', '      "get": {', '        "responses": {', '          "200": {"description": "OK"}', '        }', '      }', '    }', '  }', '}', ''];
      const text = lines.join('\r\n');
      const fixed = applyFix(text, 'json', CODE, 0, NEW_RESPONSE_NEEDS).text;
      const expected = text.replace(
        '"200": {"description": "OK"}',
        '"200": {"description": "OK"},\r\n          "401": {\r\n            "description": "Unauthorized",\r\n            "content": {\r\n              "application/json": {\r\n                "schema": {\r\n                  "type": "object"\r\n                }\r\n              }\r\n            }\r\n          }',
      );
      assert.equal(fixed, expected);
    });

    it('inserts into minified JSON without adding whitespace', () => {
      const text = '{"swagger":"2.0","info":{"title":"t","version":"1"},"security":[{"k":[]}],"paths":{"/a":{"get":{"responses":{"200":{"description":"OK"}}}}}}';
      assert.equal(
        applyFix(text, 'json', CODE, 0, NEW_RESPONSE_NEEDS).text,
        text.replace('{"200":{"description":"OK"}}', '{"200":{"description":"OK"},"401":{"description":"Unauthorized","schema":{"type":"object"}}}'),
      );
    });

    it('adds content to a 3.x 401 that has none', () => {
      const text = yaml("        '200':\n          description: OK\n        '401':\n          description: No\n");
      const fixed = applyFix(text, 'yaml', CODE, 0, NEW_RESPONSE_NEEDS).text;
      assert.ok(fixed.endsWith("        '401':\n          description: No\n          content:\n            application/json:\n              schema:\n                type: object\n"), fixed);
    });
  });
});
