import { asObject, child, owningProperty, pathOf, type AstNode, type PathSegment } from './ast';
import type { Range } from './lineIndex';
import { OpenApiModel } from './model/openApiModel';
import { referenceProblems, refSites, type RefContext, type RefSite } from './model/refProblems';
import { refOf, type FileLoader, type SourceFile } from './model/refs';
import { detectVersion, looksLikeOpenApi, type OpenApiVersion } from './model/version';
import { parse, type ParsedDocument, type SourceFormat } from './parse';
import type { Finding, Fix, Rule, RuleReport, Severity } from './rule';
import { isSuppressed, type SuppressionMemo } from './suppressions';

export type SeverityOverride = Severity | 'off';

export interface AnalyzeOptions {
  format: SourceFormat;
  rules: readonly Rule[];
  /** Per-rule severity, keyed by rule id; 'off' disables the rule. */
  overrides?: Readonly<Record<string, SeverityOverride>>;
  /** Where the document lives, for checking file `$ref`s (never read here). */
  refs?: RefContext;
  /** Reads other files of a multi-file spec (inside the workspace only); without it, file `$ref`s are checked, not followed. */
  load?: FileLoader;
}

/** What editors and the CLI show: one shape for rule findings and syntax problems. */
export interface EngineDiagnostic {
  code: string;
  message: string;
  severity: Severity;
  offset: number;
  end: number;
  range: Range;
  path: PathSegment[];
  /** Present for rule findings (absent for syntax problems). */
  finding?: Finding;
  /** The file the problem is in, when it is not the linted document (multi-file specs). */
  uri?: string;
  /** Where that file is referenced from: the `$ref` that brought the node into the spec. */
  related?: Array<{ uri?: string; range: Range; message: string }>;
}

/**
 * Diagnostics in reading order, ties by code point order of the code (not `localeCompare`: a collator call
 * per tie cost ~15 ms on a file with 2,500 findings), then by file: offsets of a split spec's files coincide,
 * and an incremental lint finds them in another order than a full one. Within a file, ties keep their order
 * (a summary of syntax problems stays after them).
 */
export function inDocumentOrder(a: EngineDiagnostic, b: EngineDiagnostic): number {
  return a.offset - b.offset || byCodePoints(a.code, b.code) || byCodePoints(a.uri ?? '', b.uri ?? '');
}

function byCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Analysis {
  document: ParsedDocument;
  /** An OpenAPI document, or one so broken that only its head says it is one. Nothing is reported otherwise. */
  isOpenApi: boolean;
  /** Undefined when the text is not (or not recognisably) an OpenAPI document. */
  version: OpenApiVersion | undefined;
  model: OpenApiModel | undefined;
  findings: Finding[];
  diagnostics: EngineDiagnostic[];
  /** Findings the document itself suppresses (ignore comments and extensions): not reported. */
  suppressed: Finding[];
  /** Other files of a multi-file spec that the analysis read, in the order first reached. */
  files: SourceFile[];
  /** Made from the previous analysis by re-analysing only the edited path item. */
  incremental?: boolean;
  /** What the next edit of one path item can reuse (engine/incremental); absent when it cannot. */
  reuse?: ReusableState;
  /** What the next lint of a split spec after an edit of one of its other files can reuse (engine/incremental/files). */
  fileReuse?: FileReuseState;
}

/** Kept from a split spec's analysis: every finding by rule (suppressed ones too). The trees are never edited in place. */
export interface FileReuseState {
  options: AnalyzeOptions;
  byRule: Map<Rule, Finding[]>;
  /** What the path items other than the edited file's reach (engine/incremental/files), kept while the same file is edited. */
  othersReach?: { key: string; document: ParsedDocument; reach: unknown };
}

/** Kept from one analysis for the next: every finding by rule (suppressed ones too) and the `$ref` problems. */
export interface ReusableState {
  options: AnalyzeOptions;
  byRule: Map<Rule, Finding[]>;
  refProblems: EngineDiagnostic[];
  /** The text mentions `#/paths`: a `$ref` may point into a path item, so edits there reach further. */
  refsIntoPaths: boolean;
  /** The tree is updated in place by the next edit: a state is used once. */
  spent: boolean;
}

