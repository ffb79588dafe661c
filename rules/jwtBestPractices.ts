import { asObject, child, stringValue, type AstNode, type ObjectNode } from '../server/src/engine/ast';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule, type Disagreement } from '../server/src/engine/rule';

const DECLARES_RFC8725 = /RFC[\s-]?8725/i;

function isJwtFormat(node: ObjectNode): boolean {
  return stringValue(child(node, 'bearerFormat'))?.trim().toLowerCase() === 'jwt';
}

/** The scheme a disagreement is about: reported at the scheme itself or at its `description`. */
function schemeOf(d: Disagreement): ObjectNode | undefined {
  const node: AstNode | undefined = d.path[d.path.length - 1] === 'description' ? d.node?.parent : d.node;
  return asObject(node);
}

export default defineRule({
  id: 'owasp:api2:2023-jwt-best-practices',
  title: 'JWT scheme without RFC 8725',
  owasp: 'API2:2023',
  cwe: [287, 347],
  topics: ['authentication', 'token-lifetime'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Security schemes using JWTs must explicitly declare support for RFC8725 in the description.',
  docs: {
    summary: 'An OAuth 2.0, OpenID Connect or `bearerFormat: JWT` security scheme does not state in its description that its tokens follow RFC 8725 (JSON Web Token Best Current Practices).',
    why:
      'JWT libraries have repeatedly accepted `alg: none`, confused HMAC and RSA keys (signing with the public key), or skipped audience and issuer checks, letting attackers forge tokens. Declaring RFC 8725 commits the implementation to an algorithm allow-list, full claim validation and explicit typing, and tells clients what to expect.',
    howToFix: 'Follow RFC 8725 (pin algorithms, validate `iss`, `aud`, `exp`, use `typ`) and say so in the scheme\'s description.',
    example: 'components:\n  securitySchemes:\n    jwt:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n      description: Signed JWTs (RS256 only) validated as RFC8725 requires.',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'RFC 8725: JSON Web Token Best Current Practices', url: 'https://www.rfc-editor.org/rfc/rfc8725' },
      { title: 'CWE-347: Improper Verification of Cryptographic Signature', url: 'https://cwe.mitre.org/data/definitions/347.html' },
    ],
    divergences: [
      {
        reason: '"RFC 8725" with a space or a hyphen, in any case, counts as declaring it, not only "RFC8725".',
        explains: (d) => d.side === 'only-upstream' && d.path[d.path.length - 1] === 'description' && DECLARES_RFC8725.test(stringValue(d.node) ?? ''),
      },
      {
        reason: '`bearerFormat` is compared case-insensitively (`Jwt`, `jwt `), not only `jwt` and `JWT`.',
        explains: (d) => {
          const scheme = schemeOf(d);
          const format = stringValue(child(scheme, 'bearerFormat'));
          return d.side === 'only-ours' && !!scheme && isJwtFormat(scheme) && format !== 'jwt' && format !== 'JWT' && stringValue(child(scheme, 'type')) !== 'oauth2';
        },
      },
      {
        reason: 'OpenID Connect schemes are checked too: OpenID Connect ID tokens are always JWTs.',
        explains: (d) => d.side === 'only-ours' && stringValue(child(schemeOf(d), 'type')) === 'openIdConnect',
      },
      {
        reason: 'OpenAPI 2.0 `oauth2` security definitions are checked like OpenAPI 3 ones.',
        explains: (d) => d.side === 'only-ours' && d.model.isOas2 && d.path[0] === 'securityDefinitions',
      },
    ],
  },
  // Reads the security schemes alone: an edit inside a path item changes none of its findings.
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    // A scheme shared through `$ref` is reported once, at its definition.
    for (const node of new Set(model.securitySchemes().map((s) => s.node))) {
      const type = stringValue(child(node, 'type'));
      if (type !== 'oauth2' && type !== 'openIdConnect' && !isJwtFormat(node)) continue;
      const description = child(node, 'description');
      if (DECLARES_RFC8725.test(stringValue(description) ?? '')) continue;
      // An existing description is where the text goes; otherwise the scheme's name is underlined.
      report({ node: description ?? node });
    }
  },
});
