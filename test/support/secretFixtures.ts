import { openapi } from './ruleHarness';
import { randomText } from './fakeSecrets';

const ok = { '200': { description: 'OK' } };

/**
 * One OAS 3 document with a secret of each kind in each place (the two secret rules split it
 * between them) and placeholders beside them that neither may report.
 */
export function secretsDocument(version: '3.0' | '3.1'): Record<string, unknown> {
  const secret = randomText('client-secret', 32);
  return openapi(version, {
    servers: [{ url: 'https://deploy:hunter2@api.acme.io' }],
    paths: {
      '/login': {
        post: {
          description: `Authenticate. Our CI uses ghp_${randomText('gh', 36)}.`,
          parameters: [
            { name: 'Authorization', in: 'header', schema: { type: 'string' }, example: `Bearer ${randomText('bearer', 40)}` },
            { name: 'X-Api-Key', in: 'header', schema: { type: 'string', default: 'YOUR_API_KEY' } },
            { name: 'X-Auth-Token', in: 'header', schema: { type: 'string' }, examples: { ci: { value: randomText('ci', 24) }, docs: { value: '<token>' } } },
          ],
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Login' }, examples: { login: { $ref: '#/components/examples/login' } } } } },
          responses: ok,
          'x-codeSamples': [
            { lang: 'curl', source: `curl -H "Authorization: Bearer ${randomText('curl', 32)}" https://api.acme.io` },
            { lang: 'curl', source: 'curl -H "Authorization: Bearer $API_TOKEN" https://api.acme.io' },
          ],
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
            example: { type: 'string', description: `See postgres://app:${randomText('pg', 16)}@db.acme.io` },
          },
        },
      },
      examples: { login: { value: { client_id: 'my-app', client_secret: secret, refresh: randomText('not-a-secret-key', 32), dsn: `postgres://app:${randomText('pg', 16)}@db.acme.io/main` } } },
    },
  });
}
