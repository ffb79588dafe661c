import type { Severity } from '../engine';
import { VERSION } from '../version';
import { ruleTitle, type FileResult } from './lintFiles';

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(
    {
      version: VERSION,
      files: results.map((r) => ({ file: r.file, score: r.score.score, counts: r.score.counts })),
      findings: results.flatMap((r) => r.findings.map(({ file, code, message, severity, range, path, source }) => ({ file, code, message, severity, range, path, ...(source ? { source } : {}) }))),
    },
    null,
    2,
  );
}

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[90m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** ESLint-like output: grouped by file, 1-based line:column, each file's score, a summary line. */
export function formatStylish(results: readonly FileResult[], color: boolean): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text);
  const out: string[] = [];
  for (const { file, findings: list, score } of results) {
    out.push(`${paint(BOLD, file)}  ${paint(DIM, `security score ${score.score}/100`)}`);
    // A finding in another file of a multi-file spec names that file.
    const positions = list.map((f) => `${f.file === file ? '' : `${f.file}:`}${f.range.start.line + 1}:${f.range.start.character + 1}`);
    const posWidth = Math.max(0, ...positions.map((p) => p.length));
    const sevWidth = Math.max(0, ...list.map((f) => f.severity.length));
    list.forEach((f, i) => {
      out.push(`  ${paint(DIM, positions[i].padEnd(posWidth))}  ${paint(COLORS[f.severity], f.severity.padEnd(sevWidth))}  ${f.message}  ${paint(DIM, f.code)}`);
    });
    out.push('');
  }
  const findings = results.flatMap((r) => r.findings);
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((s) => count(s) > 0).map((s) => plural(count(s), s));
  const scores = results.map((r) => r.score.score);
  const scoreText = scores.length ? ` · security score ${scores.length === 1 ? scores[0] : `min ${Math.min(...scores)}`}/100` : '';
  if (findings.length === 0) out.push(paint('\x1b[32m', `✔ No problems found${scoreText}`));
  else out.push(paint(count('error') ? COLORS.error : COLORS.warning, `✖ ${plural(findings.length, 'problem')} (${parts.join(', ')})${scoreText}`));
  return out.join('\n');
}

/** GitHub Actions workflow-command escaping: data and property values differ. */
export const escapeGithubData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeGithubProperty = (text: string) => escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** `::error file=…,line=…::message` annotations for GitHub Actions. */
export function formatGithub(results: readonly FileResult[]): string {
  return results
    .flatMap((r) =>
      r.findings.map((f) => {
        const props = [
          `file=${escapeGithubProperty(f.file)}`,
          `line=${f.range.start.line + 1}`,
          `col=${f.range.start.character + 1}`,
          `endLine=${f.range.end.line + 1}`,
          `endColumn=${f.range.end.character + 1}`,
          `title=${escapeGithubProperty(f.code)}`,
        ];
        return `::${GITHUB_COMMAND[f.severity]} ${props.join(',')}::${escapeGithubData(f.message)}`;
      }),
    )
    .join('\n');
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** A Markdown report: one summary table, then findings per file. */
export function formatMarkdown(results: readonly FileResult[], docsUrl: (code: string) => string | undefined): string {
  const out = ['# OpenAPI security report', '', '| File | Score | Errors | Warnings | Info | Hints |', '|---|---:|---:|---:|---:|---:|'];
  for (const r of results) {
    const c = r.score.counts;
    out.push(`| ${escapeCell(r.file)} | ${r.score.score} | ${c.error} | ${c.warning} | ${c.info} | ${c.hint} |`);
  }
  for (const r of results) {
    out.push('', `## ${r.file}`, '', `Security score: **${r.score.score}/100**`, '');
    if (r.findings.length === 0) {
      out.push('No problems found.');
      continue;
    }
    out.push('| Line | Severity | Rule | Message |', '|---:|---|---|---|');
    for (const f of r.findings) {
      const url = docsUrl(f.code);
      const rule = url ? `[${escapeCell(ruleTitle(f.code))}](${url})` : escapeCell(f.code);
      out.push(`| ${f.range.start.line + 1}:${f.range.start.character + 1} | ${f.severity} | ${rule} | ${escapeCell(f.message)} |`);
    }
  }
  return out.join('\n');
}
