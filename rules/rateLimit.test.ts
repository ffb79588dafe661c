import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api4:2023-rate-limit';
const header = { schema: { type: 'integer' } };

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports 2XX and 4XX responses without rate-limit headers in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {
          '/a': {
            get: {
              responses: {
                '200': { description: 'OK' },
                '201': { description: 'Created', headers: { 'x-ratelimit-limit': header } },
                '204': { description: 'Both conventions', headers: { RateLimit: header, 'X-RateLimit-Limit': header } },
                '302': { description: 'Found' },
                '404': { description: 'Missing', headers: { 'RateLimit-Policy': header } },
                '429': { description: 'Slow down', headers: { 'Retry-After': header } },
                '4XX': { description: 'Client error' },
                '500': { description: 'Oops' },
              },
            },
          },
        },
      });
      assertFindingPaths(CODE, doc, ['paths./a.get.responses.200', 'paths./a.get.responses.429.headers', 'paths./a.get.responses.4XX']);
    });
  }

  it('follows $refs to shared responses and headers, reporting a shared response once', () => {
    const doc = openapi('3.0', {
      paths: {
        '/a': { get: { responses: { '200': { $ref: '#/components/responses/Ok' }, '400': { $ref: '#/components/responses/Bad' } } } },
        '/b': { get: { responses: { '200': { $ref: '#/components/responses/Ok' }, '400': { $ref: '#/components/responses/Bad' } } } },
      },
      components: {
        headers: { Limit: header },
        responses: { Ok: { description: 'OK', headers: { 'RateLimit-Limit': { $ref: '#/components/headers/Limit' } } }, Bad: { description: 'Bad' } },
      },
    });
    assertFindingPaths(CODE, doc, ['components.responses.Bad']);
  });

  it('applies to OAS 2.0 responses', () => {
    const doc = openapi('2.0', { paths: { '/a': { get: { responses: { '200': { description: 'OK' }, '201': { description: 'Created', headers: { 'X-Rate-Limit-Limit': { type: 'integer' } } } } } } } });
    assertFindingPaths(CODE, doc, ['paths./a.get.responses.200']);
  });

  it('underlines the status code', () => {
    const text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        200:\n          description: OK\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['7:9-7:12']);
  });
});
