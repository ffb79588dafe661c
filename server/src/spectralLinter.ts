import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { displayName } from './displayName';
import { allRules, type SeverityOverride } from './engine';
import { SPECTRAL_DIAGNOSTIC_SOURCE, type Settings } from './protocol';
import { findRuleset } from './spectral/discover';
import { isJavaScriptRuleset, RULESET_PROBLEM_CODE, type RulesetProblem } from './spectral/types';
import type { SpectralService } from './spectralWorker';
import { WorkerHost } from './workerHost';

export interface SpectralOptions {
  timeoutMs: number;
  memoryMb: number;
  trusted: boolean;
}

/** Spectral is slow on big specs (tens of seconds on 1-3 MB files): bounded, and never in the way of our own lint. */
export const DEFAULT_SPECTRAL_LIMITS = { timeoutMs: 60_000, memoryMb: 2048 };

export interface SpectralTarget {
  uri: string;
  text: string;
  languageId: string;
  rulesetPath: string;
}

export interface SpectralFindings {
  diagnostics: Diagnostic[];
  /** The ruleset's say on our codes changed since the last run: our own lint must run again with it. */
  severitiesChanged: boolean;
}

type Notify = (level: 'info' | 'warning' | 'error', message: string) => void;

const OUR_CODES = allRules.map((r) => r.id);
const LSP_SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/**
 * Users' Spectral rulesets on the main thread's side: which ruleset a document has, one Spectral worker
 * (separate from the lint workers) with a time limit, one notice per problem, and the diagnostic a
 * broken ruleset gets on its own file.
 */
export class SpectralLinter {
  private host: WorkerHost<SpectralService> | undefined;
  /** Per document: what its ruleset says of our codes, from the last run. */
  private readonly severities = new Map<string, Record<string, SeverityOverride>>();
  /** Ruleset file URI → the one diagnostic of its problem, and the ruleset whose run found it. */
  private readonly problems = new Map<string, { owner: string; diagnostic: Diagnostic }>();
  private readonly noticed = new Set<string>();
  /** Documents whose last run took too long: Spectral runs on them again on save only. */
  private readonly slow = new Set<string>();

  constructor(
    private readonly options: SpectralOptions,
    private readonly notify: Notify,
    private readonly publishRulesetProblem: (rulesetUri: string) => void,
    private readonly log: (message: string) => void,
    private readonly script = path.join(__dirname, 'spectralWorker.js'),
  ) {}

