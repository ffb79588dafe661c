import { asArray, child, type AstNode } from './ast';
import type { ParsedDocument } from './parse';
import type { Finding } from './rule';

/** `# openapi-security-ignore <code> [<code>...] [-- reason]` on the line above a finding (YAML). */
export const IGNORE_COMMENT = 'openapi-security-ignore';
/** `x-openapi-security-ignore: [<code>, ...]` on the finding's object or any object around it (YAML and JSON). */
export const IGNORE_EXTENSION = 'x-openapi-security-ignore';

const COMMENT = new RegExp(`#\\s*${IGNORE_COMMENT}\\s+([^\\r\\n]*?)(?:\\s+--\\s.*)?$`);

/** Codes named by an ignore comment on this line, if it has one. */
export function ignoredOnLine(line: string): string[] {
  const match = COMMENT.exec(line.replace(/\r?\n$/, ''));
  return match ? match[1].split(/[\s,]+/).filter(Boolean) : [];
}

/**
 * Whether the user suppressed this finding where it is: by a YAML comment on the line above
 * (or at the end of its own line), or by the ignore extension on an enclosing object.
 */
export function isSuppressed(document: ParsedDocument, finding: Finding, ancestors?: SuppressionMemo): boolean {
  const code = finding.rule.id;
  const marks = suppressionMarks(document);
  if (!marks.comment && !marks.extension) return false;
  if (document.format === 'yaml' && marks.comment) {
    const line = document.lines.positionAt(finding.offset).line;
    const text = (n: number) => document.text.slice(document.lines.lineStarts[n], n + 1 < document.lines.lineCount ? document.lines.lineStarts[n + 1] : document.text.length);
    if (ignoredOnLine(text(line)).includes(code)) return true;
    if (line > 0 && /^\s*#/.test(text(line - 1)) && ignoredOnLine(text(line - 1)).includes(code)) return true;
  }
  return marks.extension && extensionCodes(finding.node, ancestors).includes(code);
}

/**
 * Codes the ignore extension names at each node and the nodes around it, for one pass over a tree's findings:
 * thousands of findings share their ancestors, which are then read once, not once per finding.
 */
export type SuppressionMemo = Map<AstNode, readonly string[]>;

const NONE: readonly string[] = [];

/** The codes the ignore extension names on `node` or any object around it. */
function extensionCodes(node: AstNode, memo?: SuppressionMemo): readonly string[] {
  const unknown: AstNode[] = [];
  let codes = NONE;
  for (let current: AstNode | undefined = node; current; current = current.parent) {
    const known = memo?.get(current);
    if (known) {
      codes = known;
      break;
    }
    unknown.push(current);
  }
  for (let i = unknown.length - 1; i >= 0; i--) {
    const ignore = child(unknown[i], IGNORE_EXTENSION);
    if (ignore) codes = [...codes, ...(ignore.kind === 'scalar' ? [String(ignore.value)] : (asArray(ignore)?.items ?? []).map((item) => (item.kind === 'scalar' ? String(item.value) : '')))];
    memo?.set(unknown[i], codes);
  }
  return codes;
}

interface SuppressionMarks {
  text: string;
  comment: boolean;
  extension: boolean;
}
const marksByDocument = new WeakMap<ParsedDocument, SuppressionMarks>();
const LETTER_ESCAPE = /\\[xuU\r\n]/;

/**
 * Whether the text can hold an ignore comment or extension at all: most documents have neither, and then
 * thousands of findings need no line or ancestor look-ups. A key spelled with escapes (`\u002d`) still
 * counts: only `\x`, `\u` and `\U` escapes (YAML and JSON) make letters or `-`, and an escaped line break
 * joins a YAML key's halves, so any of them keeps the extension look-up. Other escapes (`\n`, `\"`, `\/`) are
 * common in descriptions and cannot spell the key (box-1761k.json has 2,105 of them; looking up its 3,759
 * findings' ancestors took ~15 ms of a cold lint).
 */
function suppressionMarks(document: ParsedDocument): SuppressionMarks {
  const known = marksByDocument.get(document);
  if (known && known.text === document.text) return known;
  const comment = document.text.includes(IGNORE_COMMENT);
  const marks = { text: document.text, comment, extension: comment || LETTER_ESCAPE.test(document.text) };
  marksByDocument.set(document, marks);
  return marks;
}
