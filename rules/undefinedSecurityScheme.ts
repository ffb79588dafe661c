import { asArray, asObject, child, scalarText, type ArrayNode, type AstNode, type ObjectNode, type PropertyNode } from '../server/src/engine/ast';
import type { OpenApiModel, SecurityScheme } from '../server/src/engine/model/openApiModel';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

/** One scheme named inside one security requirement object, as written. */
export interface RequirementEntry {
  name: string;
  /** `name: [scopes]` inside the requirement object. */
  prop: PropertyNode;
  /** The scopes array (or whatever value was written); reporting it underlines the scheme name. */
  value: AstNode;
}

const listsCache = new WeakMap<OpenApiModel, ArrayNode[]>();

/** Every `security` list (root, operations, callbacks, webhooks) once, even when YAML aliases share one. */
export function securityLists(model: OpenApiModel): ArrayNode[] {
  const cached = listsCache.get(model);
  if (cached) return cached;
  const lists = new Set<ArrayNode>();
  const add = (node: AstNode | undefined) => {
    const list = asArray(node);
    if (list) lists.add(list);
  };
  add(child(model.root, 'security'));
  for (const op of [...model.operations(), ...model.outboundOperations()]) add(child(op.node, 'security'));
  const result = [...lists];
  listsCache.set(model, result);
  return result;
}

export function entriesOf(list: ArrayNode | undefined): RequirementEntry[] {
  const entries: RequirementEntry[] = [];
  for (const item of list?.items ?? []) {
    const requirement: ObjectNode | undefined = asObject(item);
    for (const prop of requirement?.properties ?? []) if (prop.value) entries.push({ name: prop.key, prop, value: prop.value });
  }
  return entries;
}

/**
 * A scheme no requirement names while the document does use `security`: nothing accepts its
 * credentials, so its weaknesses are not reachable through this API. When no `security`
 * exists at all the schemes are presumably meant to apply (no-security reports that), so
 * they count as used.
 */
const namesCache = new WeakMap<OpenApiModel, Set<string>>();

/**
 * For `Rule.incremental.pathsContext` of rules that skip unused schemes: what the operations of a path item
 * require (whether each has a `security` list, then every scheme it names, with or without scopes).
 */
export function securityUsage(model: OpenApiModel): unknown[] {
  const usage: unknown[] = [];
  for (const operation of [...model.operations(), ...model.outboundOperations()]) {
    const list = asArray(child(operation.node, 'security'));
    usage.push(list ? list.items.length : -1);
    for (const item of list?.items ?? []) for (const prop of asObject(item)?.properties ?? []) usage.push(prop.key, prop.value !== undefined);
  }
  return usage;
}

export function isUnusedScheme(model: OpenApiModel, scheme: SecurityScheme): boolean {
  const lists = securityLists(model);
  if (lists.length === 0) return false;
  // Once per document, not once per scheme: a big spec has thousands of requirement lists.
  let named = namesCache.get(model);
  if (!named) namesCache.set(model, (named = new Set(lists.flatMap((list) => entriesOf(list).map((e) => e.name)))));
  return !model.securitySchemes().some((s) => s.node === scheme.node && named.has(s.name));
}

export default defineRule({
  id: 'owasp:api2:2023-undefined-security-scheme',
  title: 'Security requirement names an undefined scheme',
  owasp: 'API2:2023',
  cwe: [287, 1068],
  topics: ['authentication'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Security requirement names a scheme that is not defined.',
  docs: {
    summary:
      'A security requirement (root, operation, callback or webhook `security`) names a scheme that `components.securitySchemes` (OAS2: `securityDefinitions`) does not define.',
    why:
      'A requirement on an undefined scheme is unsatisfiable or silently ignored: gateways, generated servers and SDKs that enforce the document skip it, so the operation may run with no authentication at all while reviewers believe it is protected. It is usually a typo or a scheme renamed in one place only.',
    howToFix: 'Define the scheme under `components.securitySchemes` (OAS2 `securityDefinitions`), or fix the name in the requirement to match an existing one (names are case-sensitive).',
    example:
      'security:\n  - bearerAuth: []\ncomponents:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'OpenAPI 3.1: Security Requirement Object', url: 'https://spec.openapis.org/oas/v3.1.0#security-requirement-object' },
      { title: 'CWE-1068: Inconsistency Between Implementation and Documented Design', url: 'https://cwe.mitre.org/data/definitions/1068.html' },
    ],
    divergences: [
      {
        reason:
          'New rule (upstream has none). To keep false positives down: a scheme counts as defined by its key alone (even if its `$ref` is broken), URI names that OpenAPI 3.2 allows are not checked, a requirement list shared through a YAML alias is reported once, and names are compared exactly as OpenAPI does (case-sensitive).',
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    // Keys, not resolved schemes: a scheme whose $ref is broken is still defined (another problem).
    const container = model.isOas2 ? child(model.root, 'securityDefinitions') : child(child(model.root, 'components'), 'securitySchemes');
    const defined = new Set(asObject(container)?.properties.map((p) => p.key) ?? []);
    // OpenAPI 3.2 lets a requirement name a scheme by URI (possibly in another document).
    const uriNames = /^3\.([2-9]|\d\d)/.test(scalarText(child(model.root, 'openapi'))?.trim() ?? '');
    for (const list of securityLists(model)) {
      for (const entry of entriesOf(list)) {
        if (defined.has(entry.name) || (uriNames && /[#/:]/.test(entry.name))) continue;
        report({ node: entry.value, message: `Security scheme '${entry.name}' is not defined in ${model.isOas2 ? 'securityDefinitions' : 'components.securitySchemes'}.` });
      }
    }
  },
});
