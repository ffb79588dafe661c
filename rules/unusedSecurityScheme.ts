import { asObject, child, type AstNode, type PropertyNode } from '../server/src/engine/ast';
import type { OpenApiModel } from '../server/src/engine/model/openApiModel';
import { HTTP_METHODS } from '../server/src/engine/model/schemas';
import { refOf } from '../server/src/engine/model/refs';
import { readRequirements } from '../server/src/engine/model/security';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { securityUsage } from './undefinedSecurityScheme';

/**
 * Path items, operations, webhooks or callbacks kept in other files (`$ref: paths/users.yaml`) may use any
 * scheme: with some operations out of sight, "never used" cannot be known.
 */
function hasOperationsOutOfSight(model: OpenApiModel): boolean {
  const entries = [...(asObject(child(model.root, 'paths'))?.properties ?? []), ...(asObject(child(model.root, 'webhooks'))?.properties ?? [])];
  return outOfSight(model, entries);
}

/** Whether these path items (or webhooks), their operations or the operations' callbacks are `$ref`s that do not resolve. */
function outOfSight(model: OpenApiModel, entries: readonly PropertyNode[]): boolean {
  const unresolved = (node: AstNode | undefined) => refOf(node) !== undefined && model.resolve(node) === undefined;
  if (entries.some((entry) => unresolved(entry.value))) return true;
  // Some documents even `$ref` whole operations to other files.
  if (entries.some((entry) => HTTP_METHODS.some((method) => unresolved(child(model.resolve(entry.value), method))))) return true;
  return model.operations().some((operation) => {
    const callbacks = child(operation.node, 'callbacks');
    return unresolved(callbacks) || (model.resolveObject(callbacks)?.properties ?? []).some((callback) => unresolved(callback.value));
  });
}

export default defineRule({
  id: 'owasp:api9:2023-unused-security-scheme',
  title: 'Security scheme defined but never required',
  owasp: 'API9:2023',
  cwe: [1059],
  topics: ['inventory'],
  // Info: an unused definition is not exploitable in itself; operations that end up unprotected are reported by the authentication rules.
  severity: 'info',
  versions: ALL_VERSIONS,
  message: 'Security scheme is defined but no security requirement uses it.',
  docs: {
    summary:
      'A security scheme under `components/securitySchemes` (2.0: `securityDefinitions`) that no security requirement names: not the root `security`, not any operation, callback or webhook operation. When path items, operations, webhooks or callbacks live in other files (unresolved `$ref`s), usage cannot be known and nothing is reported. Its severity is info because the unused definition does no harm by itself; whether operations are left unprotected is what the authentication rules report.',
    why:
      'An unused scheme is inventory drift: either an authentication method that was retired but is still advertised (and may still be accepted by a forgotten gateway route), or protection someone meant to apply and never did, so that generated clients, gateways and scanners treat the operations as public.',
    howToFix: 'Reference the scheme from the root `security` or from the operations that need it, or delete it if the API no longer accepts it.',
    example: "security:\n  - oauth: ['orders:read']\ncomponents:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows: {}",
    references: [
      { title: 'OWASP API9:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa9-improper-inventory-management/' },
      { title: 'OpenAPI 3.1 Security Requirement Object', url: 'https://spec.openapis.org/oas/v3.1.0#security-requirement-object' },
    ],
  },
  // What the path items require, and whether any of their parts is out of sight, is all it reads of them.
  incremental: { scope: 'path-item', pathsContext: (model) => [...securityUsage(model), outOfSight(model, model.pathEntries())] },
  check({ model, report }) {
    if (hasOperationsOutOfSight(model)) return;
    const used = new Set<string>();
    const collect = (node: AstNode | undefined) => {
      for (const requirement of readRequirements(node)) for (const use of requirement) used.add(use.name);
    };
    collect(child(model.root, 'security'));
    for (const operation of [...model.operations(), ...model.outboundOperations()]) collect(child(operation.node, 'security'));
    for (const scheme of model.securitySchemes()) {
      if (!used.has(scheme.name) && scheme.entry.value) report({ node: scheme.entry.value, message: `Security scheme '${scheme.name}' is defined but no security requirement uses it.` });
    }
  },
});
