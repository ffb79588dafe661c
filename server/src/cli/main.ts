import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isFindingIgnored, type ProjectConfig, type Severity } from '../engine';
import type { SpectralFinding } from '../spectral/types';
import { VERSION } from '../version';
import { parseArgs, UsageError, type CliOptions } from './args';
import { explainRule } from './explain';
import { expandInputs, loadConfig } from './files';
import { formatGithub, formatJson, formatMarkdown, formatStylish } from './formatters';
import { atOrAbove, docsUrlFor, lintFiles, type FileResult, type LintedFinding, type LintRun, type LintRunOptions } from './lintFiles';
import { renderReport } from './report';
import { formatSarif } from './sarif';
import { DEFAULT_CLI_SPECTRAL_TIMEOUT_S, runSpectralOnFiles, type CliSpectralRun } from './spectral';

const USAGE = `Usage: openapi-security lint <files or globs...> [options]
       openapi-security report <files or globs...> [--out report.html] [--format html|markdown]
       openapi-security explain <rule-id>

Lints OpenAPI 2.0 / 3.0 / 3.1 documents (YAML or JSON) for OWASP API Security Top 10 (2023) problems,
and security.txt files (RFC 9116, any file named security.txt).
Globs ('specs/**/*.yaml', *, ?, {a,b}) are expanded by the CLI; directories mean every YAML/JSON file and security.txt below.

Options:
  -f, --format <name>          lint: stylish (default), json, sarif, github, markdown; report: html (default), markdown
      --fail-on <level>        exit 1 when a finding is at or above: error (default), warning, info, never
      --rule <id>=<severity>   override a rule: error, warning, info, hint or off (repeatable)
  -c, --config <file>          config file (default: .openapi-security.yaml here or in a parent folder)
      --root <dir>             file $refs may point inside this folder only (default: the current directory);
                               nothing outside it is read, and remote $refs are never fetched
      --spectral-ruleset <file>  also run this Spectral ruleset (.spectral.yaml/.json/.js/.mjs); its findings
                               keep their codes; where it extends the OWASP ruleset our rules report those codes
                               and its severity changes apply to them. JavaScript rulesets run: use only your own
      --spectral-timeout <s>   seconds Spectral may take per file (default ${DEFAULT_CLI_SPECTRAL_TIMEOUT_S})
  -q, --quiet                  print errors only
  -o, --output, --out <file>   write the output to a file instead of stdout
      --no-color               plain text output (also NO_COLOR)
  -h, --help                   show this help
  -v, --version                print the version

Exit codes: 0 nothing at or above --fail-on, 1 something at or above it, 2 bad usage or an unreadable/unparsable file.`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliEnv {
  isTTY: boolean;
  noColor: boolean;
  cwd?: string;
}

const FAIL_THRESHOLD: Record<'error' | 'warning' | 'info', Severity> = { error: 'error', warning: 'warning', info: 'info' };

/** The whole CLI as a function of its arguments, so tests and the binary share it. */
export async function runCli(argv: string[], env: CliEnv): Promise<CliResult> {
  if (argv.includes('-h') || argv.includes('--help')) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  if (argv.includes('-v') || argv.includes('--version')) return { code: 0, stdout: `${VERSION}\n`, stderr: '' };
  try {
    return await run(parseArgs(argv), env);
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, stdout: '', stderr: `openapi-security: ${error.message}\n\n${USAGE}\n` };
    throw error;
  }
}

