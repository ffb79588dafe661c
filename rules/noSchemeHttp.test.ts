import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api8:2023-no-scheme-http';

describe(CODE, () => {
  it('reports http and ws at root and operation level', () => {
    const doc = openapi('2.0', {
      schemes: ['http', 'https', 'ws'],
      paths: { '/a': { get: { schemes: ['HTTP'], responses: { '200': { description: 'OK' } } } } },
    });
    assertFindingPaths(CODE, doc, ['schemes.0', 'schemes.2', 'paths./a.get.schemes.0']);
  });

  it('accepts https-only documents and ignores OAS 3', () => {
    assertFindingPaths(CODE, openapi('2.0', { schemes: ['https', 'wss'], paths: {} }), []);
    assertFindingPaths(CODE, openapi('3.0', { schemes: ['http'], paths: {} }), []);
  });

  it('underlines the scheme', () => {
    assert.deepEqual(positions(lint("swagger: '2.0'\ninfo: {title: t, version: '1'}\nschemes: [https, http]\npaths: {}\n", 'yaml'), CODE), ['3:18-3:22']);
  });

  describe('fix', () => {
    const doc = (schemes: string) => `swagger: "2.0"\ninfo: {title: t, version: "1"}\n${schemes}paths: {}\n`;

    it('replaces http with https in block and flow YAML', () => {
      const block = doc('schemes:\n  - http # legacy\n');
      assert.equal(applyFix(block, 'yaml', CODE).text, doc('schemes:\n  - https # legacy\n'));
      const flow = doc('schemes: ["http"]\n');
      assert.equal(applyFix(flow, 'yaml', CODE).text, doc('schemes: ["https"]\n'));
    });

    it('removes http when https is already listed', () => {
      assert.equal(applyFix(doc('schemes:\n  - http\n  - https\n'), 'yaml', CODE).text, doc('schemes:\n  - https\n'));
      assert.equal(applyFix(doc('schemes: [https, http]\n'), 'yaml', CODE).text, doc('schemes: [https]\n'));
      const json = '{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "schemes": ["http", "https"]}';
      assert.equal(applyFix(json, 'json', CODE).text, json.replace('["http", "https"]', '["https"]'));
    });

    it('replaces ws with wss in JSON', () => {
      const json = '{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "schemes": ["ws"]}';
      assert.equal(applyFix(json, 'json', CODE).text, json.replace('"ws"', '"wss"'));
    });
  });
});
