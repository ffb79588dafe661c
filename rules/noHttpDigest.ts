import { child, stringValue, type AstNode } from '../server/src/engine/ast';
import { defineRule } from '../server/src/engine/rule';
import { isUnusedScheme, securityUsage } from './undefinedSecurityScheme';

export default defineRule({
  id: 'owasp:api2:2023-no-http-digest',
  title: 'HTTP Digest authentication',
  owasp: 'API2:2023',
  cwe: [328, 1390],
  topics: ['authentication', 'credential-protection'],
  severity: 'warning',
  versions: ['3.0', '3.1'],
  message: 'Security scheme uses HTTP Digest, which relies on MD5 and shared passwords. Use OAuth 2, OpenID Connect or mutual TLS.',
  docs: {
    summary: 'An `http` security scheme uses `scheme: digest` (compared case-insensitively).',
    why:
      'Digest authentication is built on the user\'s long-lived password and, in practice, MD5: a captured exchange can be brute-forced offline, the server must store password-equivalent secrets, and a man in the middle can downgrade the algorithm (RFC 7616 §5). It offers no scopes, expiry or revocation.',
    howToFix: 'Use short-lived, scoped tokens (OAuth 2.0 / OpenID Connect) or mutual TLS, served over HTTPS only.',
    example:
      'components:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'RFC 7616 §5: Digest security considerations', url: 'https://www.rfc-editor.org/rfc/rfc7616#section-5' },
    ],
    divergences: [
      {
        reason:
          'New rule (upstream has none). It only reports `digest`, so it never overlaps no-http-basic (basic) or auth-insecure-schemes (negotiate, oauth). To keep false positives down each scheme is reported once at its definition, and a scheme that no security requirement names while the document uses `security` elsewhere is skipped. OpenAPI 2.0 has no digest scheme.',
      },
    ],
  },
  // Unused schemes are skipped: which schemes the path items require is all it reads of them.
  incremental: { scope: 'path-item', pathsContext: securityUsage },
  check({ model, report }) {
    const seen = new Set<AstNode>();
    for (const scheme of model.securitySchemes()) {
      if (scheme.type !== 'http' || seen.has(scheme.node) || isUnusedScheme(model, scheme)) continue;
      seen.add(scheme.node);
      const name = child(scheme.node, 'scheme');
      if (/^digest$/i.test(stringValue(name)?.trim() ?? '')) report({ node: name!, highlight: 'value' });
    }
  },
});
