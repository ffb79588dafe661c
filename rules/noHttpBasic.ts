import { child, stringValue } from '../server/src/engine/ast';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

export default defineRule({
  id: 'owasp:api2:2023-no-http-basic',
  title: 'HTTP Basic authentication',
  owasp: 'API2:2023',
  cwe: [287, 522],
  topics: ['authentication', 'credential-protection'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Security scheme uses HTTP Basic. Use a more secure authentication method, like OAuth 2, or OpenID.',
  docs: {
    summary: 'A security scheme uses HTTP Basic authentication (`type: http, scheme: basic`; OAS2 `type: basic`).',
    why:
      'Basic authentication sends the user\'s long-lived password, only base64-encoded, with every request. Anything that logs or intercepts one request (a proxy, a misconfigured TLS terminator, a browser extension) captures a reusable credential, and passwords invite credential stuffing and brute force.',
    howToFix: 'Use short-lived, scoped tokens: OAuth 2.0 / OpenID Connect, or at least a bearer token issued after a stronger login.',
    example: 'components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: https://auth.example.com/authorize\n          tokenUrl: https://auth.example.com/token\n          scopes: {}',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'RFC 7617 (Basic) security considerations', url: 'https://www.rfc-editor.org/rfc/rfc7617#section-4' },
    ],
    divergences: [
      {
        reason: 'HTTP auth scheme names are case-insensitive (RFC 9110), so `Basic` is reported too; upstream matches the lower-case word only.',
        explains: (d) => d.side === 'only-ours' && /basic/i.test(stringValue(d.node) ?? '') && !/basic/.test(stringValue(d.node) ?? ''),
      },
      {
        reason: 'Also applies to OpenAPI 2.0 `securityDefinitions` with `type: basic`; upstream only reads 3.x components.',
        explains: (d) => d.side === 'only-ours' && d.model.isOas2,
      },
    ],
  },
  // Reads the security schemes alone: an edit inside a path item changes none of its findings.
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const scheme of model.securitySchemes()) {
      if (model.isOas2) {
        if (scheme.type === 'basic') report({ node: child(scheme.node, 'type')!, highlight: 'value' });
        continue;
      }
      const name = child(scheme.node, 'scheme');
      if (scheme.type === 'http' && /^basic$/i.test(stringValue(name)?.trim() ?? '')) report({ node: name!, highlight: 'value' });
    }
  },
});
