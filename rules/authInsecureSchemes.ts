import { child, stringValue } from '../server/src/engine/ast';
import { defineRule } from '../server/src/engine/rule';

/** Negotiate (SPNEGO, which falls back to NTLM), NTLM itself, and OAuth 1.0 signatures. */
const INSECURE = /^(negotiate|oauth|ntlm)$/i;
const UPSTREAM_INSECURE = /^(negotiate|oauth)$/;

export default defineRule({
  id: 'owasp:api2:2023-auth-insecure-schemes',
  title: 'Outdated HTTP authentication scheme',
  owasp: 'API2:2023',
  cwe: [287, 1390],
  topics: ['authentication'],
  severity: 'error',
  versions: ['3.0', '3.1'],
  message: 'Authentication scheme is considered outdated or insecure.',
  docs: {
    summary: 'An `http` security scheme uses `Negotiate` (SPNEGO/Kerberos with NTLM fallback), `NTLM`, or `OAuth` (OAuth 1.0 signatures).',
    why:
      'Negotiate silently falls back to NTLM, whose challenge-response hashes can be relayed or cracked offline, and it authenticates connections rather than requests, which proxies can mix up between users. OAuth 1.0 is obsolete: its signatures depend on fragile normalisation, it has a known session-fixation flaw, and modern libraries and servers no longer maintain it.',
    howToFix: 'Use OAuth 2.0 (with PKCE) or OpenID Connect bearer tokens, or mutual TLS for machine-to-machine calls.',
    example: 'components:\n  securitySchemes:\n    bearer:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'IANA HTTP Authentication Scheme Registry', url: 'https://www.iana.org/assignments/http-authschemes/' },
      { title: 'RFC 4559: SPNEGO-based Kerberos and NTLM HTTP Authentication', url: 'https://www.rfc-editor.org/rfc/rfc4559' },
      { title: 'RFC 5849: The OAuth 1.0 Protocol', url: 'https://www.rfc-editor.org/rfc/rfc5849' },
    ],
    divergences: [
      {
        reason: 'HTTP authentication scheme names are case-insensitive (RFC 9110 §11.1), so `Negotiate` and `OAuth`, as they are usually written, are reported too.',
        explains: (d) => d.side === 'only-ours' && /^(negotiate|oauth)$/i.test(stringValue(d.node)?.trim() ?? '') && !UPSTREAM_INSECURE.test(stringValue(d.node) ?? ''),
      },
      {
        reason: '`NTLM`, what Negotiate falls back to and the weakest of the three, is reported as well.',
        explains: (d) => d.side === 'only-ours' && /^ntlm$/i.test(stringValue(d.node)?.trim() ?? ''),
      },
    ],
  },
  // Reads the security schemes alone: an edit inside a path item changes none of its findings.
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    // A scheme shared through `$ref` is reported once, at its definition.
    for (const node of new Set(model.securitySchemes().map((s) => s.node))) {
      const type = stringValue(child(node, 'type'));
      const name = child(node, 'scheme');
      const value = stringValue(name)?.trim();
      if (type === 'http' && value && INSECURE.test(value)) {
        report({ node: name!, highlight: 'value', message: `Authentication scheme is considered outdated or insecure: ${value}.` });
      }
    }
  },
});
