import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';
import { fixesFor } from '../server/src/engine';

const CODE = 'owasp:api9:2023-inventory-access';
const ok = { '200': { description: 'OK' } };

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports servers at every level without a boolean x-internal in OAS ${version}`, () => {
      const doc = openapi(version, {
        servers: [
          { url: 'https://api.example.com', 'x-internal': false },
          { url: 'https://internal.example.com', 'x-internal': true },
          { url: 'https://other.example.com' },
          { url: 'https://maybe.example.com', 'x-internal': 'yes' },
        ],
        paths: {
          '/a': {
            servers: [{ url: 'https://a.example.com' }],
            get: { servers: [{ url: 'https://b.example.com', 'x-internal': true }], responses: ok },
          },
        },
      });
      assertFindingPaths(CODE, doc, ['servers.2', 'servers.3.x-internal', 'paths./a.servers.0']);
    });
  }

  it('does not apply to OAS 2.0, which has no servers', () => {
    assertFindingPaths(CODE, openapi('2.0', { host: 'api.example.com', paths: {} }), []);
  });

  it('underlines the server URL', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers:\n  - url: https://api.example.com\n    description: Production\npaths: {}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['4:10-4:33']);
  });

  it('fix: offers both audiences and prefers neither', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers:\n  - url: https://api.example.com\n    description: Production\npaths: {}\n";
    const analysis = lint(text, 'yaml');
    const finding = analysis.findings.find((f) => f.rule.id === CODE)!;
    const fixes = fixesFor(analysis, finding);
    assert.deepEqual(fixes.map((f) => [f.title, f.isPreferred]), [
      ['Mark the server as public (x-internal: false)', undefined],
      ['Mark the server as internal (x-internal: true)', undefined],
    ]);
    assert.equal(applyFix(text, 'yaml', CODE).text, text.replace('Production\n', 'Production\n    x-internal: false\n'));
    const json = '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "servers": [{"url": "https://api.example.com"}], "paths": {}}';
    assert.equal(applyFix(json, 'json', CODE).text, json.replace('"https://api.example.com"}', '"https://api.example.com","x-internal":false}'));
  });
});
