import type { ArrayNode, AstNode, ObjectNode, PropertyNode } from '../ast';
import type { ParsedDocument } from '../parse';
import { jsonValue, quoteYaml, yamlBlockEntry, yamlFlow, yamlKey, yamlScalar, type PlainValue } from './render';
import type { TextEdit } from './textEdit';

/**
 * Minimal, style-preserving edits on YAML (block and flow) and JSON: they insert or
 * replace only the characters that change and follow the document's own indentation,
 * quoting and line endings. Each returns undefined when the structure around the node
 * cannot be edited safely: no fix is better than a corrupted document.
 */

export interface InsertOptions {
  /** A YAML comment after a scalar value (block style only: JSON has no comments, and a comment would end a flow mapping's line). */
  comment?: string;
}

/** Adds `key: value` as the last entry of an object. */
export function insertProperty(doc: ParsedDocument, obj: ObjectNode, key: string, value: PlainValue, options: InsertOptions = {}): TextEdit | undefined {
  return insertProperties(doc, obj, [[key, value]], options);
}

/** Adds entries, in order, after the last entry of an object: one edit. */
export function insertProperties(doc: ParsedDocument, obj: ObjectNode, entries: Array<[string, PlainValue]>, options: InsertOptions = {}): TextEdit | undefined {
  const own = obj.properties.filter((p) => !p.inherited);
  if (entries.length === 0 || entries.some(([key]) => own.some((p) => p.key === key))) return undefined;
  if (doc.format === 'json') return joinInsertions(entries.map(([key, value], i) => insertJsonProperty(doc, obj, own, key, value, i > 0)));
  if (obj.flow) return insertFlowProperties(doc, obj, own, entries);
  const last = own[own.length - 1];
  if (!last) return undefined;
  const column = doc.lines.columnOf(own[0].keyOffset);
  // Every sibling must start its own line at the same column, or we cannot know the layout.
  if (own.some((p) => doc.lines.columnOf(p.keyOffset) !== column || !startsLine(doc, p.keyOffset))) return undefined;
  const quote = keyQuote(doc, own);
  const comment = (value: PlainValue) => (options.comment && (value === null || typeof value !== 'object') ? ` # ${options.comment}` : '');
  const text = entries.map(([key, value]) => yamlBlockEntry(key, value, column, indentUnit(doc), doc.eol, quote) + comment(value)).join(doc.eol);
  const at = doc.lines.nextLineStart(last.end);
  const needsBreak = at === doc.text.length && !/[\r\n]$/.test(doc.text);
  return { offset: at, end: at, newText: needsBreak ? doc.eol + text : text + doc.eol };
}

/** Insertions computed for the same spot, one after the other, as one edit. */
function joinInsertions(edits: Array<TextEdit | undefined>): TextEdit | undefined {
  if (edits.some((e) => !e) || edits.length === 0) return undefined;
  const [first] = edits as TextEdit[];
  if ((edits as TextEdit[]).some((e) => e.offset !== first.offset || e.end !== first.end)) return undefined;
  return { offset: first.offset, end: first.end, newText: (edits as TextEdit[]).map((e) => e.newText).join('') };
}

/** Replaces a property's value, keeping the key and everything around it. */
export function replacePropertyValue(doc: ParsedDocument, prop: PropertyNode, value: PlainValue): TextEdit | undefined {
  const old = prop.value;
  if (!old || prop.inherited) return undefined;
  if (doc.format === 'json') return { offset: old.offset, end: old.end, newText: jsonValue(value, '', '', doc.eol) };
  const quote = old.kind === 'scalar' && old.style === 'single' ? "'" : '"';
  if (old.kind === 'scalar' || ('flow' in old && old.flow)) {
    if (old.end <= old.offset || (old.kind === 'scalar' && old.style === 'block')) return undefined;
    const keepQuotes = old.kind === 'scalar' && old.style !== 'plain' && typeof value === 'string';
    const text = typeof value === 'object' && value !== null ? yamlFlow(value, quote) : keepQuotes ? quoteYaml(value, quote) : yamlScalar(value, quote);
    return { offset: old.offset, end: old.end, newText: text };
  }
  // A block collection: replace from just after the colon to its end, so the new scalar sits on the key's line.
  const colon = doc.text.indexOf(':', prop.keyEnd);
  if (colon < 0 || colon > old.offset) return undefined;
  return { offset: colon + 1, end: old.end, newText: ` ${typeof value === 'object' && value !== null ? yamlFlow(value, quote) : yamlScalar(value, quote)}` };
}

/** Sets `key` to `value`: replaces the value when the key exists, inserts it otherwise. */
export function setProperty(doc: ParsedDocument, obj: ObjectNode, key: string, value: PlainValue): TextEdit | undefined {
  const existing = obj.properties.find((p) => p.key === key && !p.inherited);
  return existing ? replacePropertyValue(doc, existing, value) : insertProperty(doc, obj, key, value);
}

