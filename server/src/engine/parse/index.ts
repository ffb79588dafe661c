import type { AstNode } from '../ast';
import { detectEol, LineIndex } from '../lineIndex';
import { parseJson } from './parseJson';
import { parseYaml } from './parseYaml';
import type { ParseProblem } from './problems';

export type SourceFormat = 'yaml' | 'json';
export type { ParseProblem } from './problems';

/** Text plus its syntax tree: the input of every later stage. */
export interface ParsedDocument {
  text: string;
  format: SourceFormat;
  root: AstNode | undefined;
  problems: ParseProblem[];
  lines: LineIndex;
  eol: '\n' | '\r\n';
  /** The YAML uses aliases (`*name`), so one node can sit in several places. */
  hasAliases?: boolean;
}

export function parse(text: string, format: SourceFormat): ParsedDocument {
  let output;
  try {
    output = format === 'json' ? parseJson(text) : parseYaml(text);
  } catch (error) {
    // Parsers recurse on nesting; whatever they throw becomes a diagnostic, never a crash.
    output = {
      root: undefined,
      problems: [{ message: `The document could not be parsed: ${(error as Error).message}`, offset: 0, end: Math.min(1, text.length), severity: 'error' as const, code: 'parser-failure' }],
    };
  }
  return { text, format, root: output.root, problems: capProblems(output.problems.map((p) => visible(p, text))), lines: new LineIndex(text), eol: detectEol(text), ...(output.hasAliases ? { hasAliases: true } : {}) };
}

/** A problem reported at the very end (an unclosed bracket) goes on the last character, where a user can see it. */
function visible(problem: ParseProblem, text: string): ParseProblem {
  const contentEnd = text.trimEnd().length;
  if (problem.offset < contentEnd || contentEnd === 0) return problem;
  return { ...problem, offset: contentEnd - 1, end: contentEnd };
}

/** A broken document can yield thousands of follow-on errors; the first ones are the useful ones. */
export const MAX_PARSE_PROBLEMS = 100;

function capProblems(unsorted: ParseProblem[]): ParseProblem[] {
  // In document order, so that what is kept is what comes first (not, say, 20,000 unclosed brackets at the end).
  const problems = [...unsorted].sort((a, b) => a.offset - b.offset);
  if (problems.length <= MAX_PARSE_PROBLEMS) return problems;
  const kept = problems.slice(0, MAX_PARSE_PROBLEMS);
  const last = kept[kept.length - 1];
  kept.push({ message: `${problems.length - MAX_PARSE_PROBLEMS} more syntax problems are not shown; fix the ones above first.`, offset: last.offset, end: last.end, severity: 'error', code: 'too-many-problems' });
  return kept;
}

/** Format from a file name or language id; content sniffing decides for anything else. */
export function formatFor(nameOrLanguage: string, text: string): SourceFormat {
  const lower = nameOrLanguage.toLowerCase();
  if (lower === 'json' || lower === 'jsonc' || lower.endsWith('.json') || lower.endsWith('.jsonc')) return 'json';
  if (lower === 'yaml' || lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return /^\s*[{[]/.test(text.slice(0, 1024)) ? 'json' : 'yaml';
}
