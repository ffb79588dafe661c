import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAuthEndpoint, isServerManaged, sensitiveKind } from './sensitiveNames';

describe('sensitive property names', () => {
  it('classifies credentials, tokens and regulated data whatever the naming style', () => {
    const expected: Record<string, string> = {
      password: 'password', user_password: 'password', passwordHash: 'password', 'Password-Salt': 'password',
      client_secret: 'secret', signingSecret: 'secret', private_key: 'secret',
      access_token: 'token', refreshToken: 'token', apiKey: 'token', token: 'token',
      ssn: 'personal', cardNumber: 'personal', PAN: 'personal', cvv: 'personal', cardSecurityCode: 'personal',
    };
    for (const [name, kind] of Object.entries(expected)) assert.equal(sensitiveKind(name), kind, name);
  });

  it('leaves alone names that describe a secret without holding it', () => {
    for (const name of ['passwordPolicy', 'password_expires_at', 'passwordLength', 'resetPasswordUrl', 'isPasswordSet', 'cardLast4', 'maskedCardNumber', 'secretId', 'token_type', 'next_page_token', 'max_tokens', 'tokenCount', 'secretName2', 'panel']) {
      assert.equal(sensitiveKind(name), undefined, name);
    }
  });

  it('recognises endpoints that issue credentials', () => {
    for (const path of ['/oauth/token', '/oauth2/token', '/login', '/auth/refresh', '/sessions', '/api-keys', '/2010-04-01/Accounts/{Sid}/Keys.json', '/users/{id}/tokens']) assert.ok(isAuthEndpoint(path, undefined), path);
    for (const path of ['/users/{id}', '/files/{file_id}', '/webhooks', '/monkeys', '/authors']) assert.ok(!isAuthEndpoint(path, undefined), path);
    assert.ok(isAuthEndpoint('/v1/x', 'createAccessToken'));
  });

  it('knows the fields a server manages', () => {
    for (const name of ['id', 'created_at', 'updatedAt', 'role', 'is_admin', 'permissions', 'balance', 'emailVerified']) assert.ok(isServerManaged(name), name);
    for (const name of ['name', 'email', 'userId', 'roleName', 'description']) assert.ok(!isServerManaged(name), name);
  });
});
