import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isFileIgnored, isFindingIgnored, isSecurityTxtPath, lintSecurityTxt, lintText, PARSE_ERROR_CODE, rfcSectionUrl, ruleById, securityScore, securityTxtRuleById, type DocumentScore, type PathSegment, type ProjectConfig, type Range, type Severity, type SeverityOverride } from '../engine';
import { ruleDocsUrl } from '../engine/docs/links';
import { WorkspaceFiles } from '../workspaceFiles';

export interface CliFinding {
  file: string;
  code: string;
  message: string;
  severity: Severity;
  range: Range;
  path: PathSegment[];
  /** Set for findings of the user's Spectral ruleset (--spectral-ruleset); ours have none. */
  source?: 'spectral';
}

/** A finding with what the formatters need beyond the JSON output. */
export interface LintedFinding extends CliFinding {
  /** The highlighted source text: part of the SARIF fingerprint. */
  snippet: string;
}

export interface FileResult {
  file: string;
  findings: LintedFinding[];
  score: DocumentScore;
}

export interface LintRun {
  results: FileResult[];
  notes: string[];
  /** An unreadable or unparsable file: exit code 2. */
  broken: boolean;
}

export interface LintRunOptions {
  config: ProjectConfig;
  /** The directory `ignore.files` globs are relative to. */
  configDir: string;
  overrides: Record<string, SeverityOverride>;
  cwd: string;
  /** File `$ref`s must stay inside this folder; only existence is checked, nothing is read. */
  root: string;
  /** The clock security.txt's Expires is judged against (tests pass a fixed one). */
  now?: Date;
}

const DEFAULT_MAX_FILE_SIZE_MB = 50;

export function lintFiles(files: readonly string[], options: LintRunOptions): LintRun {
  const run: LintRun = { results: [], notes: [], broken: false };
  // The other files of multi-file specs: only inside the root (symlinks resolved first), each parsed once per run.
  const load = new WorkspaceFiles().loader([pathToFileURL(options.root).href], []);
  /** Files that some linted spec references: not reported as "not an OpenAPI document". */
  const referenced = new Set<string>();
  const linted: Array<{ file: string; absolute: string; isOpenApi: boolean }> = [];
  const maxBytes = (options.config.maxFileSizeMB ?? DEFAULT_MAX_FILE_SIZE_MB) * 1024 * 1024;
  for (const file of files) {
    const absolute = path.resolve(options.cwd, file);
    if (file !== '-' && isFileIgnored(options.config, path.relative(options.configDir, absolute).split(path.sep).join('/'))) continue;
    let text: string;
    try {
      if (file !== '-' && statSync(absolute).size > maxBytes) {
        run.notes.push(`skipped ${file}: larger than maxFileSizeMB (${maxBytes / 1024 / 1024} MB)`);
        continue;
      }
      text = readFileSync(file === '-' ? 0 : absolute, 'utf8');
    } catch (error) {
      run.broken = true;
      run.notes.push(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      continue;
    }
    if (file !== '-' && isSecurityTxtPath(file)) {
      run.results.push(lintSecurityTxtFile(file, absolute, text, options));
      continue;
    }
    const refs = { documentUri: file === '-' ? undefined : pathToFileURL(absolute).href, roots: [pathToFileURL(options.root).href], fileExists: (uri: string) => existsSync(fileURLToPath(uri)) };
    const analysis = lintText(text, { fileName: file, overrides: options.overrides, refs, load: file === '-' ? undefined : load });
    linted.push({ file, absolute, isOpenApi: analysis.isOpenApi });
    if (!analysis.isOpenApi) continue;
    for (const f of analysis.files) referenced.add(f.uri);
    const kept = analysis.diagnostics.filter((d) => !isFindingIgnored(options.config, d));
    const textOf = new Map(analysis.files.map((f) => [f.uri, f.document.text]));
    const findings = kept.map((d) => ({
      file: d.uri ? displayPath(d.uri, options.cwd) : file,
      code: d.code,
      message: d.message,
      severity: d.severity,
      range: d.range,
      path: d.path,
      snippet: (d.uri ? (textOf.get(d.uri) ?? '') : text).slice(d.offset, d.end),
    }));
    const scored = kept.flatMap((d) => (d.finding ? [{ ruleId: d.code, owasp: d.finding.rule.owasp, severity: d.severity }] : []));
    run.results.push({ file, findings, score: securityScore(scored) });
    const syntaxErrors = kept.filter((d) => d.code === PARSE_ERROR_CODE && d.severity === 'error');
    if (syntaxErrors.length) {
      run.broken = true;
      const first = syntaxErrors[0].range.start;
      run.notes.push(`${file}:${first.line + 1}:${first.character + 1}: cannot be parsed cleanly (${syntaxErrors.length} syntax error${syntaxErrors.length === 1 ? '' : 's'}); findings may be incomplete`);
    }
  }
  for (const { file, absolute, isOpenApi } of linted) {
    if (!isOpenApi && !referenced.has(pathToFileURL(absolute).href)) run.notes.push(`skipped ${file}: it has no 'openapi: 3.x' or 'swagger: "2.0"' field, so it is not an OpenAPI document`);
  }
  return run;
}

function displayPath(uri: string, cwd: string): string {
  const relative = path.relative(cwd, fileURLToPath(uri));
  return relative.split(path.sep).join('/');
}

/** security.txt files (RFC 9116), by name in any folder: their own rules, the same result shape. */
function lintSecurityTxtFile(file: string, absolute: string, text: string, options: LintRunOptions): FileResult {
  const analysis = lintSecurityTxt(text, { now: options.now ?? new Date(), location: absolute, overrides: options.overrides });
  const kept = analysis.diagnostics.filter((d) => !isFindingIgnored(options.config, d));
  const findings = kept.map((d) => ({ file, code: d.code, message: d.message, severity: d.severity, range: d.range, path: d.path, snippet: text.slice(d.offset, d.end) }));
  // Not an OWASP category: API8 (Security Misconfiguration) is the category of weight 1, so every rule weighs the same.
  return { file, findings, score: securityScore(kept.map((d) => ({ ruleId: d.code, owasp: 'API8:2023', severity: d.severity }))) };
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

export function ruleTitle(code: string): string {
  return ruleById(code)?.title ?? securityTxtRuleById(code)?.title ?? (code === PARSE_ERROR_CODE ? 'Syntax error' : code);
}

/** A rule's documentation: its docs/rules.md section, or for security.txt rules the RFC 9116 section. */
export function docsUrlFor(code: string): string | undefined {
  if (ruleById(code)) return ruleDocsUrl(code);
  const securityTxt = securityTxtRuleById(code);
  return securityTxt ? rfcSectionUrl(securityTxt.section) : undefined;
}
