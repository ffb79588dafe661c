/**
 * As-you-type linting of split specs: after an edit of one file, the path items that can reach that file (through
 * `$ref`s, file by file) and every file only they reach form the edited region. Rules that promise locality
 * (`Rule.incremental`) re-run on the region alone and keep their findings outside it; every other rule re-runs on
 * the whole spec, whose model keeps the operations of the other path items. An edit that keeps the file's `$ref`s
 * keeps the previous resolver (files reached in the same order, from the same `$ref`s); otherwise every `$ref` is
 * walked again, as a full lint does, which decides each file's referencing site.
 *
 * Anything this cannot handle returns undefined and the caller lints in full; the equivalence tests compare both.
 */
import type { AstNode } from '../ast';
import { diagnosticOf, fileReferenceDiagnostics, fileRefSites, finish, mainFile, referenceDiagnostics, runRules, type Analysis, type AnalyzeOptions, type EngineDiagnostic } from '../lint';
import type { OpenApiModel } from '../model/openApiModel';
import type { RefResolver } from '../model/refs';
import { referenceProblems } from '../model/refProblems';
import { CarriedModel, inRegion, RegionView, type Region } from '../model/regionModel';
import type { ParsedDocument } from '../parse';
import type { Finding, Rule } from '../rule';
import { isSuppressed } from '../suppressions';
import { entriesReaching, fileGraph, otherReach, reachesOnlyShared, refersIntoPaths, regionFiles, rootSources, sameEntries, targetsOf, type RootSources } from './fileReach';
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
  if (!sources || previous.files.some((f) => refersIntoPaths(f.document))) return stop('a $ref points into paths');
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
  const byRule = new Map<Rule, Finding[]>();
  const wasSuppressed = previous.suppressed.length ? new Set(previous.suppressed) : undefined;
  const suppressed = new Set<Finding>();
  let failed = false;
  const onFailure = () => (failed = true);
  for (const rule of rules) {
    const found: Finding[] = [];
    const fresh: Finding[] = [];
    if (rule.incremental?.scope === 'path-item' && sameContext(contextsBefore.get(rule), contextsAfter.get(rule))) {
      for (const finding of state.byRule.get(rule) ?? []) {
        if (inRegion(before, regionBefore, finding.node)) continue;
        if (wasSuppressed?.has(finding)) suppressed.add(finding);
        found.push(finding);
      }
      for (const finding of runRules(viewAfter, [rule], overrides, onFailure)) if (viewAfter.contains(finding.node)) fresh.push(finding);
    } else {
      fresh.push(...runRules(model, [rule], overrides, onFailure));
    }
    for (const finding of fresh) {
      const file = model.refs.fileOf(finding.node);
      if (file) finding.file = file;
      if (isSuppressed(finding.file?.document ?? document, finding)) suppressed.add(finding);
      found.push(finding);
    }
    if (found.length === 0) continue;
    byRule.set(rule, found);
    for (const finding of found) all.push(finding);
  }
  if (failed) return stop('a rule failed');

  // A kept finding's diagnostic holds while its file was reached through the same `$ref` (its related information);
  // a finding found again has none yet.
  const stillTrue = (finding: Finding) => {
    const d = diagnosticOf(finding);
    return d && (!finding.file || model.refs.referrerOf(finding.node) === before.refs.referrerOf(finding.node)) ? d : undefined;
  };
  const analysis = finish(document, version, model, all, refProblems, suppressed, stillTrue);
  analysis.fileReuse = { options, byRule, othersReach: state.othersReach };
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
  return file ? fileReferenceDiagnostics(model, file, options.refs) : [];
}
