import { asArray, asObject, child, type AstNode } from '../server/src/engine/ast';
import type { OpenApiModel, SecurityScheme } from '../server/src/engine/model/openApiModel';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { entriesOf, securityLists } from './undefinedSecurityScheme';

/**
 * The scopes an OAuth2 scheme defines across all its flows, or undefined when the scheme
 * declares no `scopes` map anywhere (a malformed scheme: we cannot tell what is defined).
 */
function definedScopes(model: OpenApiModel, scheme: SecurityScheme): Set<string> | undefined {
  const maps: AstNode[] = [];
  if (model.isOas2) {
    const scopes = child(scheme.node, 'scopes');
    if (scopes) maps.push(scopes);
  } else {
    for (const flow of model.resolveObject(child(scheme.node, 'flows'))?.properties ?? []) {
      if (flow.key.startsWith('x-')) continue;
      const scopes = child(model.resolveObject(flow.value), 'scopes');
      if (scopes) maps.push(scopes);
    }
  }
  const objects = maps.flatMap((m) => asObject(m) ?? []);
  if (objects.length === 0) return undefined;
  return new Set(objects.flatMap((o) => o.properties.map((p) => p.key)));
}

export default defineRule({
  id: 'owasp:api2:2023-undefined-scopes',
  title: 'Security requirement asks for undefined scopes',
  owasp: 'API2:2023',
  cwe: [285, 1068],
  topics: ['authorization'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Security requirement lists a scope that its scheme does not define.',
  docs: {
    summary:
      'A security requirement lists an OAuth2 scope that none of the scheme\'s flows defines, or (OAS 2.0 and 3.0) lists scopes for a scheme that is not OAuth2 and therefore cannot have any.',
    why:
      'Authorization is enforced from the scopes the document declares: a scope that exists only in a requirement is a typo or a leftover the authorization server never issues, so either nobody can call the operation or the enforcing layer drops the unknown scope and grants access with weaker (or no) scope checks. Least privilege cannot be reviewed when the scope list is inconsistent.',
    howToFix: 'Define the scope under the scheme\'s `flows.<flow>.scopes` (OAS2 `scopes`) or correct its name; scope names are case-sensitive (RFC 6749 §3.3). For non-OAuth2 schemes in OAS 2.0/3.0 use an empty list: `- apiKey: []`.',
    example:
      "security:\n  - oauth: [pets:read]\ncomponents:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: https://auth.example.com/authorize\n          tokenUrl: https://auth.example.com/token\n          scopes:\n            'pets:read': Read pets",
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'OpenAPI 3.1: Security Requirement Object', url: 'https://spec.openapis.org/oas/v3.1.0#security-requirement-object' },
      { title: 'RFC 6749 §3.3: Access Token Scope', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-3.3' },
    ],
    divergences: [
      {
        reason:
          'New rule (upstream has none). To keep false positives down: OpenID Connect scopes are free-form (discovered at run time) and never reported; in OAS 3.1 non-OAuth2 schemes may list role names, so they are not reported either; an undefined scheme is left to undefined-security-scheme; an OAuth2 scheme with no `scopes` map at all is malformed and skipped; a requirement shared through a YAML alias is reported once.',
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    const schemes = new Map(model.securitySchemes().map((s) => [s.name, s]));
    const scopeCache = new Map<SecurityScheme, Set<string> | undefined>();
    for (const list of securityLists(model)) {
      for (const entry of entriesOf(list)) {
        const scheme = schemes.get(entry.name);
        const scopes = asArray(entry.value)?.items ?? [];
        if (!scheme || scopes.length === 0) continue;
        if (scheme.type === 'oauth2') {
          if (!scopeCache.has(scheme)) scopeCache.set(scheme, definedScopes(model, scheme));
          const defined = scopeCache.get(scheme);
          if (!defined) continue;
          for (const scope of scopes) {
            if (scope.kind !== 'scalar' || scope.value === null) continue;
            const name = String(scope.value);
            if (!defined.has(name)) report({ node: scope, highlight: 'value', message: `Scope '${name}' is not defined by any flow of OAuth2 scheme '${entry.name}'.` });
          }
        } else if (model.version !== '3.1' && scheme.type !== 'openIdConnect' && scheme.type !== undefined) {
          // OAS 2.0 and 3.0: "For other security scheme types, the array MUST be empty."
          for (const scope of scopes) {
            if (scope.kind !== 'scalar' || scope.value === null) continue;
            report({ node: scope, highlight: 'value', message: `Scheme '${entry.name}' is ${scheme.type}, not OAuth2: its requirement must list no scopes (found '${String(scope.value)}').` });
          }
        }
      }
    }
  },
});
