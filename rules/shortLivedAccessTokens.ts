import { asObject, child, stringValue, type AstNode } from '../server/src/engine/ast';
import { insertProperty } from '../server/src/engine/edit/structuralEdits';
import { defineRule } from '../server/src/engine/rule';

/**
 * Flows where a refresh token is not expected: the implicit flow cannot issue one
 * (RFC 6749 §4.2.2), and for client credentials it SHOULD NOT be issued (§4.4.3).
 */
const NO_REFRESH_FLOWS = new Set(['implicit', 'clientCredentials']);

/** Upstream's `truthy`: present and not an empty string, `false`, `0` or `null`. */
function isTruthy(node: AstNode | undefined): boolean {
  if (!node) return false;
  return node.kind !== 'scalar' || !!node.value;
}

/** The flow key a reported path is about: `components.securitySchemes.<name>.flows.<flow>[.refreshUrl]`. */
function flowKey(path: readonly (string | number)[]): string | undefined {
  const at = path.lastIndexOf('flows');
  return at >= 0 ? String(path[at + 1]) : undefined;
}

export default defineRule({
  id: 'owasp:api2:2023-short-lived-access-tokens',
  title: 'OAuth 2.0 flow without refresh tokens',
  owasp: 'API2:2023',
  cwe: [613],
  topics: ['token-lifetime'],
  severity: 'error',
  versions: ['3.0', '3.1'],
  message: 'Authentication scheme does not appear to support refresh tokens, meaning access tokens likely do not expire.',
  docs: {
    summary: 'An OAuth 2.0 `authorizationCode` or `password` flow has no `refreshUrl`, a sign that its access tokens are long-lived.',
    why:
      'Without refresh tokens, access tokens must live long enough for a whole user session, often for ever. A token stolen from a log, a browser or a compromised client then stays usable for as long, while short-lived tokens rotated through refresh tokens expire before most stolen ones can be abused.',
    howToFix: 'Issue short-lived access tokens with refresh tokens, and declare where they are refreshed (`refreshUrl`, usually the token endpoint).',
    example: 'flows:\n  authorizationCode:\n    authorizationUrl: https://auth.example.com/authorize\n    tokenUrl: https://auth.example.com/token\n    refreshUrl: https://auth.example.com/token\n    scopes: {}',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'RFC 6749 §1.5 and §6: Refresh tokens', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-1.5' },
      { title: 'RFC 9700 §4.14: Refresh token protection', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-4.14' },
    ],
    divergences: [
      {
        reason: 'The `implicit` and `clientCredentials` flows are not reported: the implicit flow cannot issue refresh tokens (RFC 6749 §4.2.2), and a client holding its own credentials simply requests a new token, so a refresh token SHOULD NOT be issued (§4.4.3).',
        explains: (d) => d.side === 'only-upstream' && NO_REFRESH_FLOWS.has(flowKey(d.path) ?? ''),
      },
      {
        reason: 'Specification extensions under `flows` (`x-...`) are not flows and are not reported.',
        explains: (d) => d.side === 'only-upstream' && (flowKey(d.path) ?? '').startsWith('x-'),
      },
    ],
  },
  // Reads the security schemes alone: an edit inside a path item changes none of its findings.
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    // A scheme shared through `$ref` is reported once, at its definition.
    for (const node of new Set(model.securitySchemes().map((s) => s.node))) {
      const type = stringValue(child(node, 'type'));
      if (type !== 'oauth2') continue;
      for (const flow of asObject(child(node, 'flows'))?.properties ?? []) {
        if (NO_REFRESH_FLOWS.has(flow.key) || flow.key.startsWith('x-') || !asObject(flow.value)) continue;
        const refreshUrl = child(flow.value, 'refreshUrl');
        if (isTruthy(refreshUrl)) continue;
        report({ node: refreshUrl ?? flow.value!, highlight: 'key' });
      }
    }
  },
  fix({ document, finding }) {
    const flow = asObject(finding.node);
    const tokenUrl = stringValue(child(flow, 'tokenUrl'));
    if (!flow || !tokenUrl) return [];
    // Refresh requests go to the token endpoint (RFC 6749 §6), so it is the natural refreshUrl; not
    // preferred, because only the server's owner knows whether refresh tokens are really issued.
    const edit = insertProperty(document, flow, 'refreshUrl', tokenUrl);
    return edit ? [{ title: 'Declare refreshUrl (the token endpoint)', edits: [edit], isPreferred: false }] : [];
  },
});
