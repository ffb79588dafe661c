import { asArray, asObject, child, type AstNode, type ObjectNode } from '../ast';
import type { RefResolver } from './refs';

/** Where a schema-like object comes from; OAS2 non-body parameters and headers carry `type` themselves. */
export type SchemaOrigin = 'schema' | 'oas2-parameter' | 'oas2-header';

export interface SchemaSite {
  /** The schema object where it is defined ($refs already followed). */
  node: ObjectNode;
  origin: SchemaOrigin;
}

const SUBSCHEMA_KEYWORDS = [
  'additionalProperties', 'items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames',
  'unevaluatedItems', 'unevaluatedProperties', 'additionalItems', 'contentSchema',
];
const SUBSCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SUBSCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
/** Any keyword that can hold a subschema: a schema with none of them (most of a document's) is a leaf, walked no further. */
const SUBSCHEMA_HOLDERS = new Set([...SUBSCHEMA_KEYWORDS, ...SUBSCHEMA_MAP_KEYWORDS, ...SUBSCHEMA_LIST_KEYWORDS]);
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The schema sites of a document, and which were reached from outside `paths` (edits of a path item leave those alone). */
export interface SchemaIndex {
  sites: SchemaSite[];
  /** Schemas reached from components, definitions and webhooks: what a path item's schemas may `$ref` without owning. */
  outsidePaths: Set<AstNode>;
  /** Some schema reached only through `paths` lies outside it (a `$ref` to an unusual place): edits must re-walk everything. */
  escapes: boolean;
}

/**
 * Every schema object of the document, each once, at its definition: a schema referenced
 * from a hundred operations is visited (and reported) once. Iterative, so depth is no risk.
 */
export function collectSchemas(root: ObjectNode, oas2: boolean, refs: RefResolver): SchemaSite[] {
  return collectSchemaIndex(root, oas2, refs).sites;
}

export function collectSchemaIndex(root: ObjectNode, oas2: boolean, refs: RefResolver): SchemaIndex {
  const walk = schemaWalker(oas2, refs, () => false);
  if (oas2) {
    walk.each(child(root, 'definitions'), (s) => walk.schema(s));
    walk.each(child(root, 'parameters'), walk.parameter);
    walk.each(child(root, 'responses'), walk.response);
  } else {
    const components = child(root, 'components');
    walk.each(child(components, 'schemas'), (s) => walk.schema(s));
    walk.each(child(components, 'parameters'), walk.parameter);
    walk.each(child(components, 'requestBodies'), (body) => walk.content(refs.resolve(body)));
    walk.each(child(components, 'responses'), walk.response);
    walk.each(child(components, 'headers'), walk.header);
    walk.each(child(components, 'pathItems'), walk.pathItem);
    walk.each(child(components, 'callbacks'), (callback) => walk.each(callback, walk.pathItem));
    walk.each(child(root, 'webhooks'), walk.pathItem);
  }
  const outside = walk.drain();
  const paths = child(root, 'paths');
  walk.each(paths, walk.pathItem);
  const inside = walk.drain();
  const escapes = inside.some((site) => !isWithin(site.node, paths));
  // Document order makes findings (and tests) stable.
  return { sites: [...outside, ...inside].sort((a, b) => a.node.offset - b.node.offset), outsidePaths: new Set(outside.map((s) => s.node)), escapes };
}

/** The schemas of one path item that are written inside it, or undefined when it reaches schemas no other walk knows. */
export function pathItemSchemas(item: AstNode, oas2: boolean, refs: RefResolver, outsidePaths: ReadonlySet<AstNode>): SchemaSite[] | undefined {
  const walk = schemaWalker(oas2, refs, (node) => outsidePaths.has(node));
  walk.pathItem(item);
  const sites = walk.drain();
  return sites.every((site) => isWithin(site.node, item)) ? sites.sort((a, b) => a.node.offset - b.node.offset) : undefined;
}

