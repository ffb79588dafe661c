/**
 * Re-parses only the path item an edit touched and splices it into the previous tree.
 *
 * The previous tree is updated in place: nodes after the edit move by the length difference and
 * keep their identity, so caches keyed by node (resolved `$ref`s, schema reachability) stay valid.
 * Anything this cannot prove equal to a full parse returns undefined, and the caller parses the
 * whole text; every check happens before the tree is touched.
 */
import { asObject, child, type AstNode, type ObjectNode, type PropertyNode } from '../ast';
import { detectEol, LineIndex } from '../lineIndex';
import type { ParsedDocument } from '../parse';
import { parseJson } from '../parse/parseJson';
import { MAX_NESTING_DEPTH } from '../parse/problems';
import { parseYaml } from '../parse/parseYaml';

/** What changed between two texts: `[start, oldEnd)` of the old text became `[start, newEnd)`. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** One path item replaced: `oldProp` (its nodes untouched, at old offsets) by `newProp`. */
export interface PathItemChange extends TextChange {
  paths: ObjectNode;
  index: number;
  oldProp: PropertyNode;
  newProp: PropertyNode;
  delta: number;
}

/** How far an ambiguous edit is shifted to fit one path item. */
const MAX_SLIDE = 256;

/** The smallest span that differs, from the common prefix and suffix. */
export function changedSpan(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  // Whole chunks first (native comparison), then characters: a character loop over megabytes costs tens of milliseconds.
  const CHUNK = 4096;
  let start = 0;
  while (start + CHUNK <= shorter && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  const room = shorter - start;
  let tail = 0;
  while (tail + CHUNK <= room && before.slice(before.length - tail - CHUNK, before.length - tail) === after.slice(after.length - tail - CHUNK, after.length - tail)) tail += CHUNK;
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/** A checked edit of one path item, not applied yet: the previous tree is still the previous text's. */
export interface PathItemPlan {
  previous: ParsedDocument;
  text: string;
  span: TextChange;
  root: ObjectNode;
  paths: ObjectNode;
  /** The edited entry of `paths`. */
  index: number;
  /** The edited block in the previous text: `[start, end)`; in the new text it ends `delta` further. */
  start: number;
  end: number;
  delta: number;
  /** The path item as re-parsed, at offsets relative to `start`. */
  newProp: PropertyNode;
}

/** The new document with the edited path item re-parsed, or undefined when only a full parse is safe. */
export function reparsePathItem(previous: ParsedDocument, text: string): { document: ParsedDocument; change: PathItemChange } | undefined {
  const plan = planPathItemEdit(previous, text);
  return plan && applyPathItemEdit(plan);
}

/** Checks that `text` differs from the previous text inside one path item only and re-parses that item; nothing is changed yet. */
export function planPathItemEdit(previous: ParsedDocument, text: string): PathItemPlan | undefined {
  const root = asObject(previous.root);
  const paths = asObject(child(root, 'paths'));
  if (!root || !paths || previous.problems.length > 0 || previous.hasAliases || paths.properties.some((p) => p.inherited)) return undefined;
  let span = changedSpan(previous.text, text);
  if (!span) return undefined;
  const delta = span.newEnd - span.oldEnd;
  const blockOf = (s: TextChange) => (previous.format === 'json' ? jsonBlock(paths, s) : yamlBlock(previous, root, paths, s));
  let found = blockOf(span);
  // The shortest diff is ambiguous: a deleted last line `    x: 1\n` before `  /b:` diffs as `  x: 1\n  `, into the next item.
  // The same edit shifted left (while the characters allow it) may fit one item.
  for (let slid = 0; !found && slid < MAX_SLIDE && span.start > 0 && previous.text.charCodeAt(span.oldEnd - 1) === text.charCodeAt(span.newEnd - 1); slid++) {
    span = { start: span.start - 1, oldEnd: span.oldEnd - 1, newEnd: span.newEnd - 1 };
    found = blockOf(span);
  }
  if (!found) return undefined;
  const { index, start, end } = found;
  const oldProp = paths.properties[index];
  const blockText = text.slice(start, end + delta);
  const parsed = previous.format === 'json' ? parseJson(blockText) : parseYaml(blockText);
  if (parsed.problems.length > 0 || parsed.hasAliases || !parsed.root || depthOf(parsed.root) > MAX_NESTING_DEPTH - 3) return undefined;

  let newProp: PropertyNode;
  if (previous.format === 'json') {
    newProp = { ...oldProp, keyOffset: oldProp.keyOffset - start, keyEnd: oldProp.keyEnd - start, value: parsed.root, end: parsed.root.end };
  } else {
    const block = asObject(parsed.root);
    const column = oldProp.keyOffset - start;
    if (!block || block.flow || block.properties.length !== 1 || block.properties[0].keyOffset !== column || !indentedUnder(blockText, column)) return undefined;
    const only = block.properties[0];
    if (only.inherited || (only.key !== oldProp.key && paths.properties.some((p, i) => i !== index && p.key === only.key))) return undefined;
    newProp = { key: only.key, keyOffset: only.keyOffset, keyEnd: only.keyEnd, value: only.value, end: only.end };
  }
  return { previous, text, span, root, paths, index, start, end, delta, newProp };
}

/** Splices the re-parsed item into the previous tree and moves everything after it. The previous document is the new one's from now on. */
export function applyPathItemEdit(plan: PathItemPlan): { document: ParsedDocument; change: PathItemChange } {
  const { previous, text, span, root, paths, index, start, end, delta, newProp } = plan;
  const oldProp = paths.properties[index];
  if (newProp.value) moveSubtree(newProp.value, start);
  newProp.keyOffset += start;
  newProp.keyEnd += start;
  newProp.end += start;
  if (newProp.value) {
    newProp.value.parent = paths;
    newProp.value.key = newProp.key;
  }
  shiftAround(root, oldProp, delta, span.oldEnd);
  paths.properties[index] = newProp;
  delete paths.index;
  if (previous.format !== 'json') {
    // A block mapping ends where its last entry ends: the re-parsed item may be that entry.
    const pathsProp = root.properties.find((p) => p.value === paths);
    if (!paths.flow) paths.end = lastEnd(paths);
    if (pathsProp) pathsProp.end = paths.end;
    if (!root.flow) root.end = lastEnd(root);
  }
  const lines = LineIndex.spliced(previous.lines, text, span.start, span.oldEnd, span.newEnd);
  const document: ParsedDocument = { text, format: previous.format, root, problems: [], lines, eol: previous.eol === detectEol(text) ? previous.eol : detectEol(text) };
  return { document, change: { start, oldEnd: end, newEnd: end + delta, paths, index, oldProp, newProp, delta } };
}

/** JSON: the edit must lie strictly inside one path item's braces (its key and the commas around stay as they were). */
function jsonBlock(paths: ObjectNode, span: TextChange): { index: number; start: number; end: number } | undefined {
  const index = lastStartingBefore(paths.properties, (p) => p.value?.offset ?? p.keyOffset, span.start);
  const value = paths.properties[index]?.value;
  if (!value || value.kind !== 'object' || span.start <= value.offset || span.oldEnd >= value.end) return undefined;
  return { index, start: value.offset, end: value.end };
}

/**
 * YAML: the lines from one path item's key to the next item's key (or to the next top-level key), when the
 * edit lies within them and the new block still ends at a line break, so the text after it parses as before.
 */
function yamlBlock(previous: ParsedDocument, root: ObjectNode, paths: ObjectNode, span: TextChange): { index: number; start: number; end: number } | undefined {
  if (paths.flow || root.flow) return undefined;
  const lines = previous.lines;
  const lineStart = (offset: number) => lines.lineStarts[lines.positionAt(offset).line];
  const props = paths.properties;
  const index = lastStartingBefore(props, (p) => lineStart(p.keyOffset), span.start);
  if (index < 0) return undefined;
  const start = lineStart(props[index].keyOffset);
  let end: number;
  if (index + 1 < props.length) end = lineStart(props[index + 1].keyOffset);
  else {
    const after = root.properties.filter((p) => p.keyOffset > paths.end).sort((a, b) => a.keyOffset - b.keyOffset)[0];
    end = after ? lineStart(after.keyOffset) : previous.text.length;
  }
  if (span.start < start || span.oldEnd > end) return undefined;
  // Keys of one mapping sit on their own lines, in order; anything else (`? ` keys, two keys a line) is left to the full parser.
  if (props.some((p, i) => i > 0 && lineStart(p.keyOffset) <= lineStart(props[i - 1].keyOffset))) return undefined;
  return { index, start, end };
}

/** The last entry whose position is at or before `offset` (entries are in document order). */
function lastStartingBefore(props: readonly PropertyNode[], position: (p: PropertyNode) => number, offset: number): number {
  let low = 0;
  let high = props.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (position(props[mid]) <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** The block ends at a line break (or the end of the text) and no content line after the key starts at or left of its column. */
function indentedUnder(block: string, column: number): boolean {
  if (block.length > 0 && !block.endsWith('\n') && !block.endsWith('\r')) return false;
  let lineStart = block.indexOf('\n') + 1;
  while (lineStart > 0 && lineStart < block.length) {
    let i = lineStart;
    while (block.charCodeAt(i) === 32) i++;
    const ch = block.charCodeAt(i);
    const blank = ch === 10 || ch === 13 || Number.isNaN(ch);
    if (!blank && ch !== 35 /* # */ && i - lineStart <= column) return false;
    lineStart = block.indexOf('\n', i) + 1;
  }
  return true;
}

function lastEnd(node: ObjectNode): number {
  const last = node.properties[node.properties.length - 1];
  return last ? last.end : node.end;
}

/** Moves every position of a subtree by `delta`. Iterative: depth is no risk. */
function moveSubtree(top: AstNode, delta: number): void {
  const stack: AstNode[] = [top];
  while (stack.length) {
    const node = stack.pop()!;
    node.offset += delta;
    node.end += delta;
    if (node.kind === 'object') {
      for (const p of node.properties) {
        p.keyOffset += delta;
        p.keyEnd += delta;
        p.end += delta;
        if (p.value && !p.inherited) stack.push(p.value);
      }
    } else if (node.kind === 'array') {
      for (const item of node.items) stack.push(item);
    }
  }
}

/**
 * Moves every position at or after `from` by `delta`: subtrees that start there move whole (children never
 * start before their parent), subtrees that end before it are skipped, the replaced item is left as it was.
 */
function shiftAround(root: ObjectNode, replaced: PropertyNode, delta: number, from: number): void {
  if (delta === 0) return;
  const stack: AstNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.offset >= from) {
      moveSubtree(node, delta);
      continue;
    }
    if (node.end >= from) node.end += delta;
    if (node.kind === 'object') {
      for (const p of node.properties) {
        if (p === replaced || p.inherited) continue;
        if (p.keyOffset >= from) p.keyOffset += delta;
        if (p.keyEnd >= from) p.keyEnd += delta;
        if (p.end >= from) p.end += delta;
        if (p.value && p.value.end >= from) stack.push(p.value);
      }
    } else if (node.kind === 'array') {
      for (const item of node.items) if (item.end >= from) stack.push(item);
    }
  }
}

function depthOf(top: AstNode): number {
  let max = 0;
  const stack: Array<[AstNode, number]> = [[top, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (node.kind === 'object') for (const p of node.properties) p.value && stack.push([p.value, depth + 1]);
    else if (node.kind === 'array') for (const item of node.items) stack.push([item, depth + 1]);
  }
  return max;
}
