/**
 * The engine's public surface: parse → model → rules → fixes. Pure: no editor or LSP
 * imports, so the language server and the CLI run exactly the same code.
 */
import { allRules } from '../../../rules';
import { analyze as analyzeWith, analyzeParsed, type Analysis, type AnalyzeOptions, type SeverityOverride } from './lint';
import { reanalyzeFiles } from './incremental/files';
import { reanalyze } from './incremental/relint';
import { formatFor, type SourceFormat } from './parse';
import type { RefContext } from './model/refProblems';
import type { FileLoader } from './model/refs';

export { allRules, ruleById } from '../../../rules';
export { applyEdits, type TextEdit } from './edit/textEdit';
export { analyzeParsed, fixesFor, PARSE_ERROR_CODE, RULE_FAILURE_CODE, type Analysis, type EngineDiagnostic, type SeverityOverride } from './lint';
export type { AstNode, PathSegment } from './ast';
export type { Position, Range } from './lineIndex';
export { OWASP_CATEGORIES, cweUrl, type OwaspCategory } from './owasp';
export { REPOSITORY_URL, ruleDocsUrl } from './docs/links';
export { controlsFor, type Control } from './reference/compliance';
export { keyHoverAt, type KeyHover } from './reference/keyHover';
export { fixAll, type FixAllResult } from './fixes/fixAll';
export { ignoreHereEdit } from './fixes/suppress';
export { lineDiffEdits } from './edit/lineDiff';
export type { RefContext, RefProblemCode } from './model/refProblems';
export type { FileLoader, SourceFile } from './model/refs';
export { formatFor, parse, type ParsedDocument, type SourceFormat } from './parse';
export { looksLikeOpenApi } from './model/version';
export { SEVERITIES, type Finding, type Fix, type Rule, type Severity } from './rule';

export interface LintTextOptions {
  /** File name or language id; decides YAML vs JSON. */
  format?: SourceFormat;
  fileName?: string;
  overrides?: Readonly<Record<string, SeverityOverride>>;
  refs?: RefContext;
  /** Reads other files of a multi-file spec (the caller keeps it inside the workspace). */
  load?: FileLoader;
}

/**
 * Lints one document's text with the built-in rules. With `previous`, the analysis of this document just
 * before an edit, only what the edit touched is re-analysed when that is provably the same (engine/incremental);
 * `previous` must not be used afterwards either way.
 */
export function lintText(text: string, options: LintTextOptions = {}, previous?: Analysis): Analysis {
  const engineOptions = analyzeOptions(text, options);
  if (previous?.reuse) {
    try {
      const next = reanalyze(previous, text, engineOptions);
      if (next) return next;
    } catch {
      // Whatever went wrong, a full lint from a fresh parse is the answer.
    }
  }
  // A split spec's root, linted again for a keystroke in one of its files: its own text has not changed, and a
  // multi-file analysis is never edited in place (no `reuse`), so its parse serves again.
  if (previous && !previous.reuse && previous.files.length > 0 && previous.document.text === text && previous.document.format === engineOptions.format) {
    try {
      const next = reanalyzeFiles(previous, engineOptions);
      if (next) return next;
    } catch {
      // As above: a full lint answers.
    }
    return analyzeParsed(previous.document, engineOptions);
  }
  return analyzeWith(text, engineOptions);
}

/** The engine options `lintText` uses, for callers that run several stages (fix-all). */
export function analyzeOptions(text: string, options: LintTextOptions = {}): AnalyzeOptions {
  return { format: options.format ?? formatFor(options.fileName ?? '', text), rules: allRules, overrides: options.overrides, refs: options.refs, load: options.load };
}
export { CATEGORY_WEIGHT, REPEAT_DECAY, SCALE, SEVERITY_WEIGHT, scoreOf, securityScore, type DocumentScore, type RuleCost, type ScoredFinding } from './score';
export { CONFIG_FILE_NAME, EMPTY_CONFIG, FAIL_ON_LEVELS, isFileIgnored, isFindingIgnored, mergeRuleOverrides, parseConfig, pathPatternMatches, type FailOn, type FindingIgnore, type ParsedConfig, type ProjectConfig } from './config';
export { globBase, globToRegExp, hasGlobMagic, matchesGlob } from './glob';
export {
  CONTACT_TEMPLATE,
  EXPIRES_FIX_DAYS,
  FIELD_DOCS as SECURITY_TXT_FIELDS,
  expiresValue,
  isSecurityTxtPath,
  lintSecurityTxt,
  rfcSectionUrl,
  RFC9116_URL,
  securityTxtHoverAt,
  securityTxtRuleById,
  securityTxtRules,
  type LintSecurityTxtOptions,
  type SecurityTxtAnalysis,
  type SecurityTxtDiagnostic,
  type SecurityTxtHover,
  type SecurityTxtRule,
} from './securityTxt';
