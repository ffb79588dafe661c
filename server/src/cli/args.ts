import { allRules, FAIL_ON_LEVELS, securityTxtRuleById, SEVERITIES, type FailOn, type SeverityOverride } from '../engine';

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];
export const REPORT_FORMATS = ['html', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface CliOptions {
  command: 'lint' | 'report' | 'explain';
  inputs: string[];
  format: string;
  failOn: FailOn | undefined;
  overrides: Record<string, SeverityOverride>;
  config: string | undefined;
  /** File `$ref`s may point inside this folder only (default: the current directory). */
  root: string | undefined;
  quiet: boolean;
  output: string | undefined;
  /** A Spectral ruleset run beside our rules. */
  spectralRuleset: string | undefined;
  /** Seconds one Spectral run on one file may take. */
  spectralTimeout: number | undefined;
  color: boolean | undefined;
}

export class UsageError extends Error {}

/** Options that take a value, with the names they may also be spelled as. */
const VALUE_OPTIONS: Record<string, string> = { '--format': '--format', '-f': '--format', '--fail-on': '--fail-on', '--rule': '--rule', '--config': '--config', '-c': '--config', '--root': '--root', '--spectral-ruleset': '--spectral-ruleset', '--spectral-timeout': '--spectral-timeout', '--output': '--output', '-o': '--output', '--out': '--output' };

export function parseArgs(argv: readonly string[]): CliOptions {
  const [command, ...rest] = argv;
  if (command !== 'lint' && command !== 'report' && command !== 'explain') throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  const options: CliOptions = { command, inputs: [], format: command === 'report' ? 'html' : 'stylish', failOn: undefined, overrides: {}, config: undefined, root: undefined, quiet: false, output: undefined, color: undefined, spectralRuleset: undefined, spectralTimeout: undefined };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const canonical = VALUE_OPTIONS[name];
    if (canonical) {
      const value = name !== arg ? arg.slice(eq + 1) : rest[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      applyValue(options, canonical, value);
    } else if (arg === '--quiet' || arg === '-q') options.quiet = true;
    else if (arg === '--no-color') options.color = false;
    else if (arg === '--color') options.color = true;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else options.inputs.push(arg);
  }
  if (options.command === 'explain' && options.inputs.length !== 1) throw new UsageError('explain takes exactly one rule id');
  if (options.command !== 'explain' && options.inputs.length === 0) throw new UsageError('no files to lint');
  return options;
}

function applyValue(options: CliOptions, option: string, value: string): void {
  if (option === '--format') {
    const allowed: readonly string[] = options.command === 'report' ? REPORT_FORMATS : LINT_FORMATS;
    if (!allowed.includes(value)) throw new UsageError(`unknown format '${value}' (expected ${allowed.join(', ')})`);
    options.format = value;
  } else if (option === '--fail-on') {
    if (!FAIL_ON_LEVELS.includes(value as FailOn)) throw new UsageError(`--fail-on expects ${FAIL_ON_LEVELS.join(', ')}, got '${value}'`);
    options.failOn = value as FailOn;
  } else if (option === '--rule') {
    const eq = value.lastIndexOf('=');
    const id = value.slice(0, eq);
    const level = value.slice(eq + 1) as SeverityOverride;
    if (eq <= 0 || (level !== 'off' && !SEVERITIES.includes(level))) throw new UsageError(`--rule expects <id>=<error|warning|info|hint|off>, got '${value}'`);
    if (!allRules.some((r) => r.id === id) && !securityTxtRuleById(id)) throw new UsageError(`unknown rule '${id}'`);
    options.overrides[id] = level;
  } else if (option === '--config') options.config = value;
  else if (option === '--root') options.root = value;
  else if (option === '--spectral-ruleset') options.spectralRuleset = value;
  else if (option === '--spectral-timeout') {
    const seconds = Number(value);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--spectral-timeout expects a number of seconds, got '${value}'`);
    options.spectralTimeout = seconds;
  }
  else options.output = value;
}
