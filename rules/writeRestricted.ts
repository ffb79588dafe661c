import { insertProperty } from '../server/src/engine/edit/structuralEdits';
import type { ParsedDocument } from '../server/src/engine/parse';
import type { Fix } from '../server/src/engine/rule';
import { asArray, type AstNode } from '../server/src/engine/ast';
import type { OpenApiModel, Operation } from '../server/src/engine/model/openApiModel';
import { describeSecurity } from '../server/src/engine/model/security';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule, type Disagreement, type Divergence } from '../server/src/engine/rule';

export const WRITE_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

/** `security: []` on the operation itself: its author made it public on purpose. */
export function isDeliberatelyPublic(operation: Operation): boolean {
  return operation.security.source === 'operation' && operation.security.requirements.length === 0;
}

/**
 * Operations with the given methods that no security requirement covers: none is declared,
 * or only an empty root `security: []` applies. As upstream, a requirement list with an
 * anonymous `{}` alternative counts as declared.
 */
export function unprotectedOperations(model: OpenApiModel, methods: ReadonlySet<string>): Operation[] {
  return model.operations().filter((op) => methods.has(op.method) && op.security.requirements.length === 0 && !isDeliberatelyPublic(op));
}

/** Upstream reports an operation's own empty `security: []` (at `paths.<path>.<method>.security`). */
function isOperationEmptySecurity(d: Disagreement, methods: ReadonlySet<string>): boolean {
  const [root, , method, key] = d.path;
  return d.side === 'only-upstream' && d.path.length === 4 && root === 'paths' && methods.has(String(method)) && key === 'security' && asArray(d.node)?.items.length === 0;
}

export function deliberatelyPublicDivergence(methods: ReadonlySet<string>, kind: string): Divergence {
  return {
    reason: `An operation whose own \`security: []\` marks it public on purpose (login, sign-up, health checks) is not reported: OpenAPI defines that as "no authentication required". ${kind}`,
    explains: (d) => isOperationEmptySecurity(d, methods),
  };
}

export function reportUnprotected(operation: Operation, report: (r: { node: AstNode; message: string }) => void, kind: 'read' | 'write'): void {
  report({ node: operation.node, message: `This ${kind} operation is not protected by any security scheme: ${describeSecurity(operation.security)}.` });
}

/** One fix per defined scheme: require it on the operation (preferred when there is only one). */
export function addSecurityRequirementFixes(model: OpenApiModel, document: ParsedDocument, operation: AstNode): Fix[] {
  if (operation.kind !== 'object' || operation.properties.some((p) => p.key === 'security')) return [];
  const schemes = [...new Set(model.securitySchemes().map((s) => s.name))];
  return schemes.flatMap((name) => {
    const edit = insertProperty(document, operation, 'security', [{ [name]: [] }]);
    return edit ? [{ title: `Require ${name} for this operation`, edits: [edit], isPreferred: schemes.length === 1 }] : [];
  });
}

export default defineRule({
  id: 'owasp:api2:2023-write-restricted',
  title: 'Unprotected write operation',
  owasp: 'API2:2023',
  cwe: [306],
  topics: ['authentication', 'authorization'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'This write operation is not protected by any security scheme.',
  docs: {
    summary: 'A POST, PUT, PATCH or DELETE operation has no security requirement: none at the root and none of its own.',
    why:
      'An operation without a security requirement lets anyone on the network create, change or delete data. Missing security is usually an oversight (a new endpoint, a copied path item) rather than a decision, and generated servers and gateways then enforce no authentication at all.',
    howToFix: 'Declare a `security` requirement at the root (inherited by every operation) or on the operation. If the operation really is public, say so with `security: []`.',
    example: 'security:\n  - oauth: [orders:write]\npaths:\n  /orders:\n    post:\n      security:\n        - oauth: [orders:write]',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'CWE-306: Missing Authentication for Critical Function', url: 'https://cwe.mitre.org/data/definitions/306.html' },
      { title: 'OpenAPI 3.1 Security Requirement Object', url: 'https://spec.openapis.org/oas/v3.1.0#security-requirement-object' },
    ],
    divergences: [deliberatelyPublicDivergence(WRITE_METHODS, 'Deliberately public writes get a lower-severity finding from `owasp:api2:2023-public-write` instead.')],
  },
  check({ model, report }) {
    for (const operation of unprotectedOperations(model, WRITE_METHODS)) reportUnprotected(operation, report, 'write');
  },
  fix({ model, document, finding }) {
    return addSecurityRequirementFixes(model, document, finding.node);
  },
});