export const PARSE_ERROR_CODE = 'parse-error';
export const RULE_FAILURE_CODE = 'rule-failure';
/** Not a syntax error: the document is still linted, so it gets a code of its own. */
export const ALIAS_LIMIT_CODE = 'alias-expansion-limit';

/** parse → model → rules, each a separate stage. */
export function analyze(text: string, options: AnalyzeOptions): Analysis {
  const document = parse(text, options.format);
  return analyzeParsed(document, options);
}

export function analyzeParsed(document: ParsedDocument, options: AnalyzeOptions): Analysis {
  const version = detectVersion(document.root);
  const root = asObject(document.root);
  const diagnostics: EngineDiagnostic[] = document.problems.map((problem) => ({
    code: problem.code === ALIAS_LIMIT_CODE ? ALIAS_LIMIT_CODE : PARSE_ERROR_CODE,
    message: problem.message,
    severity: problem.severity,
    offset: problem.offset,
    end: problem.end,
    range: document.lines.range(problem.offset, problem.end),
    path: [],
  }));
  if (!version || !root) {
    // Text that broke before its `openapi:` field parsed still deserves its syntax errors.
    const broken = !root && diagnostics.length > 0 && looksLikeOpenApi(document.text);
    return { document, isOpenApi: broken, version: undefined, model: undefined, findings: [], diagnostics: broken ? diagnostics : [], suppressed: [], files: [] };
  }
  const model = new OpenApiModel(document, root, version, mainFile(document, options), options.load);
  const refProblems = referenceDiagnostics(model, options);
  diagnostics.push(...refProblems);
  const failures: EngineDiagnostic[] = [];
  const all = runRules(model, options.rules, options.overrides ?? {}, (rule, error) => failures.push(ruleFailure(rule, error, document)));
  diagnostics.push(...failures);
  for (const finding of all) {
    const file = model.refs.fileOf(finding.node);
    if (file) finding.file = file;
  }
  const analysis = finish(document, version, model, all, diagnostics);
  if (failures.length === 0 && document.problems.length === 0) {
    if (analysis.files.length === 0) analysis.reuse = reusableState(options, findingsByRule(all), refProblems, document.text.includes('#/paths'));
    else analysis.fileReuse = { options, byRule: findingsByRule(all) };
  }
  return analysis;
}

/** The linted document as a file of its spec, when it has a URI (other files' `$ref`s resolve against it). */
export function mainFile(document: ParsedDocument, options: AnalyzeOptions): SourceFile | undefined {
  return options.refs?.documentUri ? { uri: options.refs.documentUri, document } : undefined;
}

/**
 * The spec's `$ref` problems: the document's, then each other file's as first reached. This walk is also what loads
 * the other files, in a fixed order, and so decides which `$ref` first reached each file (related information).
 */
export function referenceDiagnostics(model: OpenApiModel, options: AnalyzeOptions): EngineDiagnostic[] {
  const { document, root } = model;
  // One existence check per file for the whole spec, however many `$ref`s name it.
  const exists = options.refs?.fileExists;
  let refs = options.refs;
  if (exists && refs) {
    const seen = new Map<string, boolean>();
    refs = { ...refs, fileExists: (uri) => seen.get(uri) ?? (seen.set(uri, exists(uri)), seen.get(uri)!) };
  }
  const problems: EngineDiagnostic[] = referenceProblems(root, refs, options.load && model.refs, fileRefSites(document)).map((problem) => ({ ...problem, range: document.lines.range(problem.offset, problem.end), path: [] }));
  // Before the rules: checking every reference loads the whole spec, so rules that scan raw text see every file.
  if (options.load) problems.push(...otherFilesProblems(model, refs));
  return problems;
}

/** The findings a user suppressed, the ancestors they share read once for all of them. */
function suppressedOf(all: readonly Finding[], document: ParsedDocument): Finding[] {
  const ancestors: SuppressionMemo = new Map();
  return all.filter((f) => isSuppressed(f.file?.document ?? document, f, ancestors));
}

