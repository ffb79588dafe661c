import { stringValue, type AstNode, type ObjectNode, type PropertyNode } from '../ast';
import type { ParseProblem } from '../parse';
import { PairCache } from './pairCache';
import { RefResolver, refOf } from './refs';

/**
 * Where a document lives and what it may reference. The engine never touches the file system:
 * `fileExists` is the caller's, and it is only asked about files inside `roots`.
 */
export interface RefContext {
  /** The document's own URI (`file:///...`); absent for unsaved documents. */
  documentUri?: string;
  /** Folder URIs the document may reference into (workspace folders; the CLI's root). */
  roots?: readonly string[];
  fileExists?: (uri: string) => boolean;
}

export type RefProblemCode = 'unresolved-ref' | 'remote-ref' | 'ref-outside-workspace' | 'circular-ref';

export interface RefProblem extends ParseProblem {
  code: RefProblemCode;
}

/** Values of these keys are data, not OpenAPI structure: a `$ref` inside them is not a reference. */
const DATA_KEYS = new Set(['example', 'default', 'enum', 'const']);

/** One `$ref` as written: the object holding it, its value node and its text. */
export interface RefSite {
  node: ObjectNode;
  value: AstNode;
  target: string;
}

/**
 * Every `$ref` under `root` in document order (values of data keywords skipped: a `$ref` there is data).
 * It depends on the text alone, so a split spec's unchanged files can keep theirs from one lint to the next.
 * `shared`: nodes may sit in several places (YAML aliases, merge keys), so each is visited once; a tree
 * without them needs no set of 100,000 visited nodes.
 */
export function refSites(root: AstNode, shared = true): RefSite[] {
  const sites: RefSite[] = [];
  const seen = shared ? new Set<AstNode>() : undefined;
  const stack: AstNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen) {
      if (seen.has(node)) continue;
      seen.add(node);
    }
    if (node.kind === 'array') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
      continue;
    }
    if (node.kind !== 'object') continue;
    let ref: PropertyNode | undefined;
    const data = dataKeys(node);
    for (let i = node.properties.length - 1; i >= 0; i--) {
      const prop = node.properties[i];
      if (prop.key === '$ref' && !prop.inherited) ref = prop;
      if (prop.value && !data(prop.key)) stack.push(prop.value);
    }
    const target = stringValue(ref?.value);
    if (ref && ref.value && target !== undefined) sites.push({ node, value: ref.value, target });
  }
  return sites;
}

/**
 * Checks every `$ref` in the document without following anything outside it: local pointers
 * must land somewhere, remote URLs are named and never fetched, and file references must stay
 * inside the workspace and exist. Referenced files are not read. `sites` are `root`'s, when already known.
 */