  /** The ruleset of a file on disk inside (or configured for) the workspace; undefined when there is none. */
  rulesetFor(uri: string, settings: Settings, rootUris: readonly string[]): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    return findRuleset(fileURLToPath(uri), rootPaths(rootUris), settings.spectral.ruleset);
  }

  /** What the document's ruleset says of our codes (lowest precedence: the config file and settings win). */
  severitiesFor(uri: string): Record<string, SeverityOverride> {
    return this.severities.get(uri) ?? {};
  }

  /** Whether Spectral should run now: not while a too-slow document waits for its next save. */
  shouldRun(uri: string): boolean {
    return !this.slow.has(uri);
  }

  /** The document was saved: a document that was too slow gets another run. Returns whether it was waiting. */
  saved(uri: string): boolean {
    return this.slow.delete(uri);
  }

  problemDiagnosticsFor(uri: string): Diagnostic[] {
    const problem = this.problems.get(uri);
    return problem ? [problem.diagnostic] : [];
  }

  async run(target: SpectralTarget, rootUris: readonly string[]): Promise<SpectralFindings | undefined> {
    const rulesetName = path.basename(target.rulesetPath);
    if (!this.options.trusted && isJavaScriptRuleset(target.rulesetPath)) {
      this.noticeOnce(`untrusted:${target.rulesetPath}`, 'info', `The Spectral ruleset ${rulesetName} is JavaScript: it runs only in a trusted workspace. OpenAPI Security's own rules keep working.`);
      return undefined;
    }
    const roots = rootPaths(rootUris);
    const format = target.languageId.toLowerCase().includes('json') ? 'json' : 'yaml';
    const request = { documentPath: fileURLToPath(target.uri), text: target.text, format, rulesetPath: target.rulesetPath, trusted: this.options.trusted, roots, ourCodes: OUR_CODES } as const;
    this.host ??= new WorkerHost<SpectralService>({ timeoutMs: this.options.timeoutMs, memoryMb: this.options.memoryMb }, this.log, this.script, 'Spectral worker');
    const outcome = await this.host.request('run', request, { supersedeKey: target.uri });
    const name = displayName(target.uri);
    if (!outcome.ok) {
      if (outcome.failure === 'superseded') return undefined;
      if (outcome.failure === 'timeout' || outcome.failure === 'memory') {
        this.slow.add(target.uri);
        const why = outcome.failure === 'timeout' ? `took longer than ${Math.round(this.options.timeoutMs / 100) / 10} s` : 'needed more memory than its limit';
        this.noticeOnce(`slow:${target.uri}`, 'warning', `Spectral (${rulesetName}) ${why} on ${name} and was stopped; it runs again when you save. OpenAPI Security's own findings are shown meanwhile.`);
      } else {
        this.log(`Spectral failed on ${target.uri}: ${outcome.detail}`);
        this.noticeOnce(`failed:${target.rulesetPath}`, 'error', `Spectral (${rulesetName}) failed on ${name}: ${outcome.detail.split('\n')[0]}. OpenAPI Security's own rules keep working.`);
      }
      return undefined;
    }
    const response = outcome.value;
    const rulesetUri = pathToFileURL(target.rulesetPath).href;
    if (!response.ok) {
      this.setProblem(target.rulesetPath, pathToFileURL(response.problem.file).href, response.problem);
      // A problem in an extended file is also shown on the ruleset that extends it.
      if (response.problem.file !== target.rulesetPath) this.setProblem(target.rulesetPath, rulesetUri, { ...response.problem, line: undefined, character: undefined, message: `${path.basename(response.problem.file)}: ${response.problem.message}` });
      this.noticeOnce(`broken:${response.problem.file}:${response.problem.message}`, 'warning', `The Spectral ruleset ${path.basename(response.problem.file)} is not run: ${response.problem.message}. OpenAPI Security's own rules keep working.`);
      return undefined;
    }
    this.clearProblems(target.rulesetPath);
    const previous = JSON.stringify(this.severities.get(target.uri) ?? {});
    this.severities.set(target.uri, response.ourSeverities);
    const diagnostics = response.findings.map((f): Diagnostic => ({ range: f.range, severity: LSP_SEVERITY[f.severity], code: f.code, source: SPECTRAL_DIAGNOSTIC_SOURCE, message: f.message }));
    return { diagnostics, severitiesChanged: previous !== JSON.stringify(response.ourSeverities) };
  }

  /** A ruleset file changed, or the workspace became trusted: the next run starts a fresh worker (JS modules reload). */
  reset(trusted = this.options.trusted): void {
    this.options.trusted = trusted;
    const host = this.host;
    this.host = undefined;
    void host?.dispose();
    this.severities.clear();
    this.slow.clear();
    this.noticed.clear();
  }

  forget(uri: string): void {
    this.severities.delete(uri);
    this.slow.delete(uri);
  }

  async dispose(): Promise<void> {
    await this.host?.dispose();
  }

  private setProblem(owner: string, uri: string, problem: RulesetProblem): void {
    const position = { line: problem.line ?? 0, character: problem.character ?? 0 };
    const diagnostic: Diagnostic = { range: { start: position, end: position }, severity: 1, code: RULESET_PROBLEM_CODE, source: SPECTRAL_DIAGNOSTIC_SOURCE, message: `This Spectral ruleset is not run: ${problem.message}` };
    if (JSON.stringify(this.problems.get(uri)?.diagnostic) === JSON.stringify(diagnostic)) return;
    this.problems.set(uri, { owner, diagnostic });
    this.publishRulesetProblem(uri);
  }

  private clearProblems(owner: string): void {
    for (const [uri, problem] of [...this.problems]) {
      if (problem.owner !== owner) continue;
      this.problems.delete(uri);
      this.publishRulesetProblem(uri);
    }
  }

  private noticeOnce(key: string, level: 'info' | 'warning' | 'error', message: string): void {
    if (this.noticed.has(key)) return;
    this.noticed.add(key);
    this.log(message);
    this.notify(level, message);
  }
}

function rootPaths(rootUris: readonly string[]): string[] {
  return rootUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
}

/** Our findings and Spectral's in one publish, within the same cap as ours alone. */
export function unionDiagnostics(ours: Diagnostic[], spectral: Diagnostic[], max: number): Diagnostic[] {
  const room = Math.max(0, max - ours.length);
  if (spectral.length <= room) return [...ours, ...spectral];
  const hidden = spectral.length - room;
  const summary: Diagnostic = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 2,
    code: 'too-many-findings',
    source: SPECTRAL_DIAGNOSTIC_SOURCE,
    message: `${hidden} more Spectral findings are not shown (the editor shows at most ${max} per document).`,
  };
  return [...ours, ...spectral.slice(0, room), summary];
}
