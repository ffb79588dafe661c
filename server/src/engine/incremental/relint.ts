/**
 * As-you-type linting of big specs: after an edit inside one path item, only that item is re-parsed,
 * rules that promise locality (`Rule.incremental`) re-run on it alone, and their findings elsewhere are
 * kept (moved with the text). Every other rule re-runs on the whole document, with the model rebuilt
 * from the previous one. The result must equal a full lint; the equivalence tests check exactly that.
 *
 * Anything this cannot handle returns undefined and the caller lints in full. Once `applyPathItemEdit`
 * has run, the previous analysis's tree belongs to the new text: the previous analysis must not be used again.
 */
import { asObject, child, type AstNode, type PropertyNode } from '../ast';
import { diagnosticOf, finish, reusableState, runRules, type Analysis, type AnalyzeOptions, type EngineDiagnostic } from '../lint';
import type { OpenApiModel } from '../model/openApiModel';
import { deriveModel, PathItemView } from '../model/pathItemModel';
import { referenceProblems } from '../model/refProblems';
import { HTTP_METHODS, isWithin } from '../model/schemas';
import type { Position } from '../lineIndex';
import type { Finding, IncrementalScope, Rule } from '../rule';
import { isSuppressed } from '../suppressions';
import { applyPathItemEdit, planPathItemEdit, type PathItemChange } from './reparse';

/** The analysis of `text`, from `previous` (the analysis of the text before one edit), or undefined. */
export function reanalyze(previous: Analysis, text: string, options: AnalyzeOptions): Analysis | undefined {
  const state = previous.reuse;
  const stop = (reason: string) => ((lastFallback.reason = reason), undefined);
  if (!state || state.spent || !previous.model || !previous.version || !sameOptions(state.options, options)) return stop('no reusable analysis');
  // A `$ref` into `paths` would let one path item's content show up elsewhere.
  if (state.refsIntoPaths) return stop('a $ref points into paths');
  const plan = planPathItemEdit(previous.document, text);
  if (!plan) return stop('not an edit inside one path item');
  if (text.slice(Math.max(0, plan.span.start - REFS_INTO_PATHS.length), plan.span.newEnd + REFS_INTO_PATHS.length).includes(REFS_INTO_PATHS)) return stop('a $ref points into paths');
  const before = plan.paths.properties[plan.index];
  const bringsNothing = (ref: string) => refLoadsNothing(ref, previous, options);
  if (!isPlainPathItem(before, bringsNothing) || !isPlainPathItem(plan.newProp, bringsNothing)) return stop('path item with $ref or extension');
  const overrides = options.overrides ?? {};
  const rules = options.rules.filter((rule) => overrides[rule.id] !== 'off' && rule.versions.includes(previous.version!));
  // What the edited item gave the rest of the document, read before the tree changes.
  const contextsBefore = pathsContexts(rules, new PathItemView(previous.model, before));

  state.spent = true;
  // Read before the edit is applied: the previous line index becomes the new one.
  const linesBefore = previous.document.lines.lineCount;
  const { document, change } = applyPathItemEdit(plan);
  const derived = deriveModel(previous.model, document, change);
  if (!derived) return stop('schemas reached outside the path item');
  const { model, local } = derived;
  const contextsAfter = pathsContexts(rules, local);

  // A kept finding's suppression can only change on the first line after the edited block (the comment above it is in it).
  const boundary = [document.lines.lineStartOf(change.newEnd), document.lines.nextLineStart(change.newEnd)];
  const wasSuppressed = previous.suppressed.length ? new Set(previous.suppressed) : undefined;
  const suppressed = new Set<Finding>();
  const checked = (fresh: Finding[]) => {
    for (const finding of fresh) if (isSuppressed(document, finding)) suppressed.add(finding);
    return fresh;
  };
  const all: Finding[] = [];
  const byRule = new Map<Rule, Finding[]>();
  let failed = false;
  const onFailure = () => (failed = true);
  for (const rule of rules) {
    const reusable = rule.incremental?.scope === 'path-item' && sameContext(contextsBefore.get(rule), contextsAfter.get(rule)) && keptFindings(state.byRule.get(rule) ?? [], change);
    let found: Finding[];
    if (reusable) {
      for (const finding of reusable) {
        const recheck = finding.offset >= boundary[0] && finding.offset < boundary[1];
        if (recheck ? isSuppressed(document, finding) : wasSuppressed?.has(finding)) suppressed.add(finding);
      }
      found = reusable.concat(checked(runRules(local, [rule], overrides, onFailure).filter((f) => isWithin(f.node, change.newProp.value!))));
    } else {
      found = checked(runRules(model, [rule], overrides, onFailure));
    }
    if (found.length === 0) continue;
    byRule.set(rule, found);
    for (const finding of found) all.push(finding);
  }
  if (failed) return stop('a rule failed');

  const refProblems = [
    ...state.refProblems.filter((d) => d.offset < change.start || d.offset >= change.oldEnd).map((d) => movedDiagnostic(d, change, document)),
    ...itemRefProblems(change.newProp, options, model, document),
  ].sort((a, b) => a.offset - b.offset);
  const analysis = finish(document, model.version, model, all, refProblems, suppressed, movedDiagnostics(linesBefore, change, document));
  analysis.reuse = reusableState(options, byRule, refProblems, false);
  analysis.incremental = true;
  lastFallback.reason = undefined;
  return analysis;
}