/** Suppressions applied, findings turned into diagnostics (next to `problems`), everything in document order. */
export function finish(
  document: ParsedDocument,
  version: OpenApiVersion,
  model: OpenApiModel,
  all: Finding[],
  problems: EngineDiagnostic[],
  suppressedAlready?: ReadonlySet<Finding>,
  /** A diagnostic made earlier for this finding and still right (engine/incremental), if any. */
  reuse?: (finding: Finding) => EngineDiagnostic | undefined,
): Analysis {
  const diagnostics = [...problems];
  // An incremental lint usually suppresses nothing: no pass over every finding to find that out.
  const suppressed = suppressedAlready ? (suppressedAlready.size ? all.filter((f) => suppressedAlready.has(f)) : []) : suppressedOf(all, document);
  const hidden = new Set(suppressed);
  const findings = suppressed.length ? all.filter((f) => !hidden.has(f)) : all;
  // A suppressed finding has no diagnostic now: one it had before must not come back if it shows again.
  for (const finding of suppressed) (finding as LinkedFinding)[DIAGNOSTIC] = undefined;
  for (const finding of findings) {
    const reused = reuse?.(finding);
    if (reused) {
      (finding as LinkedFinding)[DIAGNOSTIC] = reused;
      diagnostics.push(reused);
      continue;
    }
    const lines = (finding.file?.document ?? document).lines;
    const diagnostic: EngineDiagnostic = {
      code: finding.rule.id,
      message: finding.message,
      severity: finding.severity,
      offset: finding.offset,
      end: finding.end,
      range: lines.range(finding.offset, finding.end),
      path: finding.path,
      finding,
    };
    // Set, not spread in: a spread in the literal costs a copy per diagnostic (2,500 on a cold lint) for the few in other files.
    if (finding.file) {
      diagnostic.uri = finding.file.uri;
      diagnostic.related = referencedFrom(model, finding.node, document);
    }
    (finding as LinkedFinding)[DIAGNOSTIC] = diagnostic;
    diagnostics.push(diagnostic);
  }
  diagnostics.sort(inDocumentOrder);
  return { document, isOpenApi: true, version, model, findings, diagnostics, suppressed, files: model.refs.loadedFiles() };
}

export function reusableState(options: AnalyzeOptions, byRule: Map<Rule, Finding[]>, refProblems: EngineDiagnostic[], refsIntoPaths: boolean): ReusableState {
  return { options, byRule, refProblems, refsIntoPaths, spent: false };
}

const DIAGNOSTIC = Symbol('diagnostic');
type LinkedFinding = Finding & { [DIAGNOSTIC]?: EngineDiagnostic };

/**
 * The diagnostic `finish` last made (or reused) for a finding, none while it is suppressed: an incremental lint
 * moves a kept finding's diagnostic instead of making it again, without a map from 6,000 findings to their
 * diagnostics built on every keystroke.
 */
export function diagnosticOf(finding: Finding): EngineDiagnostic | undefined {
  return (finding as LinkedFinding)[DIAGNOSTIC];
}

function findingsByRule(all: readonly Finding[]): Map<Rule, Finding[]> {
  const byRule = new Map<Rule, Finding[]>();
  for (const finding of all) {
    const list = byRule.get(finding.rule);
    if (list) list.push(finding);
    else byRule.set(finding.rule, [finding]);
  }
  return byRule;
}

export function ruleFailure(rule: Rule, error: unknown, document: ParsedDocument): EngineDiagnostic {
  return {
    code: RULE_FAILURE_CODE,
    message: `Rule ${rule.id} failed on this document and was skipped: ${error instanceof Error ? error.message : String(error)}`,
    severity: 'warning',
    offset: 0,
    end: 0,
    range: document.lines.range(0, 0),
    path: [],
  };
}

/** The `$ref` that brought a node's file into the spec, as related information. */
function referencedFrom(model: OpenApiModel, node: AstNode, main: ParsedDocument): EngineDiagnostic['related'] {
  const referrer = model.refs.referrerOf(node);
  const value = referrer && child(referrer, '$ref');
  if (!referrer || !value) return undefined;
  const file = model.refs.fileOf(referrer);
  const lines = (file?.document ?? main).lines;
  return [{ uri: file?.uri, range: lines.range(value.offset, value.end), message: `referenced here: ${refOf(referrer)}` }];
}

