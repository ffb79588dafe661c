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
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Every schema object of the document, each once, at its definition: a schema referenced
 * from a hundred operations is visited (and reported) once. Iterative, so depth is no risk.
 */
export function collectSchemas(root: ObjectNode, oas2: boolean, refs: RefResolver): SchemaSite[] {
  const sites: SchemaSite[] = [];
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

  if (oas2) {
    each(child(root, 'definitions'), (s) => schema(s));
    each(child(root, 'parameters'), parameter);
    each(child(root, 'responses'), response);
  } else {
    const components = child(root, 'components');
    each(child(components, 'schemas'), (s) => schema(s));
    each(child(components, 'parameters'), parameter);
    each(child(components, 'requestBodies'), (body) => content(refs.resolve(body)));
    each(child(components, 'responses'), response);
    each(child(components, 'headers'), header);
    each(child(components, 'pathItems'), pathItem);
    each(child(components, 'callbacks'), (callback) => each(callback, pathItem));
    each(child(root, 'webhooks'), pathItem);
  }
  each(child(root, 'paths'), pathItem);

  while (pending.length) {
    const [raw, origin] = pending.pop()!;
    const node = asObject(refs.resolve(raw));
    if (!node || seen.has(node)) continue;
    seen.add(node);
    sites.push({ node, origin });
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
  // Document order makes findings (and tests) stable.
  return sites.sort((a, b) => a.node.offset - b.node.offset);
}
