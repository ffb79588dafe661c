import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api2:2023-no-credentials-in-url';
const ok = { '200': { description: 'OK' } };

function oas3(version: '3.0' | '3.1', names: string[], where = 'query') {
  return openapi(version, {
    paths: { '/items': { get: { parameters: names.map((name) => ({ name, in: where, required: where === 'path', schema: { type: 'string' } })), responses: ok } } },
  });
}

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports credential-like query and path parameters in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {
          '/a/{password}': {
            parameters: [{ name: 'password', in: 'path', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/Token' }],
            get: {
              parameters: [
                { name: 'access_token', in: 'query', schema: { type: 'string' } },
                { name: 'X-API-Key', in: 'header', schema: { type: 'string' } },
                { name: 'client_secret', in: 'cookie', schema: { type: 'string' } },
                { name: 'limit', in: 'query', schema: { type: 'integer' } },
                { $ref: '#/components/parameters/Token' },
              ],
              responses: ok,
            },
            post: { parameters: [{ $ref: '#/components/parameters/Token' }], responses: ok },
          },
        },
        components: {
          parameters: {
            Token: { name: 'token', in: 'query', schema: { type: 'string' } },
            Unused: { name: 'apiKey', in: 'query', schema: { type: 'string' } },
          },
        },
      });
      // The shared parameter is reported once, at its definition.
      assertFindingPaths(CODE, doc, [
        'paths./a/{password}.parameters.0.name',
        'paths./a/{password}.get.parameters.0.name',
        'components.parameters.Token.name',
        'components.parameters.Unused.name',
      ]);
    });
  }

  it('reports the usual credential spellings', () => {
    const names = ['token', 'accessToken', 'refresh_token', 'id_token', 'IDToken', 'client_secret', 'clientSecret', 'password', 'newPassword', 'api-key', 'apiKey', 'APIKey', 'api_key', 'x-api-key', 'page_token_secret'];
    assertFindingPaths(CODE, oas3('3.1', names), names.map((_, i) => `paths./items.get.parameters.${i}.name`));
  });

  it('does not report pagination cursors, token metadata or key identifiers', () => {
    const names = ['page_token', 'pageToken', 'PageToken', 'next_token', 'NextToken', 'nextPageToken', 'startPageToken', 'prev_token', 'continuation_token', 'continuationToken', 'pagination_token', 'sync_token', 'syncToken', 'token_type', 'tokenType', 'token_type_hint', 'api_key_id', 'apiKeyId', 'token_id', 'cursor', 'page'];
    assertFindingPaths(CODE, oas3('3.0', names), []);
    assertFindingPaths(CODE, oas3('3.0', ['api_key_id', 'tokenId'], 'path'), []);
  });

  it('does not report boolean flags about credentials', () => {
    const doc = openapi('3.1', {
      paths: { '/swarm': { post: { parameters: [{ name: 'rotateToken', in: 'query', schema: { type: 'boolean' } }, { name: 'resetPassword', in: 'query', schema: { type: ['boolean', 'null'] } }, { name: 'token', in: 'query', schema: { type: 'string' } }], responses: ok } } },
    });
    assertFindingPaths(CODE, doc, ['paths./swarm.post.parameters.2.name']);
  });

  it('reports OAS 2.0 query and path parameters, not body or form ones', () => {
    const doc = openapi('2.0', {
      paths: {
        '/login': {
          post: {
            parameters: [
              { name: 'password', in: 'formData', type: 'string' },
              { name: 'secret', in: 'body', schema: { type: 'string' } },
              { name: 'api_key', in: 'query', type: 'string' },
              { name: 'rotateWorkerToken', in: 'query', type: 'boolean' },
              { $ref: '#/parameters/Token' },
            ],
            responses: ok,
          },
        },
      },
      parameters: { Token: { name: 'refreshToken', in: 'query', type: 'string' }, Page: { name: 'nextPageToken', in: 'query', type: 'string' } },
    });
    assertFindingPaths(CODE, doc, ['paths./login.post.parameters.2.name', 'parameters.Token.name']);
  });

  it('underlines the parameter name', () => {
    const text = '{\n  "openapi": "3.0.3",\n  "info": {"title": "t", "version": "1"},\n  "paths": {"/a": {"get": {\n    "parameters": [{"name": "access_token", "in": "query"}],\n    "responses": {"200": {"description": "OK"}}}}}\n}\n';
    const analysis = lint(text, 'json');
    assert.deepEqual(positions(analysis, CODE), ['5:29-5:43']);
    assert.equal(analysis.diagnostics.find((d) => d.code === CODE)!.message, 'Security credentials detected in query parameter: access_token.');
  });
});
