import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api1:2023-no-numeric-ids';
const param = (name: string, schema: Record<string, unknown>, where = 'path') => ({ name, in: where, required: true, schema });
const op = (parameters: unknown[]) => ({ get: { parameters, responses: { '200': { description: 'OK' } } } });

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports integer ids in OAS ${version}, in YAML and JSON`, () => {
      const doc = openapi(version, {
        paths: {
          '/orders/{orderId}': op([param('orderId', { type: 'integer' }), param('user_id', { type: 'integer', format: 'int64' }, 'query'), param('item-id', { type: 'integer' }, 'header')]),
        },
      });
      assertFindingPaths(CODE, doc, [0, 1, 2].map((i) => `paths./orders/{orderId}.get.parameters.${i}.schema`));
    });

    it(`accepts random ids and non-id integers in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {
          '/orders/{id}': op([param('id', { type: 'string', format: 'uuid' }), param('page', { type: 'integer' }, 'query'), param('identity', { type: 'integer' }, 'query'), param('valid', { type: 'integer' }, 'query')]),
        },
      });
      assertFindingPaths(CODE, doc, []);
    });
  }

  it('reads 3.1 type lists', () => {
    const doc = openapi('3.1', { paths: { '/a/{id}': op([param('id', { type: ['integer', 'null'] })]) } });
    assertFindingPaths(CODE, doc, ['paths./a/{id}.get.parameters.0.schema']);
  });

  it('reports OAS 2.0 parameters, whose type sits on the parameter', () => {
    const doc = openapi('2.0', {
      paths: { '/users/{userId}': { get: { parameters: [{ name: 'userId', in: 'path', required: true, type: 'integer' }, { name: 'id', in: 'query', type: 'string' }], responses: { '200': { description: 'OK' } } } } },
    });
    assertFindingPaths(CODE, doc, ['paths./users/{userId}.get.parameters.0.type']);
  });

  it('reports a shared parameter once, at its definition, and merges path-level parameters', () => {
    const doc = openapi('3.0', {
      paths: {
        '/a/{orderId}': { parameters: [{ $ref: '#/components/parameters/OrderId' }], get: { responses: { '200': { description: 'OK' } } }, put: { responses: { '200': { description: 'OK' } } } },
        '/b/{orderId}': op([{ $ref: '#/components/parameters/OrderId' }]),
      },
      components: { parameters: { OrderId: param('orderId', { type: 'integer' }) } },
    });
    assertFindingPaths(CODE, doc, ['components.parameters.OrderId.schema']);
  });

  it('underlines the integer type at its exact position', () => {
    const text = [
      'openapi: 3.0.3',
      'info: {title: t, version: "1"}',
      'paths:',
      '  /orders/{orderId}:',
      '    get:',
      '      parameters:',
      '        - name: orderId',
      '          in: path',
      '          required: true',
      '          schema:',
      '            type: integer',
      '      responses:',
      "        '200': {description: OK}",
      '',
    ].join('\n');
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['11:19-11:26']);
  });
});
