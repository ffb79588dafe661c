import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';
import { looksLikeUrlName } from './concerningUrlParameter';

const CODE = 'owasp:api7:2023-concerning-url-parameter';
const ok = { '200': { description: 'OK' } };

describe(CODE, () => {
  it('recognises URL-like names by their words, in any case', () => {
    for (const name of ['callback', 'redirect', 'callback_url', 'imageUrl', 'image-url', 'url', 'URL', 'imageURL', 'redirect_uri', 'X-Callback-Uri', 'returnTo', 'webhook', 'urls[]']) {
      assert.ok(looksLikeUrlName(name), name);
    }
    for (const name of ['curl', 'callback_id', 'redirects_count', 'urlencoded', 'URLPath', 'hurl', 'next', '']) assert.ok(!looksLikeUrlName(name), name);
  });

  for (const version of ['2.0', '3.0', '3.1'] as const) {
    const param = (name: string, schema: Record<string, unknown>, where = 'query') => (version === '2.0' ? { name, in: where, ...schema } : { name, in: where, schema });
    it(`reports free-form URL parameters at path and operation level in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {
          '/a': {
            parameters: [param('callback', { type: 'string' })],
            get: {
              parameters: [
                param('image_url', { type: 'string', format: 'uri' }),
                param('imageURL', { type: 'string' }),
                param('redirect', { type: 'boolean' }),
                param('target_url', { type: 'string', enum: ['https://a.example.com/'] }),
                param('hook_url', { type: 'string', pattern: '^https://hooks\\.example\\.com/' }),
                param('loose_url', { type: 'string', pattern: '^https?://' }),
                param('urls', { type: 'array', items: { type: 'string' } }),
                param('page', { type: 'integer' }),
              ],
              responses: ok,
            },
          },
        },
      });
      assertFindingPaths(CODE, doc, [
        'paths./a.parameters.0.name',
        'paths./a.get.parameters.0.name',
        'paths./a.get.parameters.1.name',
        'paths./a.get.parameters.5.name',
        'paths./a.get.parameters.6.name',
      ]);
    });
  }

  it('reports a shared parameter once, at its definition', () => {
    const doc = openapi('3.0', {
      paths: {
        '/a': { get: { parameters: [{ $ref: '#/components/parameters/Cb' }], responses: ok } },
        '/b': { parameters: [{ $ref: '#/components/parameters/Cb' }], get: { responses: ok } },
      },
      components: { parameters: { Cb: { name: 'callbackUrl', in: 'query', schema: { type: 'string' } } } },
    });
    assertFindingPaths(CODE, doc, ['components.parameters.Cb.name']);
  });

  it('ignores OAS 2.0 body parameter names, which never reach the server', () => {
    const doc = openapi('2.0', { paths: { '/a': { post: { parameters: [{ name: 'url', in: 'body', schema: { type: 'object' } }], responses: ok } } } });
    assertFindingPaths(CODE, doc, []);
  });

  it('underlines the parameter name', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - name: redirect_uri\n          in: query\n          schema: {type: string}\n      responses: {'200': {description: OK}}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['7:17-7:29']);
  });
});
