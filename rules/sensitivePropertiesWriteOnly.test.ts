import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi } from '../test/support/ruleHarness';

const CODE = 'owasp:api3:2023-sensitive-properties-write-only';
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const shared = (properties: Record<string, unknown>) => ({
  '/users': {
    post: { requestBody: json({ $ref: '#/components/schemas/User' }), responses: { '201': json({ $ref: '#/components/schemas/User' }) } },
  },
  '/users/{id}': { get: { responses: { '200': json({ $ref: '#/components/schemas/User' }) } } },
  '/ignored': { post: { requestBody: json({ type: 'object', properties }), responses: { '204': { description: 'Done' } } } },
});

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports sensitive properties of schemas used by requests and responses in OAS ${version}`, () => {
      const properties = { name: { type: 'string' }, password: { type: 'string' }, pin: { type: 'string' }, cardNumber: { type: 'string' }, secret: { type: 'string', writeOnly: true } };
      const doc = openapi(version, { paths: shared(properties), components: { schemas: { User: { type: 'object', properties } } } });
      assertFindingPaths(CODE, doc, ['components.schemas.User.properties.password', 'components.schemas.User.properties.cardNumber']);
      // The exposure rule leaves these to this one.
      assert.deepEqual(lint(JSON.stringify(doc), 'json').diagnostics.filter((d) => d.code === 'owasp:api3:2023-no-sensitive-properties-in-responses'), []);
    });
  }

  it('does not apply to OAS 2.0, which has no writeOnly', () => {
    const doc = openapi('2.0', {
      paths: { '/u': { post: { parameters: [{ name: 'b', in: 'body', schema: { $ref: '#/definitions/U' } }], responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/U' } } } } } },
      definitions: { U: { type: 'object', properties: { password: { type: 'string' } } } },
    });
    assertFindingPaths(CODE, doc, []);
  });

  it('says where the property is accepted and returned', () => {
    const doc = openapi('3.1', { paths: shared({}), components: { schemas: { User: { type: 'object', properties: { client_secret: { type: 'string' } } } } } });
    const [finding] = lint(JSON.stringify(doc), 'json').diagnostics.filter((d) => d.code === CODE);
    assert.equal(finding.message, 'Property "client_secret" is accepted by POST /users and returned by GET /users/{id}: mark it writeOnly: true.');
  });

  describe('fix: add writeOnly: true', () => {
    const yaml = (password: string) =>
      `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /u:\n    put:\n      requestBody:\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/U'}\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/U'}\ncomponents:\n  schemas:\n    U:\n      type: object\n      properties:\n        password:\n${password}`;

    it('inserts the flag in the property schema', () => {
      const fixed = applyFix(yaml('          type: string\n          minLength: 12\n'), 'yaml', CODE);
      assert.equal(fixed.title, 'Add writeOnly: true');
      assert.equal(fixed.text, yaml('          type: string\n          minLength: 12\n          writeOnly: true\n'));
    });

    it('writes it beside a $ref in 3.1 only: 3.0 ignores keywords next to $ref', () => {
      const ref31 = yaml("          $ref: '#/components/schemas/Secret'\n") + '    Secret: {type: string}\n';
      assert.equal(applyFix(ref31, 'yaml', CODE).text, yaml("          $ref: '#/components/schemas/Secret'\n          writeOnly: true\n") + '    Secret: {type: string}\n');
      assert.throws(() => applyFix(ref31.replace('3.1.0', '3.0.3'), 'yaml', CODE), /offers no fix/);
    });
  });
});
