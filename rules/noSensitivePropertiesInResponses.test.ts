import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint } from '../test/support/ruleHarness';
import { openapi } from '../test/support/ruleHarness';

const CODE = 'owasp:api3:2023-no-sensitive-properties-in-responses';
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });

/** A user with every kind of sensitive and harmless property, returned by GET /users/{id}. */
const USER = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    password_hash: { type: 'string' },
    apiKey: { type: 'string' },
    ssn: { type: 'string' },
    card: { type: 'object', properties: { cardNumber: { type: 'string' }, cardLast4: { type: 'string' } } },
    hasPassword: { type: 'boolean' },
    password: { type: 'string', writeOnly: true },
    token: { type: 'string', description: 'A unit of text.' },
    clientSecret: { type: 'string', description: 'The name of the vault entry holding the secret.' },
    passwordPolicy: { type: 'string' },
  },
};

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports sensitive properties reachable from responses in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {
          '/users/{id}': { get: { responses: { '200': json({ $ref: '#/components/schemas/User' }) } } },
          // An authentication endpoint returns tokens by design; a POST creating a webhook returns its secret once.
          '/oauth/token': { post: { responses: { '200': json({ type: 'object', properties: { access_token: { type: 'string' }, refresh_token: { type: 'string' } } }) } } },
          '/webhooks': { post: { responses: { '201': json({ type: 'object', properties: { signing_secret: { type: 'string' } } }) } } },
          '/webhooks/{id}': { get: { responses: { '200': json({ type: 'object', properties: { signing_secret: { type: 'string' } } }) } } },
          // Request-only: not exposed.
          '/signup': { post: { requestBody: json({ type: 'object', properties: { password: { type: 'string' } } }), responses: { '204': { description: 'Done' } } } },
        },
        components: { schemas: { User: USER, Unused: { type: 'object', properties: { password: { type: 'string' } } } } },
      });
      assertFindingPaths(CODE, doc, [
        'paths./webhooks/{id}.get.responses.200.content.application/json.schema.properties.signing_secret',
        'components.schemas.User.properties.password_hash',
        'components.schemas.User.properties.apiKey',
        'components.schemas.User.properties.ssn',
        'components.schemas.User.properties.card.properties.cardNumber',
      ]);
    });
  }

  it('reports in OAS 2.0, including schemas shared with requests (2.0 has no writeOnly)', () => {
    const doc = openapi('2.0', {
      paths: {
        '/users': {
          post: { parameters: [{ name: 'body', in: 'body', schema: { $ref: '#/definitions/User' } }], responses: { '201': { description: 'Created', schema: { $ref: '#/definitions/User' } } } },
        },
      },
      definitions: { User: { type: 'object', properties: { password: { type: 'string' }, cvv: { type: 'string' }, token: { type: 'string', description: 'Session token for the API.' } } } },
    });
    assertFindingPaths(CODE, doc, ['definitions.User.properties.password', 'definitions.User.properties.cvv']);
  });

  it('names the property, its kind and the operations in the message', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  session_token: {type: string, description: Session token}\n";
    const [finding] = lint(text, 'yaml').diagnostics.filter((d) => d.code === CODE);
    assert.equal(finding.message, 'Property "session_token" (a token or key) is returned by GET /a. Remove it from the response schema.');
    assert.equal(finding.severity, 'warning');
    assert.equal(text.slice(finding.offset, finding.end), 'session_token');
  });
});
