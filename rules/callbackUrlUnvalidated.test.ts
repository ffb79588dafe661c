import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api10:2023-callback-url-unvalidated';
const ok = { '200': { description: 'OK' } };
const delivery = { post: { responses: ok } };
const body = (properties: Record<string, unknown>) => ({ content: { 'application/json': { schema: { type: 'object', properties } } } });
const subscribe = (requestBody: unknown, expression = '{$request.body#/callbackUrl}', extra: Record<string, unknown> = {}) => ({
  post: { requestBody, responses: ok, callbacks: { onEvent: { [expression]: delivery } }, ...extra },
});

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports caller-chosen callback URLs without URL validation in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {
          '/bare': subscribe(body({ callbackUrl: { type: 'string' } })),
          '/nested': subscribe(body({ hook: { type: 'object', properties: { target: { type: 'string', maxLength: 2048 } } } }), '{$request.body#/hook/target}/events'),
          '/query': { post: { parameters: [{ name: 'url', in: 'query', schema: { type: 'string' } }], responses: ok, callbacks: { c: { '{$request.query.url}': delivery } } } },
          // Validated, fixed host, or not a URL at all: quiet.
          '/uri': subscribe(body({ callbackUrl: { type: 'string', format: 'uri' } })),
          '/pattern': subscribe(body({ callbackUrl: { type: 'string', pattern: '^https://' } })),
          '/enum': subscribe(body({ callbackUrl: { type: 'string', enum: ['https://a.example.com'] } })),
          '/nullable': subscribe(body({ callbackUrl: { oneOf: [{ type: 'string', format: 'uri' }, { type: 'null' }] } })),
          '/either': subscribe(body({ callbackUrl: { anyOf: [{ type: 'string', format: 'uri' }, { type: 'string' }] } })),
          '/fixed-host': subscribe(body({ id: { type: 'string' } }), 'https://hooks.example.com/{$request.body#/id}'),
          '/object': subscribe(body({ callbackUrl: { type: 'object' } })),
          '/unknown': subscribe(body({ other: { type: 'string' } })),
        },
      });
      assertFindingPaths(CODE, doc, [
        'paths./bare.post.callbacks.onEvent.{$request.body#/callbackUrl}',
        'paths./nested.post.callbacks.onEvent.{$request.body#/hook/target}/events',
        'paths./query.post.callbacks.c.{$request.query.url}',
        'paths./either.post.callbacks.onEvent.{$request.body#/callbackUrl}',
      ]);
    });
  }

  it('follows $refs to request bodies and schemas, through allOf, and reports a shared callback once', () => {
    const doc = openapi('3.1', {
      paths: {
        '/a': { post: { requestBody: { $ref: '#/components/requestBodies/Sub' }, responses: ok, callbacks: { onEvent: { $ref: '#/components/callbacks/Event' } } } },
        '/b': { post: { requestBody: { $ref: '#/components/requestBodies/Sub' }, responses: ok, callbacks: { onEvent: { $ref: '#/components/callbacks/Event' } } } },
        '/c': subscribe({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Validated' } } } }),
      },
      components: {
        requestBodies: { Sub: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Subscription' } } } } },
        schemas: {
          Subscription: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', properties: { callbackUrl: { $ref: '#/components/schemas/Url' } } }] },
          Base: { type: 'object', properties: { id: { type: 'string' } } },
          Url: { type: ['string', 'null'], maxLength: 2048 },
          Validated: { type: 'object', properties: { callbackUrl: { allOf: [{ $ref: '#/components/schemas/Url' }, { format: 'uri' }] } } },
        },
        callbacks: { Event: { '{$request.body#/callbackUrl}': delivery } },
      },
    });
    assertFindingPaths(CODE, doc, ['components.callbacks.Event.{$request.body#/callbackUrl}']);
  });

  it('does not apply to OAS 2.0, which has no callbacks', () => {
    assertFindingPaths(CODE, openapi('2.0', { paths: { '/a': subscribe(body({ callbackUrl: { type: 'string' } })) } }), []);
  });

  it('names the source in the message and underlines the expression', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    post:\n      requestBody: {content: {application/json: {schema: {properties: {hook: {type: string}}}}}}\n      responses: {'200': {description: OK}}\n      callbacks:\n        done:\n          '{$request.body#/hook}':\n            post: {responses: {'200': {description: OK}}}\n";
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), ['10:11-10:34']);
    assert.match(analysis.diagnostics.find((d) => d.code === CODE)?.message ?? '', /^Callback URL comes from request body property \/hook, which has no URL format or pattern/);
  });
});
