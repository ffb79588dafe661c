import type { Reference } from '../rule';

/** Documentation of a security-relevant OpenAPI key, for hovers: plain sentences, rendered as markdown or text. */
export interface KeyDoc {
  title: string;
  paragraphs: string[];
  references: Reference[];
}

const rfc = (n: number, title: string, section?: string): Reference => ({
  title: `RFC ${n}${section ? ` §${section}` : ''}: ${title}`,
  url: `https://www.rfc-editor.org/rfc/rfc${n}${section ? `#section-${section}` : ''}`,
});
const OWASP_API2 = { title: 'OWASP API2:2023 Broken Authentication', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' };
const OAUTH_BCP = rfc(9700, 'OAuth 2.0 Security Best Current Practice');
const JWT_BCP = rfc(8725, 'JSON Web Token Best Current Practices');

export const TRANSPORT_DOC: KeyDoc = {
  title: 'Transport security baseline',
  paragraphs: [
    'Serve the API only over TLS (1.2 or 1.3, modern cipher suites), so that credentials, tokens and personal data cannot be read or altered on the way.',
    'Send `Strict-Transport-Security` so clients never fall back to plain http, and do not list `http://` servers (loopback development servers excepted).',
  ],
  references: [rfc(9325, 'Recommendations for Secure Use of TLS and DTLS'), rfc(6797, 'HTTP Strict Transport Security (HSTS)')],
};

/** Security scheme documentation by kind (`apiKey:query`, `http:bearer`, `oauth2`, ...). */
export const SCHEME_DOCS: Record<string, KeyDoc> = {
  'apiKey:query': {
    title: 'API key in the query string',
    paragraphs: ['The key travels in the URL, so it is written to server and proxy logs, browser history and `Referer` headers, where it outlives the request. Send it in a header instead.'],
    references: [OWASP_API2],
  },
  'apiKey:path': {
    title: 'API key in the path',
    paragraphs: ['A key in the path is logged and cached with every URL. Send it in a header instead.'],
    references: [OWASP_API2],
  },
  'apiKey:header': {
    title: 'API key in a header',
    paragraphs: ['A static secret sent with every request: keep it over TLS only, scope it to what the client needs, rotate it, and prefer short-lived tokens (OAuth 2.0) where users are involved.'],
    references: [OWASP_API2],
  },
  'apiKey:cookie': {
    title: 'API key in a cookie',
    paragraphs: ['Browsers send cookies automatically: set `Secure`, `HttpOnly` and `SameSite`, and protect state-changing operations against cross-site request forgery.'],
    references: [rfc(6265, 'HTTP State Management Mechanism'), OWASP_API2],
  },
  'http:basic': {
    title: 'HTTP Basic authentication',
    paragraphs: ['Sends the user\'s long-lived password, only base64-encoded, with every request: one captured request is a reusable credential. Prefer OAuth 2.0 / OpenID Connect tokens.'],
    references: [rfc(7617, 'The Basic HTTP Authentication Scheme'), OWASP_API2],
  },
  'http:bearer': {
    title: 'HTTP Bearer token',
    paragraphs: ['Whoever holds the token is authenticated: keep tokens short-lived and scoped, send them only over TLS and never in URLs, and validate issuer, audience and expiry on every request.'],
    references: [rfc(6750, 'OAuth 2.0 Bearer Token Usage'), OWASP_API2],
  },
  'http:bearer:jwt': {
    title: 'Bearer JWT',
    paragraphs: [
      'Whoever holds the token is authenticated: keep it short-lived and scoped, and send it only over TLS.',
      'Validate JWTs as RFC 8725 requires: pin the accepted algorithms (never `none`), check `iss`, `aud` and `exp`, and use a key per purpose.',
    ],
    references: [JWT_BCP, rfc(6750, 'OAuth 2.0 Bearer Token Usage')],
  },
  'http:digest': {
    title: 'HTTP Digest authentication',
    paragraphs: ['Digest relies on MD5 by default and on shared passwords the server must store recoverably; it offers no protection against a server or network compromise that TLS with tokens would not. Prefer OAuth 2.0 / OpenID Connect.'],
    references: [rfc(7616, 'HTTP Digest Access Authentication', '5'), OWASP_API2],
  },
  oauth2: {
    title: 'OAuth 2.0',
    paragraphs: ['Delegated, scoped, short-lived access tokens. Use the authorization code flow with PKCE for users and client credentials for services; the implicit and password flows are deprecated.'],
    references: [rfc(6749, 'The OAuth 2.0 Authorization Framework'), OAUTH_BCP],
  },
  'oauth2:authorizationCode': {
    title: 'OAuth 2.0 authorization code flow',
    paragraphs: ['The recommended flow for applications acting for a user. Always use PKCE, exact redirect URI matching and short-lived access tokens with rotating refresh tokens.'],
    references: [rfc(7636, 'Proof Key for Code Exchange (PKCE)'), OAUTH_BCP],
  },
  'oauth2:clientCredentials': {
    title: 'OAuth 2.0 client credentials flow',
    paragraphs: ['For service-to-service calls with no user. Protect the client secret (or use private_key_jwt / mTLS client authentication) and keep scopes narrow.'],
    references: [rfc(6749, 'The OAuth 2.0 Authorization Framework', '4.4'), OAUTH_BCP],
  },
  'oauth2:implicit': {
    title: 'OAuth 2.0 implicit flow (deprecated)',
    paragraphs: ['Returns the access token in the redirect URL, where it leaks through history, logs and referrers, with no way to bind it to the client. Deprecated by the OAuth 2.0 Security BCP: use the authorization code flow with PKCE.'],
    references: [{ ...OAUTH_BCP, url: `${OAUTH_BCP.url}#section-2.1.2` }],
  },
  'oauth2:password': {
    title: 'OAuth 2.0 password flow (deprecated)',
    paragraphs: ['The client sees the user\'s password, which defeats the purpose of OAuth and blocks MFA and phishing-resistant login. Deprecated by the OAuth 2.0 Security BCP.'],
    references: [{ ...OAUTH_BCP, url: `${OAUTH_BCP.url}#section-2.4` }],
  },
  'oauth2:deviceAuthorization': {
    title: 'OAuth 2.0 device authorization flow',
    paragraphs: ['For input-constrained devices. Rate-limit polling, keep user codes short-lived and show the verification URI clearly to resist phishing.'],
    references: [rfc(8628, 'OAuth 2.0 Device Authorization Grant')],
  },
  openIdConnect: {
    title: 'OpenID Connect',
    paragraphs: ['Authentication on top of OAuth 2.0. ID tokens are JWTs: validate signature, `iss`, `aud`, `exp` and `nonce` as RFC 8725 and OpenID Connect Core require.'],
    references: [{ title: 'OpenID Connect Core 1.0', url: 'https://openid.net/specs/openid-connect-core-1_0.html' }, JWT_BCP],
  },
  mutualTLS: {
    title: 'Mutual TLS',
    paragraphs: ['The client proves possession of a certificate\'s private key during the TLS handshake: strong, phishing-resistant client authentication; tokens can be bound to the certificate.'],
    references: [rfc(8705, 'OAuth 2.0 Mutual-TLS Client Authentication and Certificate-Bound Access Tokens')],
  },
};

/** Documentation for security-relevant response status codes. */
export const STATUS_DOCS: Record<string, KeyDoc> = {
  '400': { title: '400 Bad Request', paragraphs: ['Malformed or invalid input, including input rejected by validation and other security controls. Describe its body so clients (and contract tests) get a stable error, not a stack trace.'], references: [rfc(9110, 'HTTP Semantics', '15.5.1')] },
  '401': { title: '401 Unauthorized', paragraphs: ['Credentials are missing or invalid. The response carries `WWW-Authenticate`; it should reveal nothing about which part of the credentials was wrong.'], references: [rfc(9110, 'HTTP Semantics', '15.5.2')] },
  '403': { title: '403 Forbidden', paragraphs: ['Authenticated, but not allowed: missing scope or role, blocked by policy, IP allow list or WAF. Documenting it shows that authorization is checked per operation.'], references: [rfc(9110, 'HTTP Semantics', '15.5.4')] },
  '429': { title: '429 Too Many Requests', paragraphs: ['The client exceeded a rate limit. Send `Retry-After` so well-behaved clients back off instead of retrying at once.'], references: [rfc(6585, 'Additional HTTP Status Codes', '4')] },
  '451': { title: '451 Unavailable For Legal Reasons', paragraphs: ['The resource is blocked because of a legal demand; the response should say who demanded it (a `Link` with rel="blocked-by").'], references: [rfc(7725, 'An HTTP Status Code to Report Legal Obstacles')] },
  '500': { title: '500 Internal Server Error', paragraphs: ['An unexpected failure. Define a generic error body so implementations never leak stack traces, queries or internal hostnames.'], references: [rfc(9110, 'HTTP Semantics', '15.6.1')] },
};

/** Documentation for security-relevant response headers, by lower-cased name. */
export const HEADER_DOCS: Record<string, KeyDoc> = {
  'strict-transport-security': { title: 'Strict-Transport-Security (HSTS)', paragraphs: ['Tells clients to use https for this host for `max-age` seconds, so they never fall back to plain http.'], references: [rfc(6797, 'HTTP Strict Transport Security (HSTS)')] },
  'content-security-policy': { title: 'Content-Security-Policy', paragraphs: ['Restricts what a browser may load when it renders a response; for JSON APIs, `default-src \'none\'; frame-ancestors \'none\'` is a safe baseline.'], references: [{ title: 'W3C Content Security Policy Level 3', url: 'https://www.w3.org/TR/CSP3/' }] },
  'x-content-type-options': { title: 'X-Content-Type-Options', paragraphs: ['`nosniff` stops browsers from guessing a different media type than the one declared, which blocks content-type confusion attacks.'], references: [{ title: 'WHATWG Fetch: X-Content-Type-Options', url: 'https://fetch.spec.whatwg.org/#x-content-type-options-header' }] },
  'referrer-policy': { title: 'Referrer-Policy', paragraphs: ['Controls how much of the URL leaks in the `Referer` header of follow-up requests; `no-referrer` or `strict-origin-when-cross-origin`.'], references: [{ title: 'W3C Referrer Policy', url: 'https://www.w3.org/TR/referrer-policy/' }] },
  'cross-origin-resource-policy': { title: 'Cross-Origin-Resource-Policy', paragraphs: ['`same-origin` or `same-site` stops other sites from embedding the response, which limits cross-origin data leaks (Spectre-style side channels included).'], references: [{ title: 'WHATWG Fetch: Cross-Origin-Resource-Policy', url: 'https://fetch.spec.whatwg.org/#cross-origin-resource-policy-header' }] },
  'access-control-allow-origin': { title: 'Access-Control-Allow-Origin', paragraphs: ['Which origins browsers may let read the response. Use an explicit allow list; `*` only for public, unauthenticated data, and never together with `Access-Control-Allow-Credentials: true`.'], references: [{ title: 'WHATWG Fetch: CORS protocol', url: 'https://fetch.spec.whatwg.org/#http-cors-protocol' }] },
  ratelimit: { title: 'RateLimit headers', paragraphs: ['Advertise the client\'s quota and remaining budget, so clients slow down before they are cut off.'], references: [{ title: 'IETF draft: RateLimit header fields for HTTP', url: 'https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/' }] },
  'retry-after': { title: 'Retry-After', paragraphs: ['How long a client should wait (seconds or an HTTP date) after a 429 or 503 before retrying.'], references: [rfc(9110, 'HTTP Semantics', '10.2.3')] },
};

/** The doc for a header name: exact names first, then the RateLimit family (`RateLimit-Policy`, `X-RateLimit-Limit`...). */
export function headerDoc(name: string): KeyDoc | undefined {
  const lower = name.toLowerCase();
  return HEADER_DOCS[lower] ?? (/^(x-)?rate-?limit/.test(lower) ? HEADER_DOCS.ratelimit : undefined);
}
