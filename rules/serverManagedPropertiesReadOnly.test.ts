import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi } from '../test/support/ruleHarness';

const CODE = 'owasp:api3:2023-server-managed-properties-read-only';
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const ref = { $ref: '#/components/schemas/Account' };

const ACCOUNT = {
  allOf: [
    { type: 'object', properties: { id: { type: 'string' }, createdAt: { type: 'string', format: 'date-time', readOnly: true } } },
    {
      type: 'object',
      properties: {
        name: { type: 'string' },
        isAdmin: { type: 'boolean' },
        balance: { type: 'number' },
        // Nested objects usually reference another resource by id: not reported.
        owner: { type: 'object', properties: { id: { type: 'string' } } },
      },
    },
  ],
};

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports server-managed properties of request bodies that are also returned in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {
          '/accounts': { post: { requestBody: json(ref), responses: { '201': json(ref) } } },
          // Request-only schema: `role` was put in the input on purpose.
          '/invitations': { post: { requestBody: json({ type: 'object', properties: { role: { type: 'string' } } }), responses: { '204': { description: 'Done' } } } },
          // Returned only: nothing to assign.
          '/profile': { get: { responses: { '200': json({ type: 'object', properties: { permissions: { type: 'string' } } }) } } },
        },
        components: { schemas: { Account: ACCOUNT } },
      });
      assertFindingPaths(CODE, doc, ['components.schemas.Account.allOf.0.properties.id', 'components.schemas.Account.allOf.1.properties.isAdmin', 'components.schemas.Account.allOf.1.properties.balance']);
    });
  }

  it('reports OAS 2.0 body parameters, and not GET or DELETE bodies', () => {
    const doc = openapi('2.0', {
      paths: {
        '/users': { put: { parameters: [{ name: 'b', in: 'body', schema: { $ref: '#/definitions/User' } }], responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/User' } } } } },
        '/search': { delete: { parameters: [{ name: 'b', in: 'body', schema: { $ref: '#/definitions/Filter' } }], responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/Filter' } } } } },
      },
      definitions: { User: { type: 'object', properties: { role: { type: 'string' }, updated_at: { type: 'string', readOnly: true } } }, Filter: { type: 'object', properties: { id: { type: 'string' } } } },
    });
    assertFindingPaths(CODE, doc, ['definitions.User.properties.role']);
  });

  it('says which operations accept and return it', () => {
    const doc = openapi('3.0', { paths: { '/accounts': { patch: { requestBody: json(ref), responses: { '200': json(ref) } } } }, components: { schemas: { Account: ACCOUNT } } });
    const findings = lint(JSON.stringify(doc), 'json').diagnostics.filter((d) => d.code === CODE);
    assert.equal(findings[0].message, 'Server-managed property "id" is accepted in the request body of PATCH /accounts (and returned by PATCH /accounts): mark it readOnly: true.');
    assert.equal(findings[0].severity, 'warning');
  });

  describe('fix: add readOnly: true', () => {
    it('inserts the flag, in OAS 2.0 JSON too', () => {
      const text = JSON.stringify(openapi('2.0', {
        paths: { '/u': { post: { parameters: [{ name: 'b', in: 'body', schema: { $ref: '#/definitions/U' } }], responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/U' } } } } } },
        definitions: { U: { type: 'object', properties: { isAdmin: { type: 'boolean' } } } },
      }), null, 2);
      const fixed = applyFix(text, 'json', CODE);
      assert.equal(fixed.title, 'Add readOnly: true');
      assert.equal(fixed.text, text.replace('"type": "boolean"', '"type": "boolean",\n          "readOnly": true'));
    });
  });
});
