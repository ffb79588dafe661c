import { pathItemStructure } from '../server/src/engine/model/pathItemModel';
import { errorResponseEdits } from '../server/src/engine/fixes/errorResponses';
import type { Operation } from '../server/src/engine/model/openApiModel';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

/** Status keys that cover a 403: itself, the 4XX range, or `default`. */
function covers403(code: string): boolean {
  return code === '403' || /^4xx$/i.test(code) || code === 'default';
}

/** Scopes (OAuth2, OpenID Connect) or roles (3.1, any scheme) make "authenticated but not allowed" possible. */
function requiredScopes(operation: Operation): string[] {
  return [...new Set(operation.security.requirements.flat().flatMap((use) => use.scopes))];
}

export default defineRule({
  id: 'owasp:api5:2023-define-error-responses-403',
  title: 'Scoped operation without a 403 response',
  owasp: 'API5:2023',
  cwe: [285, 755],
  topics: ['authorization', 'error-handling'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Operation requires scopes or roles but is missing a 403 response.',
  docs: {
    summary:
      'An operation whose effective security asks for scopes or roles (a security requirement with a non-empty list) defines no 403 Forbidden response (a `4XX` range or `default` response counts). Operations that need only authentication, without scopes, are left to the 401 rule: without scopes the spec gives no authorisation decision to document.',
    why:
      'Scopes and roles exist to refuse some authenticated callers. When the refusal is not part of the contract, implementations are rarely tested for it: a missing check lets a read-only token call an admin function (broken function level authorization), and an undocumented refusal tends to leak details or come back as a 200.',
    howToFix: 'Add a 403 response with an error body, ideally one shared response under components/responses referenced from every scoped operation, and test that tokens without the scope receive it.',
    example: "security:\n  - oauth: ['orders:write']\nresponses:\n  '403':\n    $ref: '#/components/responses/Forbidden'",
    references: [
      { title: 'OWASP API5:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/' },
      { title: 'RFC 9110 §15.5.4 403 Forbidden', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4' },
      { title: 'RFC 6750 §3.1 insufficient_scope', url: 'https://www.rfc-editor.org/rfc/rfc6750#section-3.1' },
    ],
  },
  // Findings on shared responses and parameters depend on which operations use them, and how.
  incremental: { scope: 'path-item', pathsContext: pathItemStructure },
  check({ model, report }) {
    for (const operation of model.operations()) {
      const scopes = requiredScopes(operation);
      if (scopes.length === 0 || !operation.responsesNode) continue;
      if (operation.responses.some((r) => covers403(r.code))) continue;
      const named = scopes.slice(0, 3).map((s) => `'${s}'`).join(', ') + (scopes.length > 3 ? ` and ${scopes.length - 3} more` : '');
      report({ node: operation.responsesNode, message: `Operation requires ${named} but is missing a 403 response.` });
    }
  },
  fix({ model, document, finding }) {
    const operation = model.operations().find((op) => op.responsesNode === finding.node);
    if (finding.node.kind !== 'object') return [];
    const edits = finding.node.kind === 'object' ? errorResponseEdits(model, document, finding.node, operation, '403', 'Forbidden') : undefined;
    return edits ? [{ title: 'Add a 403 Forbidden response', edits, isPreferred: true }] : [];
  },
});
