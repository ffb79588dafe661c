#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { allRules, lintText, PARSE_ERROR_CODE, SEVERITIES, type SeverityOverride } from '../engine';
import { VERSION } from '../version';
import { formatJson, formatStylish, type CliFinding } from './formatters';

const USAGE = `Usage: openapi-security lint <files...> [options]

Lints OpenAPI 2.0 / 3.0 / 3.1 documents (YAML or JSON) for OWASP API Security Top 10 (2023) problems.

Options:
  --format <stylish|json>   output format (default: stylish)
  --rule <id>=<severity>    override a rule: error, warning, info, hint or off (repeatable)
  --no-color                plain text output
  -h, --help                show this help
  -v, --version             print the version

Exit codes: 0 no error-severity finding, 1 at least one, 2 bad usage or an unreadable/unparsable file.`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The whole CLI as a function of its arguments, so tests and the binary share it. */
export function runCli(argv: string[], env: { isTTY: boolean; noColor: boolean }): CliResult {
  const stderr: string[] = [];
  const usageError = (message: string): CliResult => ({ code: 2, stdout: '', stderr: `openapi-security: ${message}\n\n${USAGE}\n` });
  if (argv.includes('-h') || argv.includes('--help')) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  if (argv.includes('-v') || argv.includes('--version')) return { code: 0, stdout: `${VERSION}\n`, stderr: '' };
  const [command, ...rest] = argv;
  if (command !== 'lint') return usageError(command ? `unknown command '${command}'` : 'missing command');

  let format = 'stylish';
  let color = env.isTTY && !env.noColor;
  const overrides: Record<string, SeverityOverride> = {};
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const takeValue = (name: string) => {
      const inline = arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : undefined;
      return inline ?? rest[++i];
    };
    if (arg === '--format' || arg.startsWith('--format=')) {
      format = takeValue('--format') ?? '';
      if (format !== 'stylish' && format !== 'json') return usageError(`unknown format '${format}' (expected stylish or json)`);
    } else if (arg === '--rule' || arg.startsWith('--rule=')) {
      const spec = takeValue('--rule') ?? '';
      const eq = spec.lastIndexOf('=');
      const id = spec.slice(0, eq);
      const level = spec.slice(eq + 1) as SeverityOverride;
      if (eq <= 0 || (level !== 'off' && !SEVERITIES.includes(level))) return usageError(`--rule expects <id>=<error|warning|info|hint|off>, got '${spec}'`);
      if (!allRules.some((r) => r.id === id)) return usageError(`unknown rule '${id}'`);
      overrides[id] = level;
    } else if (arg === '--no-color') {
      color = false;
    } else if (arg === '--color') {
      color = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      return usageError(`unknown option '${arg}'`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) return usageError('no files to lint');

  const findings: CliFinding[] = [];
  let broken = false;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (error) {
      broken = true;
      stderr.push(`openapi-security: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      continue;
    }
    const analysis = lintText(text, { fileName: file, overrides });
    if (!analysis.isOpenApi) {
      stderr.push(`openapi-security: skipped ${file}: it has no 'openapi: 3.x' or 'swagger: "2.0"' field, so it is not an OpenAPI document`);
      continue;
    }
    for (const d of analysis.diagnostics) {
      findings.push({ file, code: d.code, message: d.message, severity: d.severity, range: d.range, path: d.path });
    }
    const syntaxErrors = analysis.diagnostics.filter((d) => d.code === PARSE_ERROR_CODE && d.severity === 'error');
    if (syntaxErrors.length) {
      broken = true;
      const first = syntaxErrors[0].range.start;
      stderr.push(`openapi-security: ${file}:${first.line + 1}:${first.character + 1}: cannot be parsed cleanly (${syntaxErrors.length} syntax error${syntaxErrors.length === 1 ? '' : 's'}); findings may be incomplete`);
    }
  }
  const stdout = format === 'json' ? formatJson(findings) : formatStylish(findings, color);
  const code = broken ? 2 : findings.some((f) => f.severity === 'error') ? 1 : 0;
  return { code, stdout: `${stdout}\n`, stderr: stderr.length ? `${stderr.join('\n')}\n` : '' };
}

if (require.main === module) {
  const result = runCli(process.argv.slice(2), { isTTY: !!process.stdout.isTTY, noColor: 'NO_COLOR' in process.env });
  process.stderr.write(result.stderr);
  process.stdout.write(result.stdout, () => {
    process.exitCode = result.code;
  });
}
