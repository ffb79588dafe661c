import { asArray, child, property, type AstNode, type ObjectNode } from '../ast';
import { insertProperty } from '../edit/structuralEdits';
import type { TextEdit } from '../edit/textEdit';
import type { ParsedDocument } from '../parse';
import type { Finding } from '../rule';
import { IGNORE_COMMENT, IGNORE_EXTENSION, ignoredOnLine } from '../suppressions';

/**
 * "Ignore this finding here": a YAML comment on the line above (extended when one is already
 * there), or, in JSON where comments do not exist, the ignore extension on the nearest object.
 */
export function ignoreHereEdit(document: ParsedDocument, finding: Finding): TextEdit | undefined {
  const code = finding.rule.id;
  if (document.format === 'yaml') {
    const line = document.lines.positionAt(finding.offset).line;
    const start = document.lines.lineStarts[line];
    const previousStart = line > 0 ? document.lines.lineStarts[line - 1] : -1;
    if (previousStart >= 0) {
      const previous = document.text.slice(previousStart, start).replace(/\r?\n$/, '');
      if (/^\s*#/.test(previous) && ignoredOnLine(previous).length > 0) {
        // Add the code to the existing list, before any `-- reason`.
        const at = previous.indexOf(' -- ') >= 0 ? previousStart + previous.indexOf(' -- ') : previousStart + previous.length;
        return { offset: at, end: at, newText: ` ${code}` };
      }
    }
    // The comment starts where the line's content does (at the dash of a sequence item).
    const indent = /^[ \t]*/.exec(document.text.slice(start, finding.offset))?.[0] ?? '';
    return { offset: start, end: start, newText: `${indent}# ${IGNORE_COMMENT} ${code} -- reason: why this is acceptable${document.eol}` };
  }
  const target = nearestObject(finding.node);
  if (!target) return undefined;
  const existing = asArray(child(target, IGNORE_EXTENSION));
  if (existing) {
    const last = existing.items[existing.items.length - 1];
    return last ? { offset: last.end, end: last.end, newText: `, ${JSON.stringify(code)}` } : { offset: existing.offset + 1, end: existing.offset + 1, newText: JSON.stringify(code) };
  }
  if (property(target, IGNORE_EXTENSION)) return undefined;
  return insertProperty(document, target, IGNORE_EXTENSION, [code]);
}

function nearestObject(node: AstNode): ObjectNode | undefined {
  for (let current: AstNode | undefined = node; current; current = current.parent) {
    if (current.kind === 'object') return current;
  }
  return undefined;
}
