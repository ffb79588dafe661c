import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api8:2023-server-url-credentials';
const paths = { '/a': { get: { responses: { '200': { description: 'OK' } } } } };

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports userinfo in server URLs at every level in OAS ${version}`, () => {
      const doc = openapi(version, {
        servers: [
          { url: 'https://admin:s3cret@api.example.com/v1' },
          { url: 'https://token@api.example.com' },
          { url: '//user:pw@api.example.com' },
          { url: '{scheme}://{credentials}api.example.com', variables: { scheme: { default: 'https' }, credentials: { default: 'bot:pw@' } } },
          // Quiet: no userinfo, an @ in the path or query, a relative URL.
          { url: 'https://api.example.com/@team' },
          { url: 'https://api.example.com/v1?contact=ops@example.com' },
          { url: '/v1' },
        ],
        paths: { '/a': { servers: [{ url: 'https://u:p@a.example.com' }], get: { servers: [{ url: 'wss://u:p@b.example.com' }], responses: { '200': { description: 'OK' } } } } },
      });
      assertFindingPaths(CODE, doc, ['servers.0.url', 'servers.1.url', 'servers.2.url', 'servers.3.url', 'paths./a.servers.0.url', 'paths./a.get.servers.0.url']);
    });
  }

  it('reports userinfo in the OAS 2.0 host', () => {
    assertFindingPaths(CODE, openapi('2.0', { host: 'deploy:hunter2@api.example.com', paths }), ['host']);
    assertFindingPaths(CODE, openapi('2.0', { host: 'api.example.com:8443', paths }), []);
  });

  it('does not repeat the secret in its message, and underlines the URL', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nservers:\n  - url: 'https://admin:s3cret@api.example.com'\npaths: {}\n";
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), ['4:10-4:48']);
    assert.ok(!analysis.diagnostics.some((d) => d.message.includes('s3cret')));
  });

  describe('fix: remove the userinfo', () => {
    it('deletes exactly user:password@ in plain, quoted and flow YAML', () => {
      for (const server of ['  - url: https://admin:s3cret@api.example.com/v1 # prod', "  - url: 'https://admin:s3cret@api.example.com/v1'", '  - {url: "https://admin:s3cret@api.example.com/v1", description: prod}']) {
        const text = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers:\n${server}\npaths: {}\n`;
        const { text: fixed, title } = applyFix(text, 'yaml', CODE);
        assert.equal(title, 'Remove the credentials from the URL');
        assert.equal(fixed, text.replace('admin:s3cret@', ''));
      }
    });

    it('removes everything up to the last @ of the authority, as URL parsers read it', () => {
      const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers:\n  - url: https://admin:p@ss@api.example.com/@team\npaths: {}\n";
      assert.equal(applyFix(text, 'yaml', CODE).text, text.replace('admin:p@ss@', ''));
    });

    it('edits JSON and the OAS 2.0 host', () => {
      const json = '{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "servers": [{"url": "https://u:p@api.example.com"}]}';
      assert.equal(applyFix(json, 'json', CODE).text, json.replace('u:p@', ''));
      const yaml = "swagger: '2.0'\ninfo: {title: t, version: '1'}\nhost: deploy:hunter2@api.example.com\npaths: {}\n";
      assert.equal(applyFix(yaml, 'yaml', CODE).text, yaml.replace('deploy:hunter2@', ''));
    });

    it('offers nothing when the credentials come from a server variable or the scalar has escapes', () => {
      const viaVariable = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nservers:\n  - url: 'https://{auth}api.example.com'\n    variables: {auth: {default: 'u:p@'}}\n";
      assert.throws(() => applyFix(viaVariable, 'yaml', CODE), /offers no fix/);
      const escaped = '{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "servers": [{"url": "https://u:p\\u0040api.example.com"}]}';
      assert.throws(() => applyFix(escaped, 'json', CODE), /offers no fix/);
    });
  });
});