const REFS_INTO_PATHS = '#/paths';

/** Why the last `reanalyze` fell back to a full lint (tests and the benchmark report it). */
export const lastFallback: { reason: string | undefined } = { reason: undefined };

/** Each rule's `pathsContext` for one path item; a context that throws counts as unknown (the rule re-runs in full). */
export function pathsContexts(rules: readonly Rule[], view: OpenApiModel): Map<Rule, readonly unknown[] | undefined> {
  const contexts = new Map<Rule, readonly unknown[] | undefined>();
  // Ten rules share `pathItemStructure`: one walk of the item for all of them.
  const byFunction = new Map<NonNullable<IncrementalScope['pathsContext']>, readonly unknown[] | undefined>();
  for (const rule of rules) {
    const context = rule.incremental?.pathsContext;
    if (!context) continue;
    if (!byFunction.has(context)) {
      try {
        byFunction.set(context, context(view));
      } catch {
        byFunction.set(context, undefined);
      }
    }
    contexts.set(rule, byFunction.get(context));
  }
  return contexts;
}

export function sameContext(before: readonly unknown[] | undefined, after: readonly unknown[] | undefined): boolean {
  if (before === undefined && after === undefined) return true;
  return !!before && !!after && sameElements(before, after);
}

/**
 * The previous findings of a local rule outside the edited item, moved with the text (in place: the previous
 * analysis is spent); undefined when the rule must re-run on the whole document because a finding spans the edit.
 */
function keptFindings(previous: readonly Finding[], change: PathItemChange): Finding[] | undefined {
  const kept: Finding[] = [];
  for (const finding of previous) {
    const inside = finding.offset >= change.start && finding.offset < change.oldEnd;
    if (inside ? !change.oldProp.value || !isWithin(finding.node, change.oldProp.value) : finding.offset < change.start && finding.end > change.start) return undefined;
    if (!inside) kept.push(finding);
  }
  for (const finding of kept) {
    if (finding.offset >= change.oldEnd) finding.offset += change.delta;
    if (finding.end >= change.oldEnd) finding.end += change.delta;
  }
  return kept;
}

function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** `$ref` problems inside the edited item (the rest cannot point into it: no `#/paths` references). */
function itemRefProblems(prop: PropertyNode, options: AnalyzeOptions, model: NonNullable<Analysis['model']>, document: Analysis['document']): EngineDiagnostic[] {
  if (!prop.value) return [];
  return referenceProblems(prop.value, options.refs, options.load && model.refs).map((problem) => ({ ...problem, range: document.lines.range(problem.offset, problem.end), path: [] }));
}

/**
 * The previous diagnostics of kept findings, updated in place (the previous analysis is spent): those after the
 * edit move by its length and line count; a position on the line where the edited block ends is computed again.
 * A finding found again has no diagnostic yet; a kept one has the one the previous analysis made for it.
 */
