/**
 * Which parts of a split spec an edit of one file can reach (engine/incremental/files): the files each path item of
 * the root reaches through `$ref`s, file by file, and the exact places (a file and a JSON pointer) reached, for the
 * check that a region reaches nothing in shared files that only it reaches. Computed from per-file caches: an
 * unchanged file is the same parsed document on every lint.
 */
import { asObject, child, pathOf, type AstNode, type PropertyNode } from '../ast';
import { fileRefSites, type FileReuseState } from '../lint';
import type { OpenApiModel } from '../model/openApiModel';
import { fileUrl, pointerSegments, type SourceFile } from '../model/refs';
import type { Region } from '../model/regionModel';
import type { ParsedDocument } from '../parse';

/** Where the root's `$ref`s lead, by the path item they are written in (`outside`: everything not under `paths`). */
export interface RootSources {
  byEntry: Map<PropertyNode, string[]>;
  outside: string[];
  /** The same, as the exact places they point to. */
  pointsByEntry: Map<PropertyNode, Place[]>;
  outsidePoints: Place[];
}

const rootSourcesOf = new WeakMap<ParsedDocument, { uri: string; sources: RootSources | null }>();

/** Undefined when some `$ref` of the root points into `paths`: a path item's content would show up elsewhere. */
export function rootSources(document: ParsedDocument, model: OpenApiModel, uri: string): RootSources | undefined {
  let known = rootSourcesOf.get(document);
  if (known?.uri !== uri) rootSourcesOf.set(document, (known = { uri, sources: computeRootSources(document, model, uri) }));
  return known.sources ?? undefined;
}

function computeRootSources(document: ParsedDocument, model: OpenApiModel, base: string): RootSources | null {
  if (refersIntoPaths(document)) return null;
  const paths = asObject(child(model.root, 'paths'));
  const entryOf = new Map<AstNode, PropertyNode>();
  for (const entry of paths?.properties ?? []) if (entry.value) entryOf.set(entry.value, entry);
  const byEntry = new Map<PropertyNode, string[]>();
  const outside: string[] = [];
  const pointsByEntry = new Map<PropertyNode, Place[]>();
  const outsidePoints: Place[] = [];
  for (const site of fileRefSites(document)) {
    let node: AstNode | undefined = site.node;
    while (node && node.parent !== paths) node = node.parent;
    const entry = node && entryOf.get(node);
    const place = placeOf(site.target, base);
    if (place) (entry ? listIn(pointsByEntry, entry) : outsidePoints).push(place);
    const target = fileTarget(site.target, base);
    if (target) (entry ? listIn(byEntry, entry) : outside).push(target);
  }
  return { byEntry, outside, pointsByEntry, outsidePoints };
}

function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/**
 * A place a `$ref` points to: a file and a pointer into it (segments joined by NUL; empty: the whole file). What
 * lies under it is reached, and so is whatever its own `$ref`s point to.
 */
interface Place {
  uri: string;
  pointer: string;
}

const SEP = '\u0000';

function placeOf(ref: string, base: string): Place | undefined {
  const hash = ref.indexOf('#');
  const uri = hash === 0 ? base : fileTarget(ref, base);
  if (!uri) return undefined;
  const segments = hash < 0 ? [] : pointerSegments(ref.slice(hash) === '#' ? '#' : ref.slice(hash));
  return segments ? { uri, pointer: segments.join(SEP) } : undefined;
}

/** A file's `$ref`s as places, each with where it is written (its own pointer): once per parsed file. */
const linksByDocument = new WeakMap<ParsedDocument, Array<{ at: string; to: Place }>>();

function linksOf(uri: string, document: ParsedDocument): Array<{ at: string; to: Place }> {
  let links = linksByDocument.get(document);
  if (!links) {
    links = [];
    for (const site of fileRefSites(document)) {
      const to = placeOf(site.target, uri);
      if (to) links.push({ at: pathOf(site.node).map(String).join(SEP), to });
    }
    linksByDocument.set(document, links);
  }
  return links;
}

function isUnder(pointer: string, place: string): boolean {
  return place === '' || pointer === place || pointer.startsWith(place + SEP);
}

/** Places reached, by file: a place is covered when it or a place containing it was reached. */
export class Reach {
  readonly byFile = new Map<string, Set<string>>();

  covers(place: Place): boolean {
    const reached = this.byFile.get(place.uri);
    if (!reached) return false;
    if (reached.has('')) return true;
    let prefix = '';
    for (const segment of place.pointer.split(SEP)) {
      prefix = prefix ? prefix + SEP + segment : segment;
      if (reached.has(prefix)) return true;
    }
    return false;
  }

  add(place: Place): void {
    let reached = this.byFile.get(place.uri);
    if (!reached) this.byFile.set(place.uri, (reached = new Set()));
    reached.add(place.pointer);
  }
}

/**
 * Everything the other path items and the rest of the root reach, place by place. It does not depend on the edited
 * file (no other path item reaches it), so it is kept for the next edit of the same file.
 */