async function run(options: CliOptions, env: CliEnv): Promise<CliResult> {
  const cwd = env.cwd ?? process.cwd();
  if (options.command === 'explain') {
    const text = explainRule(options.inputs[0], options.format !== 'markdown');
    if (!text) throw new UsageError(`unknown rule '${options.inputs[0]}' (see docs/rules.md)`);
    return { code: 0, stdout: `${text}\n`, stderr: '' };
  }
  const loaded = loadConfig(options.config, cwd);
  const notes = [...loaded.problems];
  const files = expandInputs(options.inputs, cwd);
  const lintOptions: LintRunOptions = {
    config: loaded.config,
    configDir: loaded.file ? path.dirname(loaded.file) : cwd,
    overrides: { ...loaded.config.rules, ...options.overrides },
    cwd,
    root: path.resolve(cwd, options.root ?? '.'),
  };
  const spectral = options.spectralRuleset
    ? await runSpectralOnFiles(files, { ruleset: options.spectralRuleset, timeoutMs: (options.spectralTimeout ?? DEFAULT_CLI_SPECTRAL_TIMEOUT_S) * 1000, root: lintOptions.root, cwd })
    : undefined;
  const lint = spectral ? withSpectral(files, lintOptions, spectral) : lintFiles(files, lintOptions);
  notes.push(...lint.notes);
  // A report is an artifact, not a gate: it fails only when asked to with --fail-on.
  const failOn = options.failOn ?? (options.command === 'report' ? 'never' : (loaded.config.failOn ?? 'error'));
  const all = lint.results.flatMap((r) => r.findings);
  const failed = failOn !== 'never' && all.some((f) => atOrAbove(f.severity, FAIL_THRESHOLD[failOn]));
  const shown: FileResult[] = options.quiet ? lint.results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : lint.results;
  const color = options.output ? false : (options.color ?? (env.isTTY && !env.noColor));
  const text = options.command === 'report' ? renderReport(shown, options.format) : renderLint(shown, options.format, color, cwd);
  let stdout = `${text}\n`;
  if (options.output) {
    try {
      writeFileSync(path.resolve(cwd, options.output), stdout);
    } catch (error) {
      throw new UsageError(`cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    stdout = '';
    if (options.command === 'report') notes.push(`wrote ${options.output}`);
  }
  const code = lint.broken || spectral?.broken ? 2 : failed ? 1 : 0;
  return { code, stdout, stderr: notes.map((n) => `openapi-security: ${n}\n`).join('') };
}

/**
 * Our lint with what the ruleset says of our codes (below the config file and --rule), then Spectral's
 * own findings appended to each file's.
 */
function withSpectral(files: readonly string[], options: LintRunOptions, spectral: CliSpectralRun): LintRun {
  const lint: LintRun = { results: [], notes: [...spectral.notes], broken: false };
  for (const file of files) {
    const found = spectral.files.get(file);
    const part = lintFiles([file], found ? { ...options, overrides: { ...found.ourSeverities, ...options.overrides } } : options);
    lint.notes.push(...part.notes);
    lint.broken ||= part.broken;
    for (const result of part.results) {
      if (found) {
        result.findings.push(...spectralFindings(file, path.resolve(options.cwd, file), found.findings, options.config));
        result.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      }
      lint.results.push(result);
    }
  }
  return lint;
}

function spectralFindings(file: string, absolute: string, findings: SpectralFinding[], config: ProjectConfig): LintedFinding[] {
  const lines = readFileSync(absolute, 'utf8').split('\n');
  const slice = (f: SpectralFinding) => {
    const { start, end } = f.range;
    if (start.line === end.line) return (lines[start.line] ?? '').slice(start.character, end.character);
    return [(lines[start.line] ?? '').slice(start.character), ...lines.slice(start.line + 1, end.line), (lines[end.line] ?? '').slice(0, end.character)].join('\n');
  };
  return findings.filter((f) => !isFindingIgnored(config, f)).map((f) => ({ file, code: f.code, message: f.message, severity: f.severity, range: f.range, path: f.path, snippet: slice(f), source: 'spectral' as const }));
}

function renderLint(results: FileResult[], format: string, color: boolean, cwd: string): string {
  switch (format) {
    case 'json':
      return formatJson(results);
    case 'sarif':
      return formatSarif(results, cwd);
    case 'github':
      return formatGithub(results);
    case 'markdown':
      return formatMarkdown(results, docsUrlFor);
    default:
      return formatStylish(results, color);
  }
}

/** Runs the command line of this process and sets its exit code (the launcher calls it; so does `node cliMain.js`). */
export function main(): void {
  let code = 0;
  // `openapi-security lint spec.yaml | head`: the reader went away; stop quietly (with the lint's exit code), as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(code);
  });
  void runCli(process.argv.slice(2), { isTTY: !!process.stdout.isTTY, noColor: 'NO_COLOR' in process.env }).then((result) => {
    code = result.code;
    process.stderr.write(result.stderr);
    process.stdout.write(result.stdout, () => {
      process.exitCode = result.code;
    });
  });
}

if (require.main === module) main();
