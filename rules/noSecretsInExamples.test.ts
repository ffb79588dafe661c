import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';
import { KNOWN, PLACEHOLDERS, randomText } from '../test/support/fakeSecrets';
import { secretsDocument } from '../test/support/secretFixtures';

const CODE = 'owasp:api8:2023-no-secrets-in-examples';
const ok = { '200': { description: 'OK' } };

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`finds known credential formats anywhere, and URL passwords and Authorization headers in data, in OAS ${version}`, () => {
      assertFindingPaths(CODE, secretsDocument(version), [
        'paths./login.post.description',
        'paths./login.post.x-codeSamples.0.source',
        'components.examples.login.value.dsn',
      ]);
    });
  }

  it('finds known formats in OAS 2.0 extensions and descriptions', () => {
    const doc = openapi('2.0', {
      host: 'api.acme.io',
      'x-deploy': { aws_access_key: KNOWN[0][1] },
      paths: { '/a': { get: { description: `Token: xoxb-2048-5125-${randomText('slack', 24)}`, responses: ok } } },
      definitions: { User: { type: 'object', description: 'Key AKIAIOSFODNN7EXAMPLE is AWS\'s documentation key.', properties: { name: { type: 'string' } } } },
    });
    assertFindingPaths(CODE, doc, ['x-deploy.aws_access_key', 'paths./a.get.description']);
  });

  it('reports every known format, and no placeholder', () => {
    const known = Object.fromEntries(KNOWN.map(([, value], i) => [`k${i}`, value]));
    assertFindingPaths(CODE, openapi('3.1', { paths: {}, 'x-known': known }), KNOWN.map((_, i) => `x-known.k${i}`));
    const placeholders = Object.fromEntries(PLACEHOLDERS.map((value, i) => [`api_key_${i}`, value]));
    assertFindingPaths(CODE, openapi('3.1', { paths: {}, 'x-placeholders': placeholders }), []);
  });

  it('never repeats the secret in its message, and underlines the value', () => {
    const key = KNOWN[1][1];
    const text = `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-ci:\n  github: ${key}\n`;
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), [`5:11-5:${11 + key.length}`]);
    const [finding] = analysis.diagnostics.filter((d) => d.code === CODE);
    assert.equal(finding.message, `Example data contains a GitHub token (ghp_…(${key.length} chars)). Remove it, rotate the credential, and use a placeholder.`);
    assert.equal(finding.severity, 'error');
  });

  describe('fix: replace the secret with a placeholder', () => {
    it('replaces only the secret, in plain, quoted and flow YAML and in JSON', () => {
      const key = KNOWN[4][1];
      for (const line of [`stripe: ${key} # ci`, `stripe: 'live ${key}'`, `{stripe: "${key}", id: x}`]) {
        const text = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-sample:\n  ${line}\n`;
        const fixed = applyFix(text, 'yaml', CODE);
        assert.equal(fixed.title, 'Replace the secret with <redacted>');
        assert.equal(fixed.text, text.replace(key, '<redacted>'));
      }
      const bearer = randomText('b', 40);
      const json = `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "x-curl": "curl -H 'Authorization: Bearer ${bearer}' https://api.acme.io"}`;
      assert.equal(applyFix(json, 'json', CODE).text, json.replace(bearer, '<redacted>'));
    });

    it('offers nothing when the secret is not written verbatim (a private key folded over lines)', () => {
      const pem = KNOWN.find(([kind]) => kind === 'a private key')![1];
      const text = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-key: |\n  ${pem.split('\n').join('\n  ')}\n`;
      assert.equal(lint(text, 'yaml').diagnostics.filter((d) => d.code === CODE).length, 1);
      assert.throws(() => applyFix(text, 'yaml', CODE), /offers no fix/);
    });
  });
});
