/**
 * As-you-type linting of split specs: after an edit of one file, the path items that can reach that file (through
 * `$ref`s, file by file) and every file only they reach form the edited region. Rules that promise locality
 * (`Rule.incremental`) re-run on the region alone and keep their findings outside it; every other rule re-runs on
 * the whole spec, whose model keeps the operations of the other path items. The `$ref` walk always runs in full:
 * it loads the files in the order a full lint does, which decides each file's referencing site.
 *
 * Anything this cannot handle returns undefined and the caller lints in full; the equivalence tests compare both.
 */
import { asObject, child, pathOf, type AstNode, type PropertyNode } from '../ast';
import { fileRefSites, findingsByRule, finish, mainFile, referenceDiagnostics, runRules, type Analysis, type AnalyzeOptions, type EngineDiagnostic, type FileReuseState } from '../lint';
import type { OpenApiModel } from '../model/openApiModel';
import { fileUrl, pointerSegments, type RefResolver, type SourceFile } from '../model/refs';
import { referenceProblems } from '../model/refProblems';
import { CarriedModel, RegionView, type Region } from '../model/regionModel';
import type { ParsedDocument } from '../parse';
import type { Finding } from '../rule';
import { isSuppressed } from '../suppressions';
import { pathsContexts, sameContext, sameOptions } from './relint';

/** More path items than this reaching the edited file: the region is most of the spec, a full lint is as fast. */
const MAX_REGION_ENTRIES = 64;

/**
 * Why the last `reanalyzeFiles` fell back to a full lint, and whether it walked every `$ref` again (an edit of a
 * `$ref`) or carried the previous resolver over (tests and the benchmark report it).
 */
export const lastFileFallback: { reason: string | undefined; walked: boolean } = { reason: undefined, walked: false };

