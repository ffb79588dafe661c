import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { b64url, JWT_IO_SAMPLE, KNOWN, PLACEHOLDERS, randomText, REAL_LOOKING_JWT } from '../../test/support/fakeSecrets';
import { findKnownSecrets, findSecretValue, isSecretKey, jwtLooksReal, maskSecret, MIN_ENTROPY, shannonEntropy } from './secrets';

describe('secret detection', () => {
  it('recognises each known credential format, in descriptions too, and reports where the secret sits', () => {
    for (const [kind, secret] of KNOWN) {
      const text = `Call it with ${secret} as shown.`;
      assert.deepEqual(findKnownSecrets(text, { context: false }), [{ kind, start: 13, end: 13 + secret.length }], kind);
    }
  });

  it('never reports documentation placeholders, vendor sample keys or the jwt.io sample', () => {
    for (const value of PLACEHOLDERS) {
      assert.deepEqual(findKnownSecrets(value, { context: true }), [], value);
      assert.equal(findSecretValue(value), undefined, value);
    }
  });

  it('reads URL passwords and Authorization headers only in example data, and only when they are not placeholders', () => {
    const password = randomText('pw', 14);
    const url = `postgres://app:${password}@db.internal:5432/main`;
    assert.deepEqual(findKnownSecrets(url, { context: false }), []);
    assert.deepEqual(findKnownSecrets(url, { context: true }), [{ kind: 'a password in a URL', start: 15, end: 15 + password.length }]);
    assert.deepEqual(findKnownSecrets('https://user:password@example.com and https://u:<pass>@h', { context: true }), []);
    const token = randomText('bearer', 32);
    const curl = `curl -H "Authorization: Bearer ${token}" https://api.acme.io`;
    assert.equal(findKnownSecrets(curl, { context: true })[0]?.kind, 'an Authorization header value');
    const basic = Buffer.from('deploy:Zk39xQpLm2w').toString('base64');
    assert.equal(findKnownSecrets(`Authorization: Basic ${basic}`, { context: true }).length, 1);
    assert.deepEqual(findKnownSecrets('Authorization: Bearer $TOKEN', { context: true }), []);
  });

  it('reports a random value under a secret-named key, looking through Bearer and Basic prefixes', () => {
    const secret = randomText('cs', 32);
    assert.ok(shannonEntropy(secret) >= MIN_ENTROPY);
    assert.deepEqual(findSecretValue(secret), { kind: 'a high-entropy secret', start: 0, end: 32 });
    assert.deepEqual(findSecretValue(`Bearer ${secret}`), { kind: 'a high-entropy secret', start: 7, end: 39 });
    // Too short, a sentence, or no digits: a person wrote it.
    for (const value of [randomText('short', 12), 'not a secret at all 42', 'correcthorsebatterystaple']) assert.equal(findSecretValue(value), undefined, value);
  });

  it('knows which keys hold secrets, and that pagination or usage tokens do not', () => {
    for (const key of ['password', 'client_secret', 'apiKey', 'X-Auth-Token', 'Authorization', 'refresh_token', 'private_key', 'db-password']) assert.ok(isSecretKey(key), key);
    for (const key of ['next_page_token', 'pageToken', 'max_tokens', 'prompt_tokens', 'token_type', 'password_policy', 'secretName', 'cursor']) assert.ok(!isSecretKey(key), key);
  });

  it('tells a JWT issued by a real server from a documentation sample', () => {
    assert.ok(jwtLooksReal(REAL_LOOKING_JWT));
    assert.ok(!jwtLooksReal(JWT_IO_SAMPLE));
    const sample = `${b64url({ alg: 'HS256' })}.${b64url({ iss: 'https://auth.example.com', sub: 'user', exp: 1 })}.${randomText('s', 43)}`;
    assert.ok(!jwtLooksReal(sample));
  });

  it('masks all but a short prefix', () => {
    assert.equal(maskSecret('AKIAABCDEFGHIJKLMNOP'), 'AKIA…(20 chars)');
    assert.equal(maskSecret('abcdefghij'), 'ab…(10 chars)');
    assert.equal(maskSecret('abc'), '…(3 chars)');
  });
});
