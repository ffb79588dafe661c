import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { reportOAuthFlow } from './oauth2ImplicitFlow';
import { securityUsage } from './undefinedSecurityScheme';

export default defineRule({
  id: 'owasp:api2:2023-oauth2-password-flow',
  title: 'OAuth2 password flow',
  owasp: 'API2:2023',
  cwe: [1390, 522],
  topics: ['authentication', 'credential-protection'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'OAuth2 resource owner password credentials flow is deprecated (RFC 9700). Use the authorization code flow with PKCE, or client credentials.',
  docs: {
    summary: 'An OAuth2 security scheme offers the resource owner password credentials flow (OAS3 `flows.password`, OAS2 `flow: password`).',
    why:
      'The password flow hands the user\'s password to the client application, which can leak or misuse it, trains users to type passwords outside the authorization server, and cannot support multi-factor or federated login. RFC 9700 says it must not be used.',
    howToFix: 'Use the authorization code flow with PKCE for users (`flows.authorizationCode`; OAS2 `flow: accessCode`) and the client credentials flow for machine-to-machine access.',
    example:
      'components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: https://auth.example.com/token\n          scopes:\n            reports:read: Read reports',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'RFC 9700 §2.4: Resource Owner Password Credentials Grant', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-2.4' },
    ],
    divergences: [
      {
        reason:
          'New rule (upstream has none). To keep false positives down it reports each scheme once at its definition (not once per operation), and skips a scheme that no security requirement names while the document uses `security` elsewhere: nothing accepts its tokens.',
      },
    ],
  },
  // Unused schemes are skipped: which schemes the path items require is all it reads of them.
  incremental: { scope: 'path-item', pathsContext: securityUsage },
  check({ model, report }) {
    reportOAuthFlow(model, report, 'password');
  },
});
