import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, diagnosticsFor, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api5:2023-admin-security-unique';
const ok = { '200': { description: 'OK' } };

function schemes(version: '2.0' | '3.0' | '3.1') {
  const key = { type: 'apiKey', in: 'header', name: 'X-Key' };
  const adminKey = { type: 'apiKey', in: 'header', name: 'X-Admin-Key' };
  return version === '2.0' ? { securityDefinitions: { key, adminKey } } : { components: { securitySchemes: { key, adminKey } } };
}

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports admin requirements that regular operations also accept in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {
          '/users': { get: { security: [{ key: [] }], responses: ok } },
          '/admin/users': { get: { security: [{ adminKey: [] }, { key: [] }], responses: ok }, delete: { security: [{ adminKey: [] }], responses: ok } },
          '/admins': { get: { security: [{ key: [] }], responses: ok } },
          '/administration/settings': { put: { security: [{ adminKey: [] }], responses: ok } },
        },
        ...schemes(version),
      });
      assertFindingPaths(CODE, doc, ['paths./admin/users.get.security.1', 'paths./admins.get.security.0']);
    });
  }

  it('compares effective security: an admin operation inheriting the root requirement is reported at the operation', () => {
    const doc = openapi('3.0', {
      security: [{ key: [] }],
      paths: {
        '/users': { get: { responses: ok } },
        '/admin/users': { get: { responses: ok }, post: { security: [{ key: [] }], responses: ok }, delete: { security: [{ adminKey: [] }], responses: ok } },
      },
      ...schemes('3.0'),
    });
    assertFindingPaths(CODE, doc, ['paths./admin/users.get', 'paths./admin/users.post.security.0']);
    const [inherited] = diagnosticsFor(lint(JSON.stringify(doc), 'json'), CODE);
    assert.equal(inherited.message, 'Admin endpoint /admin/users inherits the API-wide security requirement, which non-admin endpoints such as GET /users also accept.');
  });

  it('compares requirements as sets of schemes and scopes, and recognises admin paths in any case', () => {
    const oauth = { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: { read: 'r', write: 'w', admin: 'a' } } } };
    const doc = openapi('3.1', {
      paths: {
        '/items': { get: { security: [{ oauth: ['read', 'write'], key: [] }], responses: ok } },
        '/Admin/items': { get: { security: [{ key: [], oauth: ['write', 'read'] }], responses: ok } },
        '/admin/items': { get: { security: [{ oauth: ['admin'] }], responses: ok } },
      },
      components: { securitySchemes: { oauth, key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
    });
    assertFindingPaths(CODE, doc, ['paths./Admin/items.get.security.0']);
  });

  it('stays quiet when there are no regular operations to compare with', () => {
    const doc = openapi('3.0', { security: [{ key: [] }], paths: { '/admin/a': { get: { responses: ok } } }, ...schemes('3.0') });
    assertFindingPaths(CODE, doc, []);
  });

  it('underlines the first scheme name of the requirement', () => {
    const text =
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /users:\n    get:\n      security:\n        - key: []\n      responses: {'200': {description: OK}}\n  /admin:\n    get:\n      security:\n        - key: []\n          other: []\n        - key: []\n      responses: {'200': {description: OK}}\n  /admin/x:\n    get:\n      responses: {'200': {description: OK}}\nsecurity:\n  - key: []\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['14:11-14:14', '17:5-17:8']);
  });
});
