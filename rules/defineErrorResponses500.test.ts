import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api8:2023-define-error-responses-500';
const ok = { '200': { description: 'OK' } };
const NEW_RESPONSE_NEEDS = ['owasp:api8:2023-define-cors-origin'];

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports operations without a 500 in OAS ${version}, accepting 5XX and default`, () => {
      const body = version === '2.0' ? { schema: { type: 'object' } } : { content: { 'application/json': { schema: { type: 'object' } } } };
      const doc = openapi(version, {
        paths: {
          '/missing': { get: { responses: ok }, post: { responses: { ...ok, '503': { description: 'Unavailable', ...body } } } },
          '/has-500': { get: { responses: { ...ok, '500': { description: 'Oops', ...body } } } },
          '/range': { get: { responses: { ...ok, '5XX': { description: 'Server error', ...body } } } },
          '/lower-range': { get: { responses: { ...ok, '5xx': { description: 'Server error', ...body } } } },
          '/default': { get: { responses: { ...ok, default: { description: 'Error', ...body } } } },
        },
      });
      assertFindingPaths(CODE, doc, ['paths./missing.get.responses', 'paths./missing.post.responses']);
    });
  }

  it('reports a 3.x 500 without content once, at its shared definition, but not an OAS 2.0 one', () => {
    const paths = {
      '/a': { get: { responses: { '500': { $ref: '#/components/responses/Oops' } } } },
      '/b': { get: { responses: { '500': { $ref: '#/components/responses/Oops' } } } },
      '/c': { get: { responses: { '500': { description: 'Inline' } } } },
    };
    assertFindingPaths(CODE, openapi('3.1', { paths, components: { responses: { Oops: { description: 'Oops' } } } }), ['paths./c.get.responses.500', 'components.responses.Oops']);
    assertFindingPaths(CODE, openapi('2.0', { paths: { '/a': { get: { responses: { '500': { description: 'Oops' } } } } } }), []);
  });

  it('leaves callback operations alone', () => {
    const doc = openapi('3.0', {
      paths: { '/subscribe': { post: { responses: { default: { description: 'Error' } }, callbacks: { onEvent: { '{$request.body#/url}': { post: { responses: ok } } } } } } },
    });
    assertFindingPaths(CODE, doc, []);
  });

  it('underlines the responses key, or the status code of a 500 without content', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n  /b:\n    get:\n      responses:\n        500:\n          description: Oops\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['6:7-6:16', '12:9-12:12']);
  });

  it('fix: adds a 500 response', () => {
    const text = '{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"OK"}}}}}}';
    const { text: fixed, title } = applyFix(text, 'json', CODE, 0, NEW_RESPONSE_NEEDS);
    assert.equal(title, 'Add a 500 Internal Server Error response');
    assert.equal(
      fixed,
      text.replace('{"200":{"description":"OK"}}', '{"200":{"description":"OK"},"500":{"description":"Internal Server Error","schema":{"type":"object"}}}'),
    );
  });
});
