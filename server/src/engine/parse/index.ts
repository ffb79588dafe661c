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
  return { text, format, root: output.root, problems: output.problems, lines: new LineIndex(text), eol: detectEol(text) };
}

/** Format from a file name or language id; content sniffing decides for anything else. */
export function formatFor(nameOrLanguage: string, text: string): SourceFormat {
  const lower = nameOrLanguage.toLowerCase();
  if (lower === 'json' || lower === 'jsonc' || lower.endsWith('.json') || lower.endsWith('.jsonc')) return 'json';
  if (lower === 'yaml' || lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return /^\s*[{[]/.test(text.slice(0, 1024)) ? 'json' : 'yaml';
}