/** `$ref` problems inside the other files of the spec, reported in those files; new files found on the way are checked too. */
function otherFilesProblems(model: OpenApiModel, context: RefContext | undefined): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  const checked = new Set<string>();
  for (let files = model.refs.loadedFiles(); files.some((f) => !checked.has(f.uri)); files = model.refs.loadedFiles()) {
    for (const file of files) {
      if (checked.has(file.uri)) continue;
      checked.add(file.uri);
      out.push(...fileReferenceDiagnostics(model, file, context));
    }
  }
  return out;
}

/** The `$ref` problems of one other file of the spec, reported in that file. */
export function fileReferenceDiagnostics(model: OpenApiModel, file: SourceFile, context: RefContext | undefined): EngineDiagnostic[] {
  if (!file.document.root) return [];
  return referenceProblems(file.document.root, { ...context, documentUri: file.uri }, model.refs, fileRefSites(file.document)).map((problem) => ({
    ...problem,
    range: file.document.lines.range(problem.offset, problem.end),
    path: [],
    uri: file.uri,
  }));
}

/**
 * The `$ref`s of a file of a split spec, by its parsed document: the loader gives an unchanged file the same document
 * on every lint and never edits one in place (nor is a split spec's root edited in place: its analysis has no
 * `reuse`), so a keystroke in one file does not walk the 1,500 others.
 */
const refSitesOf = new WeakMap<ParsedDocument, RefSite[]>();

export function fileRefSites(document: ParsedDocument): RefSite[] {
  let sites = refSitesOf.get(document);
  if (!sites) refSitesOf.set(document, (sites = document.root ? refSites(document.root, document.hasAliases === true) : []));
  return sites;
}

export function runRules(
  model: OpenApiModel,
  rules: readonly Rule[],
  overrides: Readonly<Record<string, SeverityOverride>>,
  onFailure: (rule: Rule, error: unknown) => void,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const override = overrides[rule.id];
    if (override === 'off' || !rule.versions.includes(model.version)) continue;
    const severity = override ?? rule.severity;
    // A rule's findings by start offset: a report at the same range with the same message is dropped. Compared
    // field by field, not by a key string per finding (2,500 findings built 5,000 long strings on a cold lint).
    const byOffset = new Map<number, Finding[]>();
    const report = (r: RuleReport) => {
      const [offset, end] = highlightRange(r);
      const message = r.message ?? rule.message;
      const earlier = byOffset.get(offset);
      // Offsets are per file: in a multi-file spec the same offsets recur in other files.
      if (earlier?.some((f) => f.end === end && f.message === message && model.refs.fileOf(f.node)?.uri === model.refs.fileOf(r.node)?.uri)) return;
      const finding: Finding = { rule, message, severity, node: r.node, offset, end, path: pathOf(r.node), data: r.data };
      if (earlier) earlier.push(finding);
      else byOffset.set(offset, [finding]);
      findings.push(finding);
    };
    try {
      rule.check({ model, report });
    } catch (error) {
      onFailure(rule, error);
    }
  }
  return findings;
}

function highlightRange(report: RuleReport): [number, number] {
  const node = report.underline ?? report.node;
  const prop = owningProperty(node);
  if (prop && (report.highlight !== 'value' || node.end <= node.offset)) return [prop.keyOffset, prop.keyEnd];
  return [node.offset, Math.max(node.offset, node.end)];
}

/** The fixes a finding's rule offers, computed on demand (never during linting). */
export function fixesFor(analysis: Analysis, finding: Finding): Fix[] {
  if (!finding.rule.fix || !analysis.model) return [];
  try {
    const document = finding.file?.document ?? analysis.document;
    const fixes = finding.rule.fix({ model: analysis.model, document, finding }).filter((fix) => fix.edits.length > 0);
    // In another file, only edits of the node itself are safe: a local `#/...` reference would mean that file's root.
    return finding.file ? fixes.filter((fix) => fix.scope === 'node' && fix.edits.every((e) => !e.newText.includes('#/'))) : fixes;
  } catch {
    return [];
  }
}
