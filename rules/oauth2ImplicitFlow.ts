import { asObject, child, property, stringValue, type AstNode } from '../server/src/engine/ast';
import type { OpenApiModel } from '../server/src/engine/model/openApiModel';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule, type RuleReport } from '../server/src/engine/rule';
import { isUnusedScheme, securityUsage } from './undefinedSecurityScheme';

/**
 * Reports every OAuth2 scheme offering `flow` (OAS3 `flows.<flow>` key; OAS2 `flow: <flow>` value),
 * once per definition, skipping schemes no requirement uses while others are used.
 */
export function reportOAuthFlow(model: OpenApiModel, report: (r: RuleReport) => void, flow: string): void {
  const seen = new Set<AstNode>();
  for (const scheme of model.securitySchemes()) {
    if (scheme.type !== 'oauth2' || seen.has(scheme.node) || isUnusedScheme(model, scheme)) continue;
    seen.add(scheme.node);
    if (model.isOas2) {
      const value = child(scheme.node, 'flow');
      if (stringValue(value)?.trim().toLowerCase() === flow.toLowerCase()) report({ node: value!, highlight: 'value' });
      continue;
    }
    const flows = asObject(model.resolve(child(scheme.node, 'flows')));
    const entry = property(flows, flow);
    if (entry?.value && asObject(model.resolve(entry.value))) report({ node: entry.value });
  }
}

export default defineRule({
  id: 'owasp:api2:2023-oauth2-implicit-flow',
  title: 'OAuth2 implicit flow',
  owasp: 'API2:2023',
  cwe: [1390, 522],
  topics: ['authentication', 'credential-protection'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'OAuth2 implicit flow is deprecated (RFC 9700). Use the authorization code flow with PKCE.',
  docs: {
    summary: 'An OAuth2 security scheme offers the implicit flow (OAS3 `flows.implicit`, OAS2 `flow: implicit`).',
    why:
      'The implicit flow returns the access token in the redirect URL, where browser history, Referer headers, logs and malicious scripts or extensions can read it; nothing binds the token to the client, so a leaked or injected token is simply replayed. The OAuth 2.0 Security Best Current Practice (RFC 9700) says clients should not use it.',
    howToFix: 'Offer the authorization code flow with PKCE (`flows.authorizationCode`; OAS2 `flow: accessCode`) instead, and switch browser clients to it, or to a backend-for-frontend.',
    example:
      'components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: https://auth.example.com/authorize\n          tokenUrl: https://auth.example.com/token\n          scopes:\n            pets:read: Read pets',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'RFC 9700 §2.1.2: Implicit Grant', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2' },
      { title: 'RFC 7636: Proof Key for Code Exchange (PKCE)', url: 'https://www.rfc-editor.org/rfc/rfc7636' },
    ],
    divergences: [
      {
        reason:
          'New rule (upstream has none). To keep false positives down it reports each scheme once at its definition (not once per operation, as some scanners do), and skips a scheme that no security requirement names while the document uses `security` elsewhere: nothing accepts its tokens.',
      },
    ],
  },
  // Unused schemes are skipped: which schemes the path items require is all it reads of them.
  incremental: { scope: 'path-item', pathsContext: securityUsage },
  check({ model, report }) {
    reportOAuthFlow(model, report, 'implicit');
  },
});