/** The analysis of the same root text with one other file changed, from `previous`; undefined when it cannot. */
export function reanalyzeFiles(previous: Analysis, options: AnalyzeOptions): Analysis | undefined {
  const stop = (reason: string) => ((lastFileFallback.reason = reason), undefined);
  const state = previous.fileReuse;
  const load = options.load;
  const { model: before, version, document } = previous;
  if (!state || !before || !version || !load || !sameOptions(state.options, options)) return stop('no reusable analysis');
  const changed = previous.files.filter((f) => load(f.uri) !== f.document);
  if (changed.length !== 1) return stop(changed.length ? 'more than one file changed' : 'no file changed');
  const edited = changed[0].uri;
  const editedNow = load(edited);
  if (!editedNow) return stop('the edited file cannot be read');

  const known = new Set(previous.files.map((f) => f.uri));
  const mainUri = options.refs?.documentUri;
  const sources = mainUri ? rootSources(document, before, mainUri) : undefined;
  if (!sources) return stop('a $ref points into paths');
  const graphBefore = fileGraph(previous.files);
  const graphAfter = new Map(graphBefore).set(edited, targetsOf({ uri: edited, document: editedNow }));
  if (graphAfter.get(edited)!.some((uri) => !known.has(uri)) || refersIntoPaths(editedNow)) return stop('the edit reaches other files');
  const reaching = entriesReaching(edited, sources, graphBefore);
  if (!reaching || !sameEntries(reaching, entriesReaching(edited, sources, graphAfter))) return stop('the edit changes which path items reach the file');
  if (reaching.length === 0 || reaching.length > MAX_REGION_ENTRIES) return stop('the file is reached from outside paths or from too many path items');
  const regionBefore: Region = { entries: reaching, files: regionFiles(reaching, sources, graphBefore, known) };
  const regionAfter: Region = { entries: reaching, files: regionFiles(reaching, sources, graphAfter, known) };
  // What the region reaches in shared files, the other path items must reach too: then nothing there depends on it.
  const docs = new Map(previous.files.map((f) => [f.uri, f.document]));
  const others = otherReach(state, document, sources, reaching, edited, docs);
  if (!reachesOnlyShared(reaching, sources, others, regionBefore, docs)) return stop('the edited path items reach parts of shared files no other path item does');
  docs.set(edited, editedNow);
  if (!reachesOnlyShared(reaching, sources, others, regionAfter, docs)) return stop('the edited path items reach parts of shared files no other path item does');

  const derived = derivedResolver(before, mainUri!, edited, changed[0].document, editedNow, graphAfter, sources);
  const model = new CarriedModel(before, document, before.root, mainFile(document, options), load, regionAfter, derived);
  let refProblems: EngineDiagnostic[];
  if (derived) {
    // Every `$ref` as it was: only the edited file's and those of files pointing into it can have changed.
    const recheck = new Set([edited, ...derived.referencing]);
    refProblems = previous.diagnostics.filter((d) => !d.finding && !recheck.has(d.uri ?? mainUri!));
    for (const uri of recheck) refProblems.push(...fileReferenceProblems(model, uri, options));
  } else {
    refProblems = referenceDiagnostics(model, options);
    const files = model.refs.loadedFiles();
    if (files.length !== known.size || files.some((f) => !known.has(f.uri))) return stop('the spec is made of other files now');
  }

  const overrides = options.overrides ?? {};
  const rules = options.rules.filter((rule) => overrides[rule.id] !== 'off' && rule.versions.includes(version));
  const viewBefore = new RegionView(before, regionBefore);
  const viewAfter = new RegionView(model, regionAfter);
  const contextsBefore = pathsContexts(rules, viewBefore);
  const contextsAfter = pathsContexts(rules, viewAfter);

  const all: Finding[] = [];
  const kept = new Set<Finding>();
  let failed = false;
  const onFailure = () => (failed = true);
  for (const rule of rules) {
    if (rule.incremental?.scope === 'path-item' && sameContext(contextsBefore.get(rule), contextsAfter.get(rule))) {
      for (const finding of state.byRule.get(rule) ?? []) {
        if (wasInRegion(finding, regionBefore)) continue;
        kept.add(finding);
        all.push(finding);
      }
      all.push(...runRules(viewAfter, [rule], overrides, onFailure).filter((f) => viewAfter.contains(f.node)));
    } else {
      all.push(...runRules(model, [rule], overrides, onFailure));
    }
  }
  if (failed) return stop('a rule failed');

  const wasSuppressed = new Set(previous.suppressed);
  const suppressed = new Set<Finding>();
  for (const finding of all) {
    if (!kept.has(finding)) {
      const file = model.refs.fileOf(finding.node);
      if (file) finding.file = file;
    }
    if (kept.has(finding) ? wasSuppressed.has(finding) : isSuppressed(finding.file?.document ?? document, finding)) suppressed.add(finding);
  }
  // A kept finding's diagnostic holds while its file was reached through the same `$ref` (its related information).
  const diagnosticOf = new Map<Finding, EngineDiagnostic>();
  for (const d of previous.diagnostics) if (d.finding && kept.has(d.finding)) diagnosticOf.set(d.finding, d);
  const stillTrue = (finding: Finding) => {
    const d = diagnosticOf.get(finding);
    return d && (!finding.file || model.refs.referrerOf(finding.node) === before.refs.referrerOf(finding.node)) ? d : undefined;
  };
  const analysis = finish(document, version, model, all, refProblems, suppressed, stillTrue);
  analysis.fileReuse = { options, byRule: findingsByRule(all), othersReach: state.othersReach };
  analysis.incremental = true;
  lastFileFallback.reason = undefined;
  lastFileFallback.walked = !derived;
  return analysis;
}

/**
 * The previous model's resolver with the edited file's new document, when the edit kept every `$ref` of the file as
 * it was (then files are reached in the same order, from the same `$ref`s); undefined otherwise (the `$ref` walk runs
 * again). `referencing`: the files (and the root) with a `$ref` to the edited file, whose targets may have moved.
 */
function derivedResolver(before: OpenApiModel, mainUri: string, edited: string, oldDocument: ParsedDocument, newDocument: ParsedDocument, graph: ReadonlyMap<string, string[]>, sources: RootSources): (RefResolver & { referencing: Set<string> }) | undefined {
  const oldSites = fileRefSites(oldDocument);
  const newSites = fileRefSites(newDocument);
  if (oldSites.length !== newSites.length || oldSites.some((site, i) => site.target !== newSites[i].target)) return undefined;
  const moved = new Map<AstNode, AstNode>(oldSites.map((site, i) => [site.node, newSites[i].node]));
  const referencing = new Set<string>();
  for (const [uri, targets] of graph) if (targets.includes(edited)) referencing.add(uri);
  if (sources.outside.includes(edited) || [...sources.byEntry.values()].some((targets) => targets.includes(edited))) referencing.add(mainUri);
  const derived = before.refs.derive(edited, newDocument, referencing, (site) => moved.get(site));
  return derived && Object.assign(derived, { referencing });
}