/** Replaces a string scalar's content, keeping its quotes. */
export function replaceStringContent(doc: ParsedDocument, node: AstNode, from: number, to: number, newText: string): TextEdit | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || from < node.offset || to > node.end) return undefined;
  return { offset: from, end: to, newText };
}

/** Removes one item of a list, with its dash line (block YAML) or its separating comma (flow, JSON). */
export function removeArrayItem(doc: ParsedDocument, list: ArrayNode, index: number): TextEdit | undefined {
  const item = list.items[index];
  if (!item || item.parent !== list) return undefined;
  if (doc.format === 'yaml' && !list.flow) {
    const lineStart = doc.lines.lineStartOf(item.offset);
    const before = doc.text.slice(lineStart, item.offset);
    if (!/^\s*-\s+$/.test(before)) return undefined;
    return { offset: lineStart, end: doc.lines.nextLineStart(item.end), newText: '' };
  }
  if (list.items.length === 1) return { offset: item.offset, end: item.end, newText: '' };
  if (index < list.items.length - 1) return { offset: item.offset, end: list.items[index + 1].offset, newText: '' };
  return { offset: list.items[index - 1].end, end: item.end, newText: '' };
}

function insertFlowProperties(doc: ParsedDocument, obj: ObjectNode, own: PropertyNode[], entries: Array<[string, PlainValue]>): TextEdit | undefined {
  const quote = keyQuote(doc, own) || "'";
  const text = entries.map(([key, value]) => `${yamlKey(key, quote)}: ${yamlFlow(value, quote)}`).join(', ');
  const last = own[own.length - 1];
  if (!last) {
    if (doc.text[obj.offset] !== '{') return undefined;
    return { offset: obj.offset + 1, end: obj.offset + 1, newText: text };
  }
  return { offset: last.end, end: last.end, newText: `, ${text}` };
}

function insertJsonProperty(doc: ParsedDocument, obj: ObjectNode, own: PropertyNode[], key: string, value: PlainValue, afterInserted = false): TextEdit | undefined {
  if (doc.text[obj.offset] !== '{') return undefined;
  const unit = jsonIndentUnit(doc);
  const last = own[own.length - 1];
  const multiline = last
    ? doc.lines.positionAt(last.keyOffset).line !== doc.lines.positionAt(obj.offset).line
    : unit !== '' && doc.lines.positionAt(obj.end).line !== doc.lines.positionAt(obj.offset).line;
  const space = unit === '' ? '' : ' ';
  if (!multiline) {
    const entry = `${JSON.stringify(key)}:${space}${jsonValue(value, '', '', doc.eol)}`;
    if (!last) return { offset: obj.offset + 1, end: obj.offset + 1, newText: afterInserted ? `,${space}${entry}` : entry };
    return { offset: last.end, end: last.end, newText: `,${space}${entry}` };
  }
  const indent = last ? leadingWhitespace(doc, last.keyOffset) : leadingWhitespace(doc, obj.offset) + unit;
  const entry = `${JSON.stringify(key)}: ${jsonValue(value, indent, unit, doc.eol)}`;
  if (!last) return { offset: obj.offset + 1, end: obj.offset + 1, newText: `${afterInserted ? ',' : ''}${doc.eol}${indent}${entry}` };
  return { offset: last.end, end: last.end, newText: `,${doc.eol}${indent}${entry}` };
}

function startsLine(doc: ParsedDocument, offset: number): boolean {
  return /^\s*(-\s+)*$/.test(doc.text.slice(doc.lines.lineStartOf(offset), offset));
}

function leadingWhitespace(doc: ParsedDocument, offset: number): string {
  const start = doc.lines.lineStartOf(offset);
  return /^[ \t]*/.exec(doc.text.slice(start, offset))![0];
}

/** How the document's sibling keys are quoted, so new keys look the same. */
function keyQuote(doc: ParsedDocument, siblings: PropertyNode[]): '"' | "'" | '' {
  for (const p of siblings) {
    const first = doc.text[p.keyOffset];
    if (first === '"' || first === "'") return first;
  }
  return '';
}

const indentCache = new WeakMap<ParsedDocument, number>();

/** YAML indentation width: the first indented line after an unindented one (2 if none). */
export function indentUnit(doc: ParsedDocument): number {
  const cached = indentCache.get(doc);
  if (cached !== undefined) return cached;
  let unit = 2;
  const lines = doc.text.slice(0, 200_000).split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const match = /^( +)[^ #\-]/.exec(lines[i]);
    if (match && /^[^ #\s]/.test(lines[i - 1])) {
      unit = match[1].length;
      break;
    }
  }
  indentCache.set(doc, unit);
  return unit;
}

/** JSON indentation unit ('' for minified JSON). */
function jsonIndentUnit(doc: ParsedDocument): string {
  const match = /\n([ \t]+)\S/.exec(doc.text.slice(0, 10_000));
  return match ? match[1] : '';
}

