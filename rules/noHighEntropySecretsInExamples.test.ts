import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';
import { PLACEHOLDERS, randomText } from '../test/support/fakeSecrets';
import { secretsDocument } from '../test/support/secretFixtures';

const CODE = 'owasp:api8:2023-no-high-entropy-secrets-in-examples';
const ok = { '200': { description: 'OK' } };

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`finds random values under secret-named keys in examples and defaults in OAS ${version}`, () => {
      assertFindingPaths(CODE, secretsDocument(version), [
        'paths./login.post.parameters.0.example',
        'paths./login.post.parameters.2.examples.ci.value',
        'components.schemas.Login.properties.client_secret.example',
        'components.examples.login.value.client_secret',
      ]);
    });
  }

  it('finds them in OAS 2.0 definitions, parameter defaults and extensions', () => {
    const doc = openapi('2.0', {
      'x-deploy': { db_password: randomText('db', 20), region: randomText('not-secret', 20) },
      paths: { '/a': { get: { parameters: [{ name: 'token', in: 'query', type: 'string', default: randomText('tok', 24) }], responses: ok } } },
      definitions: { User: { type: 'object', example: { name: 'Ann', password: randomText('pw', 20) }, properties: { name: { type: 'string' } } } },
    });
    assertFindingPaths(CODE, doc, ['x-deploy.db_password', 'paths./a.get.parameters.0.default', 'definitions.User.example.password']);
  });

  it('stays quiet on placeholders and on one value reused as several keys (a documentation sample)', () => {
    const placeholders = Object.fromEntries(PLACEHOLDERS.map((value, i) => [`api_key_${i}`, value]));
    assertFindingPaths(CODE, openapi('3.1', { paths: {}, 'x-placeholders': placeholders }), []);
    const sample = randomText('sample', 32);
    assertFindingPaths(CODE, openapi('3.0', { paths: {}, components: { examples: { t: { value: { access_token: sample, code: sample } } } } }), []);
    // The same key repeated is not a sample: it is one secret pasted twice.
    assertFindingPaths(CODE, openapi('3.0', { paths: {}, components: { examples: { a: { value: { client_secret: sample } }, b: { value: { client_secret: sample } } } } }), [
      'components.examples.a.value.client_secret',
      'components.examples.b.value.client_secret',
    ]);
  });

  it('never repeats the secret in its message, and underlines the value', () => {
    const secret = randomText('client-secret', 32);
    const text = `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  examples:\n    a:\n      value:\n        client_secret: ${secret}\n`;
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), [`8:24-8:${24 + secret.length}`]);
    const [finding] = analysis.diagnostics.filter((d) => d.code === CODE);
    assert.equal(finding.message, `Example data contains a high-entropy secret (${secret.slice(0, 4)}…(32 chars)). Remove it, rotate the credential, and use a placeholder.`);
    assert.equal(finding.severity, 'warning');
  });

  it('fix: replaces the value, keeping a Bearer prefix, in YAML and JSON', () => {
    const secret = randomText('fix', 32);
    for (const line of [`client_secret: ${secret} # ci`, `client_secret: '${secret}'`, `{client_secret: "${secret}", id: x}`, `Authorization: Bearer ${secret}`]) {
      const text = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-sample:\n  ${line}\n`;
      const fixed = applyFix(text, 'yaml', CODE);
      assert.equal(fixed.title, 'Replace the secret with <redacted>');
      assert.equal(fixed.text, text.replace(secret, '<redacted>'));
    }
    const json = `{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "x-sample": {"password": "${secret}"}}`;
    assert.equal(applyFix(json, 'json', CODE).text, json.replace(secret, '<redacted>'));
  });
});
