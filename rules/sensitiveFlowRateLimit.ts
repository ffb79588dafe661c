import { child, stringValue, type ObjectNode } from '../server/src/engine/ast';
import { errorResponseEdits } from '../server/src/engine/fixes/errorResponses';
import type { Operation } from '../server/src/engine/model/openApiModel';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

/** Reads and deletes are not the flows attackers automate: creating sessions, accounts, orders and codes is. */
const WRITE_METHODS = new Set(['post', 'put', 'patch']);

/** Lower-cased header names that advertise throttling, in every convention seen in the wild. */
const RATE_LIMIT_HEADER = /^(x-)?rate-?limit|^retry-after$/;
/** Vendor extensions that document throttling outside responses (`x-ratelimit`, WSO2's `x-throttling-tier`). */
const RATE_LIMIT_EXTENSION = /^x-.*(rate-?limit|throttl)/i;

/** Other things that get "registered" or "verified": those are not user sign-ups or one-time codes. */
const NOT_A_PERSON = /\b(web ?hooks?|hooks?|callbacks?|devices?|clients?|apps?|applications?|services?|runners?|nodes?|agents?|domains?|events?|listeners?|subscriptions?|plugins?|extensions?|schemas?|models?|certificates?|signatures?)\b/;

interface Flow {
  name: string;
  /** Matched against the last static path segment, the operationId and the summary, as space-separated words. */
  words: RegExp;
  /** Matched against the last static path segment only: single words that are too vague in prose. */
  action?: RegExp;
  /** The match counts only when none of the operation's words match this. */
  unless?: RegExp;
  /** Only for these methods (default: every write method). */
  methods?: string[];
  /** Besides a match, one of the operation's words must match this. */
  requires?: RegExp;
}

const FLOWS: Flow[] = [
  {
    name: 'login',
    words: /\b(log ?in|sign ?in|logon|authenticate|access token|oauth 2? ?token)\b/,
    action: /^(auth|token|oauth 2? ?token)( |$)/,
    unless: /\b(revoke|revocation|log ?out|sign ?out|introspect|introspection)\b/,
  },
  {
    name: 'sign-up',
    words: /\b(sign ?up|register (an? |new )*(user|account|customer|member)s?|(user|account|customer|member) registration)\b/,
    action: /^(register|registration|registrations)( |$)/,
    unless: NOT_A_PERSON,
  },
  { name: 'password change or reset', words: /\b(passwords?|passwd|forgot|forgotten)\b/ },
  { name: 'purchase or payment', words: /\b(checkout|check out|purchases?|pay|payments?|charges?|buy)\b/ },
  { name: 'order placement', words: /\b(place|submit|create) (an? |new )?orders?\b/, action: /^orders?( |$)/, methods: ['post'] },
  { name: 'one-time code', words: /\b(otp|totp|hotp|2fa|mfa|two ?factor|multi ?factor|one ?time (pass ?code|password|code|pin)|passcode|verification (code|check))\b/ },
  {
    name: 'verification',
    words: /\bverif(y|ication)s?\b/,
    requires: /\b(code|otp|phone|email|e ?mail|sms|pin|identity)\b/,
    unless: NOT_A_PERSON,
  },
];

/** A summary's opening words say what the operation does; later prose mentions everything else. */
const SUMMARY_WORDS = 8;