function movedDiagnostics(linesBefore: number, change: PathItemChange, document: Analysis['document']): (finding: Finding) => EngineDiagnostic | undefined {
  const lineDelta = document.lines.lineCount - linesBefore;
  const freshLines = document.lines.lineStartOf(change.newEnd) === change.newEnd ? change.newEnd : document.lines.nextLineStart(change.newEnd);
  const move = (offset: number, position: Position): Position =>
    offset >= freshLines ? { line: position.line + lineDelta, character: position.character } : document.lines.positionAt(offset);
  return (finding) => {
    const d = diagnosticOf(finding);
    if (!d) return undefined;
    // `d` still has the previous offsets; the finding has the moved ones.
    const startMoves = d.offset >= change.oldEnd;
    const endMoves = d.end >= change.oldEnd;
    if (startMoves || endMoves) {
      d.range = { start: startMoves ? move(finding.offset, d.range.start) : d.range.start, end: endMoves ? move(finding.end, d.range.end) : d.range.end };
      d.offset = finding.offset;
      d.end = finding.end;
    }
    return d;
  };
}

function movedDiagnostic(d: EngineDiagnostic, change: PathItemChange, document: Analysis['document']): EngineDiagnostic {
  if (d.offset < change.oldEnd) return d;
  const offset = d.offset + change.delta;
  const end = d.end + change.delta;
  return { ...d, offset, end, range: document.lines.range(offset, end) };
}

/**
 * An item whose content is all written inside it: no `$ref` for the item or an operation and no `$ref` to
 * another file, unless that `$ref` loads nothing (`bringsNothing`: it stays an unresolved `$ref`, as in a spec
 * opened outside any workspace folder); not an extension.
 */
function isPlainPathItem(prop: PropertyNode, bringsNothing: (ref: string) => boolean): boolean {
  const item = prop.value;
  const external = (ref: AstNode | undefined) => ref?.kind === 'scalar' && typeof ref.value === 'string' && !ref.value.startsWith('#');
  const brings = (ref: AstNode | undefined) => !!ref && !(external(ref) && bringsNothing((ref as { value: string }).value));
  if (prop.key.startsWith('x-') || (item && item.kind === 'object' && brings(child(item, '$ref')))) return false;
  for (const method of HTTP_METHODS) if (child(asObject(item), method) && brings(child(child(item, method), '$ref'))) return false;
  const stack: AstNode[] = item ? [item] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind === 'object') {
      for (const p of node.properties) {
        if (p.key === '$ref' && external(p.value) && brings(p.value)) return false;
        if (p.value) stack.push(p.value);
      }
    } else if (node.kind === 'array') stack.push(...node.items);
  }
  return true;
}

/**
 * A `$ref` to another file that the full lint could not follow either: no loader, no saved document to be
 * relative to, a remote URL, or a file the loader does not give (outside the workspace, missing). Only when the
 * previous analysis followed no file at all (otherwise a full lint).
 */
function refLoadsNothing(ref: string, previous: Analysis, options: AnalyzeOptions): boolean {
  if (previous.files.length > 0) return false;
  const base = options.refs?.documentUri;
  if (!options.load || !base) return true;
  let target: URL;
  try {
    target = new URL(ref, base);
  } catch {
    return true;
  }
  target.hash = '';
  if (target.protocol !== 'file:') return true; // never fetched
  if (target.href === new URL(base).href) return false; // this very file, by name
  return options.load(target.href) === undefined;
}

export function sameOptions(a: AnalyzeOptions, b: AnalyzeOptions): boolean {
  return (
    a.format === b.format &&
    a.rules === b.rules &&
    !!a.load === !!b.load &&
    JSON.stringify(a.overrides ?? {}) === JSON.stringify(b.overrides ?? {}) &&
    a.refs?.documentUri === b.refs?.documentUri &&
    JSON.stringify(a.refs?.roots ?? []) === JSON.stringify(b.refs?.roots ?? [])
  );
}