export function otherReach(state: FileReuseState, document: ParsedDocument, sources: RootSources, reaching: readonly PropertyNode[], edited: string, docs: ReadonlyMap<string, ParsedDocument>): Reach {
  const key = `${edited}${SEP}${reaching.map((e) => e.keyOffset).join(',')}`;
  if (state.othersReach?.key === key && state.othersReach.document === document) return state.othersReach.reach as Reach;
  const mine = new Set(reaching);
  const reach = new Reach();
  const queue = [...sources.outsidePoints, ...[...sources.pointsByEntry].flatMap(([entry, places]) => (mine.has(entry) ? [] : places))];
  while (queue.length) {
    const place = queue.pop()!;
    const file = docs.get(place.uri);
    if (!file || reach.covers(place)) continue;
    reach.add(place);
    for (const link of linksOf(place.uri, file)) if (isUnder(link.at, place.pointer)) queue.push(link.to);
  }
  state.othersReach = { key, document, reach };
  return reach;
}

/** Whether every place the region's path items reach outside the region's files is reached by the others too. */
export function reachesOnlyShared(reaching: readonly PropertyNode[], sources: RootSources, others: Reach, region: Region, docs: ReadonlyMap<string, ParsedDocument>): boolean {
  const seen = new Reach();
  const queue = reaching.flatMap((entry) => sources.pointsByEntry.get(entry) ?? []);
  while (queue.length) {
    const place = queue.pop()!;
    const file = docs.get(place.uri);
    if (!file || seen.covers(place)) continue; // the root (not under `paths`: checked before) or not a file of the spec
    if (!region.files.has(place.uri)) {
      if (others.covers(place)) continue;
      return false;
    }
    seen.add(place);
    for (const link of linksOf(place.uri, file)) if (isUnder(link.at, place.pointer)) queue.push(link.to);
  }
  return true;
}

/** The file a `$ref` names (without its fragment), or undefined for a local pointer or something that is not a URL. */
function fileTarget(ref: string, base: string): string | undefined {
  if (ref.startsWith('#')) return undefined;
  const hash = ref.indexOf('#');
  return fileUrl(hash < 0 ? ref : ref.slice(0, hash), base);
}

const targetsByDocument = new WeakMap<ParsedDocument, string[]>();

/** The files a file's `$ref`s name, once per parsed file (an unchanged file is the same document on every lint). */
export function targetsOf(file: SourceFile): string[] {
  let targets = targetsByDocument.get(file.document);
  if (!targets) {
    const found = new Set<string>();
    for (const site of fileRefSites(file.document)) {
      const target = fileTarget(site.target, file.uri);
      if (target) found.add(target);
    }
    targetsByDocument.set(file.document, (targets = [...found]));
  }
  return targets;
}

const intoPaths = new WeakMap<ParsedDocument, boolean>();

export function refersIntoPaths(document: ParsedDocument): boolean {
  let known = intoPaths.get(document);
  if (known === undefined) intoPaths.set(document, (known = fileRefSites(document).some((site) => site.target.includes('#/paths'))));
  return known;
}

/** Each file's targets, by file. */
export function fileGraph(files: readonly SourceFile[]): Map<string, string[]> {
  return new Map(files.map((file) => [file.uri, targetsOf(file)]));
}

/** The path items whose `$ref`s lead (file by file) to `file`; undefined when something outside `paths` does. */
export function entriesReaching(file: string, sources: RootSources, graph: ReadonlyMap<string, string[]>): PropertyNode[] | undefined {
  const reverse = new Map<string, string[]>();
  for (const [from, targets] of graph) for (const target of targets) listIn(reverse, target).push(from);
  const reaching = new Set([file]);
  const queue = [file];
  while (queue.length) for (const from of reverse.get(queue.pop()!) ?? []) if (!reaching.has(from)) (reaching.add(from), queue.push(from));
  if (sources.outside.some((target) => reaching.has(target))) return undefined;
  return [...sources.byEntry].filter(([, targets]) => targets.some((target) => reaching.has(target))).map(([entry]) => entry);
}

/** The files only `entries` reach: every loaded file that no other path item and nothing outside `paths` reaches. */
export function regionFiles(entries: readonly PropertyNode[], sources: RootSources, graph: ReadonlyMap<string, string[]>, loaded: ReadonlySet<string>): Set<string> {
  const mine = new Set(entries);
  const shared = new Set<string>();
  const queue = [...sources.outside, ...[...sources.byEntry].flatMap(([entry, targets]) => (mine.has(entry) ? [] : targets))];
  while (queue.length) {
    const uri = queue.pop()!;
    if (shared.has(uri)) continue;
    shared.add(uri);
    queue.push(...(graph.get(uri) ?? []));
  }
  return new Set([...loaded].filter((uri) => !shared.has(uri)));
}

export function sameEntries(a: readonly PropertyNode[], b: readonly PropertyNode[] | undefined): boolean {
  return !!b && a.length === b.length && a.every((entry, i) => entry === b[i]);
}
