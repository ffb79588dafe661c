import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';
import { isPrivateHost } from './serverPrivateHost';

const CODE = 'owasp:api8:2023-server-private-host';
const paths = { '/a': { get: { responses: { '200': { description: 'OK' } } } } };

describe(CODE, () => {
  it('recognises loopback, private, link-local and local names, and nothing else', () => {
    const privateHosts = ['localhost', 'api.localhost', 'printer.local', 'db.internal', 'host.docker.internal', '127.0.0.1', '0.0.0.0', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.10', '169.254.169.254', '::1', 'fd12:3456::1', 'fc00::1', 'fe80::1', '::ffff:10.0.0.1', 'LOCALHOST.'];
    const publicHosts = ['api.example.com', '172.32.0.1', '172.15.0.1', '192.169.0.1', '8.8.8.8', '2001:db8::1', 'local.example.com', 'internal-api.example.com', '10.0.0.256', 'fe00::1'];
    assert.deepEqual(privateHosts.filter((h) => !isPrivateHost(h)), []);
    assert.deepEqual(publicHosts.filter((h) => isPrivateHost(h)), []);
  });

  for (const version of ['3.0', '3.1'] as const) {
    it(`reports private servers at every level unless marked non-production in OAS ${version}`, () => {
      const doc = openapi(version, {
        servers: [
          { url: 'http://localhost:8080/api' },
          { url: 'https://10.0.0.5/v1', description: 'Production' },
          { url: 'http://[::1]:3000' },
          { url: '{scheme}://192.168.0.10', variables: { scheme: { default: 'https' } } },
          { url: 'https://{env}.example.com', variables: { env: { default: 'api' } } },
          // Quiet: labelled, flagged, public, relative, or a host left to a variable.
          { url: 'http://localhost:8080', description: 'Local development server' },
          { url: 'https://staging.internal', description: 'Staging' },
          { url: 'https://10.0.0.6', 'x-internal': true },
          { url: 'https://api.example.com' },
          { url: '/v1' },
          { url: 'https://{host}:8443', variables: { host: { default: 'localhost' } } },
          { url: '{baseUrl}', variables: { baseUrl: { default: 'http://localhost:1234' } } },
        ],
        paths: { '/a': { servers: [{ url: 'https://svc.internal' }], get: { servers: [{ url: 'http://169.254.169.254' }], responses: { '200': { description: 'OK' } } } } },
      });
      assertFindingPaths(CODE, doc, ['servers.0.url', 'servers.1.url', 'servers.2.url', 'servers.3.url', 'paths./a.servers.0.url', 'paths./a.get.servers.0.url']);
    });
  }

  it('checks the OAS 2.0 host, unless the document is marked internal', () => {
    assertFindingPaths(CODE, openapi('2.0', { host: 'localhost:2746', paths }), ['host']);
    assertFindingPaths(CODE, openapi('2.0', { host: '10.0.0.1', 'x-internal': true, paths }), []);
    assertFindingPaths(CODE, openapi('2.0', { host: 'api.example.com', paths }), []);
  });

  it('underlines the URL', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nservers:\n  - url: http://127.0.0.1:5000\npaths: {}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['4:10-4:31']);
  });
});
