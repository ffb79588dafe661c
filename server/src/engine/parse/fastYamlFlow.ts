import type { ArrayNode, AstNode, ObjectNode, PathSegment } from '../ast';
import { COLON, CR, giveUp, HASH, isBreakOrSpace, isDocumentMarker, LF, lineEndAt, quotedOnLine, resolvePlain, SPACE, startsPlain } from './fastYamlScalars';
import { MAX_NESTING_DEPTH } from './problems';

const COMMA = 44;

/**
 * A flow collection (`[...]` or `{...}`) at `pos`, possibly over several lines, each more indented than
 * `indent`. Plain scalars in it stay on one line; empty entries, trailing commas and single-pair
 * mappings in sequences are left to `yaml`.
 */
export function parseFlowCollection(text: string, pos: number, indent: number, parent: AstNode | undefined, key: PathSegment | undefined, depth: number): { node: AstNode; end: number } {
  const flow = new FlowParser(text, indent);
  const node = flow.collection(pos, parent, key, depth);
  return { node, end: flow.pos };
}

class FlowParser {
  pos = 0;
  /** Collections open at `pos`. */
  private open = 0;

  constructor(
    private readonly text: string,
    private readonly indent: number,
  ) {}

  collection(start: number, parent: AstNode | undefined, key: PathSegment | undefined, depth: number): ObjectNode | ArrayNode {
    if (depth > MAX_NESTING_DEPTH) giveUp();
    const text = this.text;
    const isMap = text.charCodeAt(start) === 123;
    const close = isMap ? 125 : 93;
    const obj: ObjectNode | undefined = isMap ? { kind: 'object', properties: [], flow: true, offset: start, end: start, parent, key } : undefined;
    const arr: ArrayNode | undefined = isMap ? undefined : { kind: 'array', items: [], flow: true, offset: start, end: start, parent, key };
    const seen = new Set<string>();
    this.open++;
    this.pos = start + 1;
    this.space();
    if (text.charCodeAt(this.pos) !== close) {
      for (;;) {
        if (obj) {
          const keyOffset = this.pos;
          const { keyText, keyEnd } = this.key();
          if (seen.has(keyText) || keyText === '<<') giveUp();
          seen.add(keyText);
          const value = this.value(obj, keyText, depth + 1);
          obj.properties.push({ key: keyText, keyOffset, keyEnd, value, end: value.end });
        } else if (arr) {
          arr.items.push(this.value(arr, arr.items.length, depth + 1));
        }
        this.space();
        const c = text.charCodeAt(this.pos);
        if (c === close) break;
        if (c !== COMMA) giveUp();
        this.pos++;
        this.space();
        if (text.charCodeAt(this.pos) === close) giveUp(); // a trailing comma
      }
    }
    this.pos++;
    this.open--;
    const node = (obj ?? arr)!;
    node.end = this.pos;
    return node;
  }

  private key(): { keyText: string; keyEnd: number } {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    let keyText: string;
    let keyEnd: number;
    if (c === 34 || c === 39) {
      ({ value: keyText, end: keyEnd } = quotedOnLine(text, start));
      this.pos = keyEnd;
      this.space();
      if (text.charCodeAt(this.pos) !== COLON) giveUp();
      this.pos++;
    } else {
      if (!startsPlain(text, start)) giveUp();
      keyEnd = this.plainEnd(start);
      if (text.charCodeAt(keyEnd) !== COLON || !isBreakOrSpace(text, keyEnd + 1)) giveUp();
      keyText = String(resolvePlain(text.slice(start, keyEnd)));
      this.pos = keyEnd + 1;
    }
    this.space();
    const next = text.charCodeAt(this.pos);
    if (next === COMMA || next === 125) giveUp(); // a key without a value
    return { keyText, keyEnd };
  }

  private value(parent: AstNode, key: PathSegment, depth: number): AstNode {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === 91 || c === 123) return this.collection(start, parent, key, depth);
    if (c === 34 || c === 39) {
      const { value, end } = quotedOnLine(text, start);
      this.pos = end;
      return { kind: 'scalar', value, style: c === 34 ? 'double' : 'single', offset: start, end, parent, key };
    }
    if (!startsPlain(text, start)) giveUp();
    const end = this.plainEnd(start);
    if (text.charCodeAt(end) === COLON) giveUp(); // `[a: b]` or `{a: b: c}`
    this.pos = end;
    return { kind: 'scalar', value: resolvePlain(text.slice(start, end)), style: 'plain', offset: start, end, parent, key };
  }

  /** The end of a plain scalar on this line, before `,[]{}`, `: `, ` #` or the line's end, trailing spaces excluded. */
  private plainEnd(start: number): number {
    const text = this.text;
    const lineEnd = lineEndAt(text, start);
    let i = start;
    for (; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === 93 || c === 125) break;
      if (c === 91 || c === 123) giveUp();
      if (c === COLON) {
        const next = text.charCodeAt(i + 1);
        if (isBreakOrSpace(text, i + 1) || next === COMMA || next === 93 || next === 125 || next === 91 || next === 123) break;
      }
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) break;
    }
    while (i > start && text.charCodeAt(i - 1) === SPACE) i--;
    if (i === start) giveUp();
    return i;
  }

  /** Spaces, line breaks and comments between flow tokens; every new line must be indented past the block. */
  private space(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === SPACE) i++;
      else if (c === CR || c === LF) {
        i = text.indexOf('\n', i) + 1;
        if (i === 0) giveUp();
        let j = i;
        while (text.charCodeAt(j) === SPACE) j++;
        const next = text.charCodeAt(j);
        // Content must be indented past the block; a closing bracket may sit at the block's own column.
        if (j === i && isDocumentMarker(text, j)) giveUp();
        const closing = (next === 93 || next === 125) && this.open === 1; // only the outermost bracket
        if (next !== LF && next !== CR && (closing ? j - i < this.indent : j - i <= this.indent)) giveUp();
        i = j;
      } else if (c === HASH) {
        const before = text.charCodeAt(i - 1);
        if (before !== SPACE && before !== LF) giveUp();
        i = lineEndAt(text, i);
      } else break;
    }
    if (i >= text.length) giveUp(); // unclosed
    this.pos = i;
  }
}
