/**
 * Edits an author makes inside one path item, for the incremental-lint equivalence tests: typing and
 * deleting in values, removing a line, changing a type, renaming the path, adding a `$ref`, a
 * suppression comment or a line with a syntax error. Positions come from the current tree.
 */
import { asObject, child, type AstNode, type PropertyNode } from '../../server/src/engine/ast';
import type { Analysis } from '../../server/src/engine';

export type Random = (n: number) => number;

export interface PathItemEdit {
  kind: string;
  text: string;
}

/** Scalars inside a subtree, in no particular order. */
function scalarsIn(top: AstNode | undefined): AstNode[] {
  const out: AstNode[] = [];
  const stack = top ? [top] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind === 'scalar') out.push(node);
    else if (node.kind === 'object') for (const p of node.properties) p.value && stack.push(p.value);
    else stack.push(...node.items);
  }
  return out;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** One edit inside a random path item of `analysis`'s document, or undefined when it has no paths. */
export function pathItemEdit(analysis: Analysis, random: Random): PathItemEdit | undefined {
  const { text, format } = analysis.document;
  const paths = asObject(child(analysis.document.root, 'paths'));
  if (!paths || paths.properties.length === 0) return undefined;
  const item: PropertyNode = paths.properties[random(paths.properties.length)];
  const scalars = scalarsIn(item.value).filter((s) => s.end > s.offset + 2);
  const scalar = scalars.length ? scalars[random(scalars.length)] : undefined;
  const at = scalar ? scalar.offset + 1 + random(scalar.end - scalar.offset - 2) : item.keyEnd - 1;
  const replace = (start: number, end: number, by: string) => text.slice(0, start) + by + text.slice(end);
  const indentOf = (offset: number) => /^[ ]*/.exec(text.slice(lineStart(text, offset)))![0];
  const kinds = ['type', 'type', 'delete-char', 'delete-line', 'retype', 'rename-path', 'add-ref', 'ignore-comment', 'break-syntax', 'add-property'];
  const kind = kinds[random(kinds.length)];
  switch (kind) {
    case 'type':
      return { kind, text: replace(at, at, 'q') };
    case 'delete-char':
      return { kind, text: replace(at, at + 1, '') };
    case 'delete-line': {
      // A whole line of the item (not its key line): a keyword, a list entry, an example.
      if (format === 'json' || !scalar) return { kind: 'type', text: replace(at, at, 'z') };
      const start = lineStart(text, scalar.offset);
      const end = text.indexOf('\n', scalar.end);
      return start > item.keyOffset ? { kind, text: replace(start, end < 0 ? text.length : end + 1, '') } : { kind: 'type', text: replace(at, at, 'z') };
    }
    case 'retype': {
      const body = text.slice(item.keyOffset, item.end);
      const match = /"?type"?\s*:\s*"?(string|integer|array|object)/.exec(body);
      if (!match) return { kind: 'type', text: replace(at, at, 'w') };
      const offset = item.keyOffset + match.index + match[0].length - match[1].length;
      return { kind, text: replace(offset, offset + match[1].length, match[1] === 'string' ? 'integer' : 'string') };
    }
    case 'rename-path':
      return { kind, text: replace(item.keyEnd - 1, item.keyEnd - 1, '-v2') };
    case 'add-ref': {
      // A response that now points at a shared schema (or at nothing: an unresolved reference).
      const responses = asObject(child(asObject(item.value)?.properties.map((p) => p.value).find((v) => child(v, 'responses')), 'responses'));
      const first = responses?.properties[0];
      if (!first || format === 'json') return { kind: 'type', text: replace(at, at, 'r') };
      const indent = indentOf(first.keyOffset);
      const target = random(2) ? '#/components/schemas/Error' : '#/components/responses/NotThere';
      return { kind, text: replace(lineStart(text, first.keyOffset), lineStart(text, first.keyOffset), `${indent}'499':\n${indent}  $ref: '${target}'\n`) };
    }
    case 'ignore-comment': {
      if (format === 'json' || !scalar) return { kind: 'type', text: replace(at, at, 'i') };
      const start = lineStart(text, scalar.offset);
      return { kind, text: replace(start, start, `${indentOf(scalar.offset)}# openapi-security-ignore owasp:api4:2023-string-limit owasp:api4:2023-integer-limit\n`) };
    }
    case 'break-syntax':
      return { kind, text: replace(at, at, format === 'json' ? '}' : '\n: [') };
    default: {
      // A new keyword next to the scalar, as typed: `maxLength: 10` or `"maxLength": 10,`.
      if (!scalar || scalar.parent?.kind !== 'object') return { kind: 'type', text: replace(at, at, 'p') };
      const owner = asObject(scalar.parent)!;
      const prop = owner.properties.find((p) => p.value === scalar);
      if (!prop) return { kind: 'type', text: replace(at, at, 'p') };
      if (format === 'json') return { kind, text: replace(prop.keyOffset, prop.keyOffset, '"maxLength": 10, ') };
      if (owner.flow) return { kind: 'type', text: replace(at, at, 'p') };
      const start = lineStart(text, prop.keyOffset);
      return { kind, text: replace(start, start, `${indentOf(prop.keyOffset)}maxLength: 10\n`) };
    }
  }
}