/** `createCheckoutSession`, `sign_in`, `Reset-Password.json` → "create checkout session", "sign in", "reset password json". */
function words(text: string): string {
  return text
    .replace(/2fa/gi, ' 2fa ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(' ');
}

/** Path segments that name a step, not a flow: `/password/reset` is about the password. */
const GENERIC_STEP = /^(reset|forgot|change|update|request|confirm|verify|check|send|resend|start|begin|init|initiate|complete|finish|submit|create|new)$/;

/**
 * The last path segment that is not a parameter, without a file extension: the operation's
 * action; with the segment before it when the action is a generic step.
 */
function actionOf(path: string): string {
  const segments = path.split('/').filter((s) => s && !s.startsWith('{')).map((s) => words(s.replace(/\.(json|xml|ya?ml)$/i, '')));
  const last = segments[segments.length - 1] ?? '';
  return GENERIC_STEP.test(last) && segments.length > 1 ? `${segments[segments.length - 2]} ${last}` : last;
}

function sensitiveFlow(operation: Operation): string | undefined {
  if (!WRITE_METHODS.has(operation.method)) return undefined;
  const action = actionOf(operation.path);
  const summary = words(stringValue(child(operation.node, 'summary')) ?? '').split(' ').slice(0, SUMMARY_WORDS).join(' ');
  const sources = [action, words(stringValue(child(operation.node, 'operationId')) ?? ''), summary];
  const all = ` ${sources.join(' | ')} ${words(operation.path)} `;
  for (const flow of FLOWS) {
    if (flow.methods && !flow.methods.includes(operation.method)) continue;
    const hit = sources.some((s) => flow.words.test(s)) || (flow.action?.test(action) ?? false);
    if (!hit || flow.unless?.test(all) || (flow.requires && !flow.requires.test(all))) continue;
    return flow.name;
  }
  return undefined;
}

function documentsRateLimit(operation: Operation, root: ObjectNode): boolean {
  if (operation.responses.some((r) => r.code === '429' || [...r.headers.keys()].some((name) => RATE_LIMIT_HEADER.test(name)))) return true;
  return [operation.node, operation.pathItem, root].some((node) => node.properties.some((p) => RATE_LIMIT_EXTENSION.test(p.key)));
}

export default defineRule({
  id: 'owasp:api6:2023-sensitive-flow-rate-limit',
  title: 'Sensitive business flow without documented rate limiting',
  owasp: 'API6:2023',
  cwe: [307, 799],
  topics: ['resource-limits', 'authentication'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Sensitive flow defines neither a 429 response nor rate-limit headers.',
  docs: {
    summary:
      'A write operation (POST, PUT, PATCH) implementing login or token issuance, sign-up, password reset, checkout or payment, order placement or one-time-code verification (recognised from its last static path segment, operationId and summary) documents neither a 429 response, rate-limit / Retry-After headers, nor an `x-…ratelimit…`/`x-…throttl…` extension. To stay quiet on ordinary endpoints it ignores reads (`GET /orders` is not a checkout), looks only at the action of the path (its last static segment, with the one before for generic steps such as `/password/reset`; never `/orders/{id}/items`) and at the first eight words of the summary, counts `orders` only for POST, ignores token revocation and logout, and does not treat registering or verifying webhooks, devices, clients, domains or signatures as user flows.',
    why:
      'These flows are what bots automate: credential stuffing and brute force against login and OTP endpoints, mass account creation, password-reset and SMS pumping, scalping and card testing at checkout. Without a per-client or per-account limit the business logic itself becomes the attack surface, even though every single request is valid.',
    howToFix:
      'Throttle the flow (per account, per IP or device fingerprint, with lockout or CAPTCHA where it fits) and document it: a 429 Too Many Requests response with Retry-After, and RateLimit headers on the responses.',
    example:
      "paths:\n  /login:\n    post:\n      responses:\n        '200':\n          description: Signed in\n          headers:\n            RateLimit:\n              $ref: '#/components/headers/RateLimit'\n        '429':\n          description: Too many attempts\n          headers:\n            Retry-After:\n              schema: {type: integer}",
    references: [
      { title: 'OWASP API6:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa6-unrestricted-access-to-sensitive-business-flows/' },
      { title: 'OWASP Automated Threats to Web Applications', url: 'https://owasp.org/www-project-automated-threats-to-web-applications/' },
      { title: 'RFC 6585 §4 429 Too Many Requests', url: 'https://www.rfc-editor.org/rfc/rfc6585#section-4' },
      { title: 'IETF draft: RateLimit header fields for HTTP', url: 'https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/' },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const operation of model.operations()) {
      const flow = sensitiveFlow(operation);
      if (!flow || documentsRateLimit(operation, model.root)) continue;
      report({
        node: operation.node,
        message: `${operation.method.toUpperCase()} ${operation.path} looks like a sensitive flow (${flow}) but defines neither a 429 response nor rate-limit headers.`,
      });
    }
  },
  fix({ model, document, finding }) {
    const operation = model.operations().find((op) => op.node === finding.node);
    const responses = operation?.responsesNode;
    if (!operation || !responses || responses !== child(operation.node, 'responses')) return [];
    const edits = responses.kind === 'object' ? errorResponseEdits(model, document, responses, operation, '429', 'Too Many Requests') : undefined;
    return edits ? [{ title: 'Add a 429 Too Many Requests response', edits, isPreferred: true }] : [];
  },
});
