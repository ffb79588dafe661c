/** Credentials for tests, made up at run time so that no real-looking secret is written literally in the repository. */
import { createHash } from 'node:crypto';

/** Deterministic random-looking text, so no real-looking secret is written literally in the repository. */
export function randomText(seed: string, length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i++) text += createHash('sha512').update(`${seed}:${i}`).digest('base64').replace(/[+/=]/g, '');
  return text.slice(0, length);
}

export const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
export const REAL_LOOKING_JWT = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ iss: 'https://auth.acme-corp.io', sub: 'u_8f3k2q', aud: 'billing-api', exp: 1767225600 })}.${randomText('sig', 43)}`;
export const JWT_IO_SAMPLE = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

export const KNOWN: Array<[string, string]> = [
  ['an AWS access key ID', `AKIA${randomText('aws', 40).toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 16)}`],
  ['a GitHub token', `ghp_${randomText('gh', 36)}`],
  ['a GitLab token', `glpat-${randomText('gl', 20)}`],
  ['a Slack token', `xoxb-2048-5125-${randomText('slack', 24)}`],
  ['a Stripe live secret key', `sk_live_${randomText('stripe', 24)}`],
  ['a Google API key', `AIza${randomText('google', 35)}`],
  ['an OpenAI API key', `sk-proj-${randomText('oa1', 20)}T3BlbkFJ${randomText('oa2', 20)}`],
  ['a SendGrid API key', `SG.${randomText('sg1', 22)}.${randomText('sg2', 43)}`],
  ['a private key', `-----BEGIN RSA PRIVATE KEY-----\n${randomText('pem1', 64)}\n${randomText('pem2', 64)}\n-----END RSA PRIVATE KEY-----`],
  ['a JSON Web Token', REAL_LOOKING_JWT],
];

/**
 * What documentation writes instead of a secret: none of these may ever be reported. The
 * corpus review found most of them (Box, Twilio, Resend, OpenAI, Docker specs).
 */
export const PLACEHOLDERS = [
  '<token>', '<your-api-key>', 'YOUR_API_KEY', 'YOUR_CLIENT_SECRET', 'xxxxxxxxxxxxxxxxxxxx', '********', '$OPENAI_API_KEY', '${API_TOKEN}', '{{api_key}}',
  '%API_KEY%', 'sk-...', 'whsec_...', 'sk_test_' + randomText('test', 24), 'pk_test_' + randomText('test', 24), 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  JWT_IO_SAMPLE, 'changeme', 'do-not-use-this-password', 'do-n8t-use-this-Password', 'SecretPassword123', 'tE2DajzSJwnsSbc123', 'ek_token_123', 'call-token-string',
  'my_service_account_2024', '9cbaf023786cd7...', '123e4567-e89b-12d3-a456-426614174000', 'abcdefghijklmnop1234', 'Bearer <token>', 'Basic dXNlcjpwYXNzd29yZA==',
];