/** The schemas reached from some path items without passing through a node `outside` says is not theirs, in order. */
export function regionSchemas(items: readonly AstNode[], oas2: boolean, refs: RefResolver, outside: (node: AstNode) => boolean): SchemaSite[] {
  const walk = schemaWalker(oas2, refs, outside);
  for (const item of items) walk.pathItem(item);
  return walk.drain().sort((a, b) => a.node.offset - b.node.offset);
}

export function isWithin(node: AstNode, ancestor: AstNode | undefined): boolean {
  for (let current: AstNode | undefined = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

function schemaWalker(oas2: boolean, refs: RefResolver, known: (node: AstNode) => boolean) {
  const seen = new Set<AstNode>();
  const pending: Array<[AstNode | undefined, SchemaOrigin]> = [];
  const schema = (node: AstNode | undefined, origin: SchemaOrigin = 'schema') => pending.push([node, origin]);
  const each = (map: AstNode | undefined, fn: (value: AstNode | undefined) => void) => {
    const obj = asObject(refs.resolve(map));
    if (obj) for (const p of obj.properties) fn(p.value);
  };
  const content = (node: AstNode | undefined) =>
    each(child(node, 'content'), (media) => {
      schema(child(refs.resolve(media), 'schema'));
      // Multipart parts can declare their own headers, with schemas of their own.
      each(child(refs.resolve(media), 'encoding'), (encoding) => each(child(refs.resolve(encoding), 'headers'), header));
    });
  const header = (node: AstNode | undefined) => {
    const h = refs.resolve(node);
    if (oas2) schema(h, 'oas2-header');
    else {
      schema(child(h, 'schema'));
      content(h);
    }
  };
  const parameter = (node: AstNode | undefined) => {
    const p = refs.resolve(node);
    if (oas2) {
      if (child(p, 'in') && (child(p, 'in') as { value?: unknown }).value === 'body') schema(child(p, 'schema'));
      else schema(p, 'oas2-parameter');
    } else {
      schema(child(p, 'schema'));
      content(p);
    }
  };
  const response = (node: AstNode | undefined) => {
    const r = refs.resolve(node);
    if (oas2) schema(child(r, 'schema'));
    else content(r);
    each(child(r, 'headers'), header);
  };
  const pathItems = new Set<AstNode>();
  const pathItem = (node: AstNode | undefined) => {
    const item = asObject(refs.resolve(node));
    if (!item || pathItems.has(item)) return;
    pathItems.add(item);
    asArray(child(item, 'parameters'))?.items.forEach(parameter);
    for (const method of HTTP_METHODS) {
      const op = asObject(refs.resolve(child(item, method)));
      if (!op) continue;
      asArray(child(op, 'parameters'))?.items.forEach(parameter);
      content(refs.resolve(child(op, 'requestBody')));
      each(child(op, 'responses'), response);
      each(child(op, 'callbacks'), (callback) => each(callback, pathItem));
    }
  };
  /** Visits everything queued so far; returns the schemas found now. */
  const drain = (): SchemaSite[] => {
    const sites: SchemaSite[] = [];
    while (pending.length) {
      const [raw, origin] = pending.pop()!;
      const node = asObject(refs.resolve(raw));
      if (!node || seen.has(node) || known(node)) continue;
      seen.add(node);
      sites.push({ node, origin });
      if (!node.properties.some((p) => SUBSCHEMA_HOLDERS.has(p.key))) continue;
      for (const keyword of SUBSCHEMA_KEYWORDS) {
        const sub = child(node, keyword);
        if (sub && sub.kind === 'object') schema(sub);
      }
      for (const keyword of SUBSCHEMA_MAP_KEYWORDS) {
        // `properties: {$ref: ...}` (a whole map by reference) is not standard, but bundlers inline it, so we follow it.
        const map = asObject(refs.resolve(child(node, keyword)));
        if (map) for (const p of map.properties) schema(p.value);
      }
      for (const keyword of SUBSCHEMA_LIST_KEYWORDS) {
        const list = asArray(child(node, keyword));
        if (list) for (const item of list.items) schema(item);
      }
    }
    return sites;
  };
  return { schema, each, content, header, parameter, response, pathItem, drain };
}