export function referenceProblems(root: AstNode, context: RefContext = {}, following?: RefResolver, sites: readonly RefSite[] = refSites(root)): RefProblem[] {
  const resolver = following ?? new RefResolver(root);
  const problems: RefProblem[] = [];
  // A split spec repeats the same file references hundreds of times: where each one points is worked out once.
  const located = new Map<string, Location>();
  const site = siteOf(context);
  for (const { node, value, target } of sites) {
    const problem = checkRef(target, node, resolver, site, !!following, located);
    if (problem) problems.push({ ...problem, offset: value.offset, end: value.end, severity: problem.code === 'remote-ref' ? 'warning' : 'error' });
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

/** Which keys of `owner` hold data, worked out once per object rather than once per key (every object of the document is walked). */
function dataKeys(owner: ObjectNode): (key: string) => boolean {
  if (owner.key === 'properties' || owner.key === 'patternProperties') return () => false; // schema names, not keywords
  // `responses.default` is the default response (often a `$ref`), unless `responses` is a property's schema.
  const defaultResponse = owner.key === 'responses' && owner.parent?.key !== 'properties';
  // `examples.<name>.value` holds an example payload; `examples.<name>` itself may be a `$ref`.
  const examplePayload = owner.parent?.parent !== undefined && owner.parent.kind === 'object' && owner.parent.key === 'examples';
  return (key) => (key === 'value' && examplePayload) || (!(key === 'default' && defaultResponse) && (DATA_KEYS.has(key) || key.startsWith('x-')));
}

type Problem = { code: RefProblemCode; message: string };
/** Where a file reference points, from the document's location alone: a problem, this very file, or a file to read. */
type Location = { problem: Problem } | { sameFile: true; fragment: string } | { file: true; target: string };

/** The document's location and the workspace folders, parsed once per document rather than per reference. */
interface Site {
  context: RefContext;
  /** The document's path (decoded) and scheme, or undefined when its URI cannot be parsed. */
  own: { path: string; protocol: string } | undefined;
  /** Workspace folder paths (decoded), without a trailing slash. */
  roots: string[];
  /** The document and the folders, as one string (what a reference's place depends on besides itself). */
  key: string;
}

function siteOf(context: RefContext): Site {
  const parsed = (uri: string | undefined) => {
    try {
      const url = uri === undefined ? undefined : new URL(uri);
      return url && { path: decodeURIComponent(url.pathname), protocol: url.protocol };
    } catch {
      return undefined;
    }
  };
  const roots = (context.roots ?? []).flatMap((root) => parsed(root)?.path.replace(/\/+$/, '') ?? []);
  return { context, own: parsed(context.documentUri), roots, key: `${context.documentUri ?? ''}\u0000${roots.join('\u0000')}` };
}

function checkRef(ref: string, node: ObjectNode, resolver: RefResolver, site: Site, follows: boolean, located: Map<string, Location>): Problem | undefined {
  if (ref.startsWith('#')) return checkLocal(ref, node, resolver);
  let where = located.get(ref);
  if (!where) located.set(ref, (where = locate(ref, site, follows)));
  if ('problem' in where) return where.problem;
  if ('sameFile' in where) return where.fragment ? checkLocal(where.fragment, node, resolver) : undefined;
  if (follows && !resolver.lookup(ref, node)) {
    // Asked only now: the lookup has read every file that is there (a split spec's 1,500 files are not asked twice).
    return missingFile(ref, where.target, site) ?? { code: 'unresolved-ref', message: `\`${shorten(ref)}\` does not point to anything in that file (or the file cannot be parsed).` };
  }
  return undefined;
}

function locate(ref: string, site: Site, follows: boolean): Location {
  const where = placeOf(ref, site);
  if (!('target' in where)) return where;
  const missing = follows ? undefined : missingFile(ref, where.target, site);
  return missing ? { problem: missing } : { file: true, target: where.target };
}

function missingFile(ref: string, target: string, { context }: Site): Problem | undefined {
  return context.fileExists && !context.fileExists(target) ? { code: 'unresolved-ref', message: `\`${shorten(ref)}\`: no such file in the workspace.` } : undefined;
}

type Place = Exclude<Location, { file: true }> | { target: string };
/**
 * Where a file reference points, by the referencing file, the workspace folders and the reference: the same in every
 * lint, so a split spec's 10,000 references are not parsed as URLs again on each keystroke. Whether the file
 * exists is asked each time (the caller caches that).
 */
const places = new PairCache<Place>(100_000);

function placeOf(ref: string, site: Site): Place {
  return places.get(site.key, ref, () => computePlace(ref, site));
}

function computePlace(ref: string, { context, own, roots }: Site): Place {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^file:/i.test(ref)) {
    return { problem: { code: 'remote-ref', message: `Remote reference \`${shorten(ref)}\` is not fetched: openapi-security never opens network connections, so what it points to is not checked.` } };
  }
  if (!context.documentUri) return { problem: { code: 'unresolved-ref', message: `\`${shorten(ref)}\` is relative to a file location, and this document has not been saved yet.` } };
  let target: URL;
  try {
    target = new URL(ref, context.documentUri);
  } catch {
    return { problem: { code: 'unresolved-ref', message: `\`${shorten(ref)}\` is not a valid reference.` } };
  }
  const fragment = target.hash;
  target.hash = '';
  const targetPath = safeDecode(target.pathname);
  if (own && own.path === targetPath && own.protocol === target.protocol) return { sameFile: true, fragment: fragment ? decodeURIComponent(fragment) : '' };
  if (target.protocol !== 'file:' || targetPath === undefined || !roots.some((root) => targetPath.startsWith(`${root}/`))) {
    return { problem: { code: 'ref-outside-workspace', message: `\`${shorten(ref)}\` points outside the workspace folder; it is not read.` } };
  }
  return { target: target.href };
}

function checkLocal(ref: string, from: ObjectNode, resolver: RefResolver): { code: RefProblemCode; message: string } | undefined {
  // `#name` targets a 3.1 `$anchor`, not a JSON pointer: left alone.
  if (ref !== '#' && !ref.startsWith('#/')) return undefined;
  let target = resolver.lookup(ref, from);
  if (!target) return { code: 'unresolved-ref', message: `\`${shorten(ref)}\` does not point to anything in this document.` };
  // Follow a chain of plain local references; a chain that comes back on itself never reaches a definition.
  let visited: Set<AstNode> | undefined; // most targets are definitions, not references again
  for (let next = refOf(target); next !== undefined && next.startsWith('#/'); next = refOf(target)) {
    if (visited?.has(target)) return { code: 'circular-ref', message: `\`${shorten(ref)}\` leads into a cycle of references that never reaches a definition.` };
    (visited ??= new Set()).add(target);
    const following = resolver.lookup(next, target);
    if (!following) return undefined; // reported where that reference is written
    target = following;
  }
  return undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function shorten(ref: string): string {
  return ref.length > 80 ? `${ref.slice(0, 77)}...` : ref;
}
