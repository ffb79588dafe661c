import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatFor, isFindingIgnored, lintText, mergeRuleOverrides, scoreOf, type Analysis, type DocumentScore, type FileLoader, type ProjectConfig, type RefContext, type SourceFormat } from './engine';
import type { Settings } from './protocol';

export interface LintContext {
  settings: Settings;
  config: ProjectConfig;
  refs: RefContext;
  /** Reads the other files of a multi-file spec. */
  load?: FileLoader;
  /** Identifies the other files' contents: a cached analysis is reused only while it is unchanged. */
  filesKey?: string;
}

export interface CachedAnalysis {
  version: number;
  /** The settings, config and workspace this analysis was made with, as one comparable string. */
  contextKey: string;
  analysis: Analysis;
  score: DocumentScore;
  /** The engine's analysis before the config's ignores: what the next edit's incremental lint starts from. */
  engineAnalysis: Analysis;
  context: LintContext;
}

/** YAML or JSON from the language id other editors send (`yaml`, `json`, `openapi-yaml`...), else the file name. */
export function documentFormat(document: TextDocument): SourceFormat {
  const language = document.languageId.toLowerCase();
  if (language.includes('json')) return 'json';
  if (language.includes('yaml')) return 'yaml';
  return formatFor(document.uri.replace(/[?#].*$/, ''), document.getText());
}

export function contextKey(context: LintContext, withFiles = true): string {
  return JSON.stringify([context.settings, context.config, context.refs.documentUri, context.refs.roots, withFiles ? (context.filesKey ?? '') : '']);
}

/**
 * Lints documents and remembers the last analysis per document version, so hovers and
 * code actions reuse it instead of linting again. The config file's rule severities apply
 * first and the user's settings override them per rule; its ignored findings are dropped
 * here, so diagnostics, hovers, fixes and the score all agree.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, CachedAnalysis>();

  lint(document: TextDocument, context: LintContext): CachedAnalysis {
    const { settings, config } = context;
    const key = contextKey(context);
    const before = this.entries.get(document.uri);
    // Other files matter only to a spec that read some: a single-file analysis carries over whatever else is open.
    const sameContext = before && (before.contextKey === key || (before.engineAnalysis.files.length === 0 && contextKey(before.context, false) === contextKey(context, false)));
    // A split spec's analysis (never edited in place) also serves when only its other files changed: its parse is reused.
    const reparses = before && !before.engineAnalysis.reuse && before.engineAnalysis.files.length > 0 && contextKey(before.context, false) === contextKey(context, false);
    const previous = before && ((sameContext && before.version !== document.version) || reparses) ? before.engineAnalysis : undefined;
    // The incremental lint consumes `previous` (its tree moves to the new text): the entry must not be served again.
    this.entries.delete(document.uri);
    const linted = lintText(document.getText(), { format: documentFormat(document), overrides: mergeRuleOverrides(config.rules, settings.rules), refs: context.refs, load: context.load }, previous);
    // Most projects ignore nothing: no two passes over every finding per keystroke to learn that.
    const ignores = config.ignore.findings.length > 0;
    const diagnostics = ignores ? linted.diagnostics.filter((d) => !isFindingIgnored(config, d)) : linted.diagnostics;
    const analysis: Analysis = { ...linted, diagnostics, findings: ignores ? linted.findings.filter((f) => !isFindingIgnored(config, { code: f.rule.id, path: f.path })) : linted.findings };
    const score = scoreOf(analysis.findings, (f) => f.rule.id, (f) => f.rule.owasp, (f) => f.severity);
    const entry = { version: document.version, contextKey: key, context, analysis, score, engineAnalysis: linted };
    this.entries.set(document.uri, entry);
    return entry;
  }

  /** The analysis of exactly this version, linting now if the cache is behind. */
  current(document: TextDocument, context: LintContext): CachedAnalysis {
    const entry = this.entries.get(document.uri);
    return entry && entry.version === document.version && entry.contextKey === contextKey(context) ? entry : this.lint(document, context);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
