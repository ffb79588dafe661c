import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api8:2023-no-server-http';

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports http servers at every level in OAS ${version}`, () => {
      const doc = openapi(version, {
        servers: [
          { url: 'http://api.example.com' },
          { url: 'HTTP://api.example.com' },
          { url: 'https://api.example.com' },
          { url: 'wss://api.example.com' },
          { url: '/relative' },
          { url: 'http://localhost:8080' },
          { url: 'http://127.0.0.1' },
          { url: '{scheme}://api.example.com', variables: { scheme: { default: 'http', enum: ['http', 'https'] } } },
        ],
        paths: { '/a': { servers: [{ url: 'http://a.example.com' }], get: { servers: [{ url: 'http://b.example.com' }], responses: { '200': { description: 'OK' } } } } },
      });
      assertFindingPaths(CODE, doc, ['servers.0.url', 'servers.1.url', 'servers.7.url', 'paths./a.servers.0.url', 'paths./a.get.servers.0.url']);
    });
  }

  it('does not apply to OAS 2.0 (no-scheme-http does)', () => {
    assertFindingPaths(CODE, openapi('2.0', { paths: {}, servers: [{ url: 'http://x.example.com' }] }), []);
  });

  it('underlines the URL', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nservers:\n  - url: 'http://api.example.com'\npaths: {}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['4:10-4:34']);
  });

  describe('fix: switch to https', () => {
    it('edits only the scheme in plain, quoted and flow YAML', () => {
      for (const server of ['  - url: http://api.example.com # prod', "  - url: 'http://api.example.com'", '  - {url: "http://api.example.com", description: prod}']) {
        const text = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers:\n${server}\npaths: {}\n`;
        const { text: fixed, title } = applyFix(text, 'yaml', CODE);
        assert.equal(title, 'Switch the server URL to https');
        assert.equal(fixed, text.replace('http://', 'https://'));
      }
    });

    it('edits JSON and server variable defaults', () => {
      const json = '{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "servers": [{"url": "http://api.example.com"}]}';
      assert.equal(applyFix(json, 'json', CODE).text, json.replace('http://', 'https://'));
      const yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nservers:\n  - url: '{scheme}://api.example.com'\n    variables:\n      scheme:\n        default: http\n";
      assert.equal(applyFix(yaml, 'yaml', CODE).text, yaml.replace('default: http', 'default: https'));
    });
  });
});
