/**
 * Which operations send or receive each schema property, for the API3 property rules: a
 * property is exposed when a response schema reaches it and accepted when a request body
 * does. Computed once per document and shared by the rules that ask.
 */
import { asArray, asObject, child, type AstNode, type ObjectNode, type PropertyNode } from '../../server/src/engine/ast';
import type { OpenApiModel, Operation } from '../../server/src/engine/model/openApiModel';

export interface PropertyUsage {
  /** `properties.<name>` as written in its schema. */
  entry: PropertyNode;
  /** The schema object that declares it. */
  owner: ObjectNode;
  /** The property's schema as written (may be a `$ref`). */
  node: AstNode;
  /** Its schema with `$ref` followed. */
  resolved: ObjectNode | undefined;
  /** Operations whose request body accepts it (one list shared by the properties of a schema: never changed). */
  requests: readonly Operation[];
  /** Operations whose request body is this property's schema itself (or composes it with allOf/anyOf/oneOf), not a nested object. */
  topLevelRequests: readonly Operation[];
  /** Operations whose responses return it. */
  responses: readonly Operation[];
}

const cache = new WeakMap<OpenApiModel, PropertyUsage[]>();
const SUBSCHEMAS = ['items', 'additionalProperties', 'not', 'contains', 'unevaluatedProperties'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
/** A schema without any of these keys contains no schema (most schemas are such leaves). */
const HOLDERS = new Set([...SUBSCHEMAS, ...SUBSCHEMA_LISTS, 'properties']);

function isTrue(node: AstNode | undefined): boolean {
  return node?.kind === 'scalar' && node.value === true;
}

/** `readOnly: true` on the property as written or on its resolved schema (3.1 allows it beside a `$ref`). */
export function flagged(usage: Pick<PropertyUsage, 'node' | 'resolved'>, keyword: 'readOnly' | 'writeOnly'): boolean {
  return isTrue(child(usage.node, keyword)) || isTrue(child(usage.resolved, keyword));
}

/** Per document: each schema object's reachable list, and the schemas it contains directly (`$ref`s followed). */
interface ReachMemo {
  reachable: WeakMap<AstNode, ObjectNode[]>;
  children: WeakMap<ObjectNode, ObjectNode[]>;
}

/** The schemas `node` contains directly, `$ref`s followed: read once per node, however many operations reach it. */
function childrenOf(model: OpenApiModel, node: ObjectNode, memo: ReachMemo): ObjectNode[] {
  const known = memo.children.get(node);
  if (known) return known;
  const found: ObjectNode[] = [];
  if (!node.properties.some((p) => HOLDERS.has(p.key))) {
    memo.children.set(node, found);
    return found;
  }
  const add = (child: AstNode | undefined) => {
    const resolved = model.resolveObject(child);
    if (resolved) found.push(resolved);
  };
  for (const keyword of SUBSCHEMAS) add(asObject(child(node, keyword)));
  for (const keyword of SUBSCHEMA_LISTS) for (const item of asArray(child(node, keyword))?.items ?? []) add(item);
  for (const p of asObject(child(node, 'properties'))?.properties ?? []) add(p.value);
  memo.children.set(node, found);
  return found;
}

/** Every schema object reachable from `root`, `$ref`s followed, each once. */
function reachable(model: OpenApiModel, root: AstNode | undefined, memo: ReachMemo): ObjectNode[] {
  const start = model.resolveObject(root);
  if (!start) return [];
  const known = memo.reachable.get(start);
  if (known) return known;
  const seen = new Set<ObjectNode>();
  const pending: ObjectNode[] = [start];
  while (pending.length) {
    const node = pending.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    pending.push(...childrenOf(model, node, memo));
  }
  const list = [...seen];
  memo.reachable.set(start, list);
  return list;
}

/** A schema and the schemas it is composed of (allOf, anyOf, oneOf, transitively): the same object, not nested ones. */
function composedParts(model: OpenApiModel, root: AstNode): ObjectNode[] {
  const parts = new Set<ObjectNode>();
  const pending: Array<AstNode | undefined> = [root];
  while (pending.length) {
    const node = model.resolveObject(pending.pop());
    if (!node || parts.has(node)) continue;
    parts.add(node);
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) pending.push(...(asArray(child(node, keyword))?.items ?? []));
  }
  return [...parts];
}

/** The schemas an operation receives in its request body (OAS3 `requestBody`, OAS2 `in: body`). */
function requestSchemas(model: OpenApiModel, operation: Operation): AstNode[] {
  if (model.isOas2) return operation.parameters.filter((p) => p.in === 'body' && p.schema).map((p) => p.schema!);
  return mediaSchemas(model, operation.requestBody);
}

function mediaSchemas(model: OpenApiModel, owner: ObjectNode | undefined): AstNode[] {
  const schemas: AstNode[] = [];
  for (const media of asObject(model.resolve(child(owner, 'content')))?.properties ?? []) {
    const schema = child(model.resolve(media.value), 'schema');
    if (schema) schemas.push(schema);
  }
  return schemas;
}

