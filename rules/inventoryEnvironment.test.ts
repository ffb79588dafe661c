import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api9:2023-inventory-environment';
const ok = { '200': { description: 'OK' } };

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports servers whose description names no environment in OAS ${version}`, () => {
      const doc = openapi(version, {
        servers: [
          { url: 'https://api.example.com', description: 'Production' },
          { url: 'https://sandbox2.example.com', description: 'sandbox2 (test data)' },
          { url: 'https://dev.example.com', description: 'Development server' },
          { url: 'https://x.example.com', description: 'Latest API' },
          { url: 'https://y.example.com', description: 'Products service' },
          { url: 'https://z.example.com' },
          { url: 'http://localhost:8080', description: 'localhost' },
          { url: 'https://eu.example.com', description: 'prod-eu' },
        ],
        paths: {
          '/a': { servers: [{ url: 'https://a.example.com', description: 'Regional' }], get: { servers: [{ url: 'https://b.example.com', description: 'Staging' }], responses: ok } },
        },
      });
      assertFindingPaths(CODE, doc, ['servers.3.description', 'servers.4.description', 'servers.5', 'paths./a.servers.0.description']);
    });
  }

  it('does not apply to OAS 2.0, which has no servers', () => {
    assertFindingPaths(CODE, openapi('2.0', { host: 'api.example.com', paths: {} }), []);
  });

  it('underlines the description, or the URL when there is none', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers:\n  - url: https://api.example.com\n    description: Public API\n  - url: https://other.example.com\npaths: {}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['5:18-5:28', '6:10-6:35']);
  });
});
