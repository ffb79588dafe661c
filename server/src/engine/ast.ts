/**
 * The neutral syntax tree that both the YAML and the JSON parser produce, so that
 * everything after parsing (model, rules, fixes) is format-agnostic.
 *
 * Offsets are UTF-16 code unit indices into the document text, the unit LSP uses.
 * `parent`/`key` describe where a node was first written; a YAML alias shares the
 * anchored node, so a node is reachable from several places but has one home.
 */
export type AstNode = ObjectNode | ArrayNode | ScalarNode;
export type PathSegment = string | number;
export type ScalarValue = string | number | boolean | null;

interface NodeBase {
  /** Start of the node's own text (for YAML flow/quoted scalars: the opening quote). */
  offset: number;
  /** End (exclusive) of the node's own text, without trailing comments or blank lines. */
  end: number;
  parent: AstNode | undefined;
  /** Property name or array index under `parent`. */
  key: PathSegment | undefined;
}

export interface PropertyNode {
  key: string;
  keyOffset: number;
  keyEnd: number;
  value: AstNode | undefined;
  /** End of this property's text where it is written (an alias ends at `*name`, not at its target). */
  end: number;
  /** Copied in by a YAML merge key (`<<`): not written inside this object. */
  inherited?: boolean;
}

export interface ObjectNode extends NodeBase {
  kind: 'object';
  properties: PropertyNode[];
  /** YAML flow mapping `{...}` or JSON object: edits must use flow syntax. */
  flow: boolean;
  /** Lazily built index for large objects (paths with thousands of entries). */
  index?: Map<string, PropertyNode>;
}

export interface ArrayNode extends NodeBase {
  kind: 'array';
  items: AstNode[];
  flow: boolean;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block';

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: ScalarValue;
  style: ScalarStyle;
}

const INDEX_THRESHOLD = 12;

export function property(node: AstNode | undefined, key: string): PropertyNode | undefined {
  if (!node || node.kind !== 'object') return undefined;
  const props = node.properties;
  if (props.length > INDEX_THRESHOLD) {
    if (!node.index) {
      node.index = new Map();
      // Later duplicates win, as in JSON.parse.
      for (const p of props) node.index.set(p.key, p);
    }
    return node.index.get(key);
  }
  for (let i = props.length - 1; i >= 0; i--) if (props[i].key === key) return props[i];
  return undefined;
}

export function child(node: AstNode | undefined, key: string): AstNode | undefined {
  return property(node, key)?.value;
}

export function asObject(node: AstNode | undefined): ObjectNode | undefined {
  return node && node.kind === 'object' ? node : undefined;
}

export function asArray(node: AstNode | undefined): ArrayNode | undefined {
  return node && node.kind === 'array' ? node : undefined;
}

export function stringValue(node: AstNode | undefined): string | undefined {
  return node && node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** A scalar's value as text (YAML may type `3.0` or `200` as numbers; `3.0` reads back as `3.0`). */
export function scalarText(node: AstNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  if (typeof node.value === 'number' && Number.isInteger(node.value) && node.style === 'plain' && node.end - node.offset > String(node.value).length) {
    return node.value.toFixed(1);
  }
  return String(node.value);
}

export function pathOf(node: AstNode): PathSegment[] {
  const path: PathSegment[] = [];
  let current: AstNode | undefined = node;
  while (current && current.key !== undefined) {
    path.push(current.key);
    current = current.parent;
  }
  return path.reverse();
}

/** The property under which `node` sits in its parent object, if any. */
export function owningProperty(node: AstNode): PropertyNode | undefined {
  const parent = node.parent;
  if (!parent || parent.kind !== 'object' || typeof node.key !== 'string') return undefined;
  const prop = property(parent, node.key);
  return prop && prop.value === node ? prop : parent.properties.find((p) => p.value === node);
}

/** Plain JavaScript value of a subtree; shared (aliased) and cyclic nodes are cut. */
export function toPlain(node: AstNode | undefined, seen = new Set<AstNode>()): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (seen.has(node)) return undefined;
  seen.add(node);
  let result: unknown;
  if (node.kind === 'array') result = node.items.map((item) => toPlain(item, seen));
  else {
    const obj: Record<string, unknown> = {};
    // defineProperty: a `__proto__` key stays data and never reaches the prototype.
    for (const p of node.properties) Object.defineProperty(obj, p.key, { value: toPlain(p.value, seen), enumerable: true, writable: true, configurable: true });
    result = obj;
  }
  seen.delete(node);
  return result;
}

/** The node at a JSON path in the document as written ($refs not followed). */
export function nodeAtPath(root: AstNode | undefined, path: readonly PathSegment[]): AstNode | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.kind === 'object') node = child(node, String(segment));
    else if (node.kind === 'array') node = node.items[Number(segment)];
    else return undefined;
  }
  return node;
}