function responseSchemas(model: OpenApiModel, operation: Operation): AstNode[] {
  return operation.responses.flatMap((r) => {
    if (!model.isOas2) return mediaSchemas(model, r.node);
    const schema = child(r.node, 'schema');
    return schema ? [schema] : [];
  });
}

/** Every property of every schema that some operation sends or receives, in document order. */
export function propertyUsages(model: OpenApiModel): PropertyUsage[] {
  const cached = cache.get(model);
  if (cached) return cached;
  // Reachable schemas outlive edits of a path item: a schema elsewhere keeps its node and its content.
  const memo = (model.memo.get('schemaUsage.reachable') as ReachMemo | undefined) ?? { reachable: new WeakMap(), children: new WeakMap() };
  model.memo.set('schemaUsage.reachable', memo);
  const operations = model.operations();
  // Operations share their body and response schemas (one error schema answers them all): each distinct schema's
  // reach is walked once, with the operations (by index, ascending) that use it, not once per operation.
  const requestRoots = new Map<ObjectNode, number[]>();
  const responseRoots = new Map<ObjectNode, number[]>();
  const topLevel = new Map<ObjectNode, Set<Operation>>();
  const use = (roots: Map<ObjectNode, number[]>, schemas: AstNode[], index: number) => {
    for (const schema of schemas) {
      const start = model.resolveObject(schema);
      if (!start) continue;
      const indices = roots.get(start);
      if (!indices) roots.set(start, [index]);
      else if (indices[indices.length - 1] !== index) indices.push(index);
    }
  };
  operations.forEach((operation, index) => {
    const bodies = requestSchemas(model, operation);
    use(requestRoots, bodies, index);
    for (const schema of bodies.flatMap((root) => composedParts(model, root))) {
      let ops = topLevel.get(schema);
      if (!ops) topLevel.set(schema, (ops = new Set()));
      ops.add(operation);
    }
    use(responseRoots, responseSchemas(model, operation), index);
  });
  /** Per reachable schema, the index lists of the roots that reach it (schemas in the order a walk op by op meets them). */
  const reach = (roots: Map<ObjectNode, number[]>) => {
    const bySchema = new Map<ObjectNode, number[][]>();
    for (const [start, indices] of roots) {
      for (const schema of reachable(model, start, memo)) {
        const lists = bySchema.get(schema);
        if (lists) lists.push(indices);
        else bySchema.set(schema, [indices]);
      }
    }
    return bySchema;
  };
  const requests = reach(requestRoots);
  const responses = reach(responseRoots);
  const operationsOf = (lists: number[][] | undefined): Operation[] => {
    if (!lists) return [];
    if (lists.length === 1) return lists[0].map((i) => operations[i]);
    const indices = new Set<number>();
    for (const list of lists) for (const i of list) indices.add(i);
    return [...indices].sort((a, b) => a - b).map((i) => operations[i]);
  };
  const usages: PropertyUsage[] = [];
  for (const owner of new Set([...requests.keys(), ...responses.keys()])) {
    const properties = asObject(child(owner, 'properties'))?.properties;
    if (!properties?.length) continue;
    // The lists are the schema's, shared by its properties: a schema returned by 100 operations has 100-long lists.
    const requestOperations = operationsOf(requests.get(owner));
    const responseOperations = operationsOf(responses.get(owner));
    const topLevelOperations = [...(topLevel.get(owner) ?? [])];
    for (const entry of properties) {
      if (!entry.value || entry.inherited) continue;
      usages.push({ entry, owner, node: entry.value, resolved: model.resolveObject(entry.value), requests: requestOperations, topLevelRequests: topLevelOperations, responses: responseOperations });
    }
  }
  usages.sort((a, b) => a.entry.keyOffset - b.entry.keyOffset);
  cache.set(model, usages);
  return usages;
}

/**
 * For `Rule.incremental.pathsContext`: the usages of properties declared outside `paths` that `relevant` picks,
 * with what the rules read of the operations that use them.
 */
export function usagesOutsidePaths(model: OpenApiModel, relevant: (usage: PropertyUsage) => boolean, operationKey: (operation: Operation) => string = (o) => `${o.method} ${o.path}`): unknown[] {
  const context: unknown[] = [];
  for (const usage of propertyUsages(model)) {
    if (!relevant(usage) || !model.isOutsidePaths(usage.owner)) continue;
    for (const operations of [usage.requests, usage.topLevelRequests, usage.responses]) context.push(operations.map(operationKey).join('\n'));
    context.push(usage.node, usage.resolved);
  }
  return context;
}

/** `GET /users/{id}, POST /users and 3 more`: where a property travels, short enough for a message. */
export function describeOperations(operations: readonly Operation[], max = 2): string {
  const names = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`);
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Lower-case letters and digits only: `client_secret`, `clientSecret` and `Client-Secret` compare equal. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