/** The `$ref` problems of one file of the spec (the root when `uri` is its own). */
function fileReferenceProblems(model: OpenApiModel, uri: string, options: AnalyzeOptions): EngineDiagnostic[] {
  if (uri === options.refs?.documentUri) {
    return referenceProblems(model.root, options.refs, model.refs, fileRefSites(model.document)).map((p) => ({ ...p, range: model.document.lines.range(p.offset, p.end), path: [] }));
  }
  const file = model.refs.loadedFiles().find((f) => f.uri === uri);
  if (!file?.document.root) return [];
  return referenceProblems(file.document.root, { ...options.refs, documentUri: uri }, model.refs, fileRefSites(file.document)).map((p) => ({
    ...p,
    range: file.document.lines.range(p.offset, p.end),
    path: [],
    uri,
  }));
}

/** A finding of the previous analysis inside the region as it was: in one of its files, or inside one of its path items. */
function wasInRegion(finding: Finding, region: Region): boolean {
  if (finding.file) return region.files.has(finding.file.uri);
  return region.entries.some((entry) => entry.value !== undefined && isInside(finding.node, entry.value));
}

function isInside(node: AstNode, ancestor: AstNode): boolean {
  for (let current: AstNode | undefined = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** Where the root's `$ref`s lead, by the path item they are written in (`outside`: everything not under `paths`). */
interface RootSources {
  byEntry: Map<PropertyNode, string[]>;
  outside: string[];
  /** The same, as the exact places they point to. */
  pointsByEntry: Map<PropertyNode, Place[]>;
  outsidePoints: Place[];
}

const rootSourcesOf = new WeakMap<ParsedDocument, { uri: string; sources: RootSources | null }>();

/** Undefined when some `$ref` of the root points into `paths`: a path item's content would show up elsewhere. */
function rootSources(document: ParsedDocument, model: OpenApiModel, uri: string): RootSources | undefined {
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
    if (place) {
      if (!entry) outsidePoints.push(place);
      else pointsByEntry.set(entry, [...(pointsByEntry.get(entry) ?? []), place]);
    }
    const target = fileTarget(site.target, base);
    if (!target) continue;
    if (!entry) outside.push(target);
    else byEntry.set(entry, [...(byEntry.get(entry) ?? []), target]);
  }
  return { byEntry, outside, pointsByEntry, outsidePoints };
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
class Reach {
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
function otherReach(state: FileReuseState, document: ParsedDocument, sources: RootSources, reaching: readonly PropertyNode[], edited: string, docs: ReadonlyMap<string, ParsedDocument>): Reach {
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
function reachesOnlyShared(reaching: readonly PropertyNode[], sources: RootSources, others: Reach, region: Region, docs: ReadonlyMap<string, ParsedDocument>): boolean {
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
  const href = fileUrl(hash < 0 ? ref : ref.slice(0, hash), base);
  return href?.split('#')[0];
}

const targetsByDocument = new WeakMap<ParsedDocument, string[]>();

/** The files a file's `$ref`s name, once per parsed file (an unchanged file is the same document on every lint). */
function targetsOf(file: SourceFile): string[] {
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

function refersIntoPaths(document: ParsedDocument): boolean {
  let known = intoPaths.get(document);
  if (known === undefined) intoPaths.set(document, (known = fileRefSites(document).some((site) => site.target.includes('#/paths'))));
  return known;
}

function fileGraph(files: readonly SourceFile[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    if (refersIntoPaths(file.document)) graph.set(file.uri, ['\u0000into-paths']);
    else graph.set(file.uri, targetsOf(file));
  }
  return graph;
}

/** The path items whose `$ref`s lead (file by file) to `file`; undefined when something outside `paths` does. */
function entriesReaching(file: string, sources: RootSources, graph: ReadonlyMap<string, string[]>): PropertyNode[] | undefined {
  const reverse = new Map<string, string[]>();
  for (const [from, targets] of graph) {
    for (const target of targets) {
      if (target === '\u0000into-paths') return undefined;
      const list = reverse.get(target);
      if (list) list.push(from);
      else reverse.set(target, [from]);
    }
  }
  const reaching = new Set([file]);
  const queue = [file];
  while (queue.length) for (const from of reverse.get(queue.pop()!) ?? []) if (!reaching.has(from)) (reaching.add(from), queue.push(from));
  if (sources.outside.some((target) => reaching.has(target))) return undefined;
  return [...sources.byEntry].filter(([, targets]) => targets.some((target) => reaching.has(target))).map(([entry]) => entry);
}

/** The files only `entries` reach: every loaded file that no other path item and nothing outside `paths` reaches. */
function regionFiles(entries: readonly PropertyNode[], sources: RootSources, graph: ReadonlyMap<string, string[]>, loaded: ReadonlySet<string>): Set<string> {
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

function sameEntries(a: readonly PropertyNode[], b: readonly PropertyNode[] | undefined): boolean {
  return !!b && a.length === b.length && a.every((entry, i) => entry === b[i]);
}
