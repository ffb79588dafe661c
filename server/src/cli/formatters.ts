import type { PathSegment, Range, Severity } from '../engine';

export interface CliFinding {
  file: string;
  code: string;
  message: string;
  severity: Severity;
  range: Range;
  path: PathSegment[];
}

export function formatJson(findings: CliFinding[]): string {
  return JSON.stringify(findings, null, 2);
}

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[90m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

/** ESLint-like output: grouped by file, 1-based line:column, a summary line. */
export function formatStylish(findings: CliFinding[], color: boolean): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text);
  const byFile = new Map<string, CliFinding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(paint(BOLD, file));
    const positions = list.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`);
    const posWidth = Math.max(...positions.map((p) => p.length));
    const sevWidth = Math.max(...list.map((f) => f.severity.length));
    list.forEach((f, i) => {
      out.push(`  ${paint(DIM, positions[i].padEnd(posWidth))}  ${paint(COLORS[f.severity], f.severity.padEnd(sevWidth))}  ${f.message}  ${paint(DIM, f.code)}`);
    });
    out.push('');
  }
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}${count(s) === 1 ? '' : 's'}`);
  if (findings.length === 0) out.push(paint('\x1b[32m', '✔ No problems found'));
  else out.push(paint(count('error') ? COLORS.error : COLORS.warning, `✖ ${findings.length} problem${findings.length === 1 ? '' : 's'} (${parts.join(', ')})`));
  return out.join('\n');
}
