import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';
import { KNOWN, PLACEHOLDERS, randomText } from '../test/support/fakeSecrets';

const CODE = 'owasp:api8:2023-no-secrets-in-examples';
const secret = randomText('client-secret', 32);
const github = `ghp_${randomText('gh', 36)}`;
const ok = { '200': { description: 'OK' } };

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`finds secrets in examples, defaults, x- values and descriptions in OAS ${version}`, () => {
      const doc = openapi(version, {
        servers: [{ url: 'https://deploy:hunter2@api.acme.io' }],
        paths: {
          '/login': {
            post: {
              description: `Authenticate. Our CI uses ${github}.`,
              parameters: [
                { name: 'Authorization', in: 'header', schema: { type: 'string' }, example: `Bearer ${randomText('bearer', 40)}` },
                { name: 'X-Api-Key', in: 'header', schema: { type: 'string', default: 'YOUR_API_KEY' } },
                { name: 'X-Auth-Token', in: 'header', schema: { type: 'string' }, examples: { ci: { value: randomText('ci', 24) }, docs: { value: '<token>' } } },
              ],
              requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Login' }, examples: { login: { $ref: '#/components/examples/login' } } } } },
              responses: ok,
              'x-codeSamples': [{ lang: 'curl', source: `curl -H "Authorization: Bearer ${randomText('curl', 32)}" https://api.acme.io` }],
            },
          },
        },
        components: {
          schemas: {
            Login: {
              type: 'object',
              properties: {
                client_id: { type: 'string', example: 'my-app' },
                client_secret: { type: 'string', example: secret },
                password: { type: 'string', example: 'do-not-use-this-password' },
                // A property named `example` is a name, not an example: its schema is not data.
                example: { type: 'string', description: 'See https://user:password@example.com' },
              },
            },
          },
          examples: { login: { value: { client_id: 'my-app', client_secret: secret, refresh: randomText('not-a-secret-key', 32) } } },
        },
      });
      assertFindingPaths(CODE, doc, [
        'paths./login.post.description',
        'paths./login.post.parameters.0.example',
        'paths./login.post.parameters.2.examples.ci.value',
        'paths./login.post.x-codeSamples.0.source',
        'components.schemas.Login.properties.client_secret.example',
        'components.examples.login.value.client_secret',
      ]);
    });
  }

  it('finds secrets in OAS 2.0 definitions, parameter defaults and extensions', () => {
    const doc = openapi('2.0', {
      host: 'api.acme.io',
      'x-deploy': { aws_access_key: KNOWN[0][1] },
      paths: { '/a': { get: { parameters: [{ name: 'token', in: 'query', type: 'string', default: randomText('tok', 24) }], responses: ok } } },
      definitions: { User: { type: 'object', example: { name: 'Ann', password: randomText('pw', 20) }, properties: { name: { type: 'string' } } } },
    });
    assertFindingPaths(CODE, doc, ['x-deploy.aws_access_key', 'paths./a.get.parameters.0.default', 'definitions.User.example.password']);
  });

  it('reports every known format, and no placeholder, under a secret-named key', () => {
    const known = Object.fromEntries(KNOWN.map(([, value], i) => [`k${i}`, value]));
    assertFindingPaths(CODE, openapi('3.1', { paths: {}, 'x-known': known }), KNOWN.map((_, i) => `x-known.k${i}`));
    const placeholders = Object.fromEntries(PLACEHOLDERS.map((value, i) => [`api_key_${i}`, value]));
    assertFindingPaths(CODE, openapi('3.1', { paths: {}, 'x-placeholders': placeholders }), []);
  });

  it('takes one value serving as several different credentials for a documentation sample', () => {
    const sample = randomText('sample', 64);
    const doc = openapi('3.0', { paths: {}, components: { examples: { t: { value: { access_token: sample, refresh_token: sample } } } } });
    assertFindingPaths(CODE, doc, []);
  });

  it('never repeats the secret in its message, and underlines the value', () => {
    const text = `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  examples:\n    a:\n      value:\n        client_secret: ${secret}\n`;
    const analysis = lint(text, 'yaml');
    assert.deepEqual(positions(analysis, CODE), [`8:24-8:${24 + secret.length}`]);
    const [finding] = analysis.diagnostics.filter((d) => d.code === CODE);
    assert.equal(finding.message, `Example data contains a high-entropy secret (${secret.slice(0, 4)}…(32 chars)). Remove it, rotate the credential, and use a placeholder.`);
    assert.ok(!finding.message.includes(secret.slice(0, 8)));
  });

  describe('fix: replace the secret with a placeholder', () => {
    it('replaces only the secret, in plain, quoted and flow YAML and in JSON', () => {
      for (const line of [`client_secret: ${secret} # ci`, `client_secret: '${secret}'`, `{client_secret: "${secret}", id: x}`]) {
        const text = `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-sample:\n  ${line}\n`;
        const fixed = applyFix(text, 'yaml', CODE);
        assert.equal(fixed.title, 'Replace the secret with <redacted>');
        assert.equal(fixed.text, text.replace(secret, '<redacted>'));
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
