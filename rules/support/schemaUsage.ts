/**
 * Which operations send or receive each schema property, for the API3 property rules: a
 * property is exposed when a response schema reaches it and accepted when a request body
 * does. Computed once per document and shared by the rules that ask.
 */
import { asArray, asObject, child, type AstNode, type ObjectNode, type PropertyNode } from '../../server/src/engine/ast';
import type { OpenApiModel, Operation } from '../../server/src/engine/model/openApiModel';
import { reachingSets } from './reachingSets';

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

/** Per document, the schemas each schema object contains directly (`$ref`s followed). */
type ChildrenMemo = WeakMap<ObjectNode, ObjectNode[]>;

/** The schemas `node` contains directly, `$ref`s followed: read once per node, however many operations reach it. */
function childrenOf(model: OpenApiModel, node: ObjectNode, memo: ChildrenMemo): ObjectNode[] {
  const known = memo.get(node);
  if (known) return known;
  const found: ObjectNode[] = [];
  if (!node.properties.some((p) => HOLDERS.has(p.key))) {
    memo.set(node, found);
    return found;
  }
  const add = (child: AstNode | undefined) => {
    const resolved = model.resolveObject(child);
    if (resolved) found.push(resolved);
  };
  for (const keyword of SUBSCHEMAS) add(asObject(child(node, keyword)));
  for (const keyword of SUBSCHEMA_LISTS) for (const item of asArray(child(node, keyword))?.items ?? []) add(item);
  for (const p of asObject(child(node, 'properties'))?.properties ?? []) add(p.value);
  memo.set(node, found);
  return found;
}

/**
 * Every schema object the roots reach, `$ref`s followed, each once, in the order of a depth-first walk from each
 * root in turn (the order findings of equal position keep).
 */
function reachedInOrder(roots: Iterable<ObjectNode>, children: (node: ObjectNode) => ObjectNode[], into: Set<ObjectNode>): void {
  const seen = new Set<ObjectNode>();
  for (const root of roots) {
    const pending: ObjectNode[] = [root];
    while (pending.length) {
      const node = pending.pop()!;
      if (seen.has(node)) continue;
      seen.add(node);
      into.add(node);
      pending.push(...children(node));
    }
  }
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
  // A schema's children outlive edits of a path item: a schema elsewhere keeps its node and its content.
  const memo = (model.memo.get('schemaUsage.children') as ChildrenMemo | undefined) ?? new WeakMap();
  model.memo.set('schemaUsage.children', memo);
  const children = (node: ObjectNode) => childrenOf(model, node, memo);
  const operations = model.operations();
  // Operations share their body and response schemas (one error schema answers them all): the schema graph is
  // walked once for all of them, with the operations (by index, ascending) that use each root.
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
  const [requestIndices, responseIndices] = reachingSets([requestRoots, responseRoots], children, operations.length);
  // One list per set of operations, shared by every property it applies to: a schema returned by 100 operations has
  // 100-long lists.
  const lists = new Map<readonly number[], Operation[]>();
  const operationsOf = (indices: readonly number[] | undefined): Operation[] => {
    if (!indices) return [];
    let list = lists.get(indices);
    if (!list) lists.set(indices, (list = indices.map((i) => operations[i])));
    return list;
  };
  const owners = new Set<ObjectNode>();
  reachedInOrder(requestRoots.keys(), children, owners);
  reachedInOrder(responseRoots.keys(), children, owners);
  const usages: PropertyUsage[] = [];
  for (const owner of owners) {
    const properties = asObject(child(owner, 'properties'))?.properties;
    if (!properties?.length) continue;
    const requestOperations = operationsOf(requestIndices(owner));
    const responseOperations = operationsOf(responseIndices(owner));
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
