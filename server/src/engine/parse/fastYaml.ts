import type { ArrayNode, AstNode, ObjectNode, PathSegment, PropertyNode, ScalarNode } from '../ast';
import { parseFlowCollection } from './fastYamlFlow';
import { COLON, CR, DASH, GIVE_UP, giveUp, HASH, isBreakOrSpace, isDocumentMarker, LF, lineEndAt, nextColonHashOrBreak, parseBlockScalar, quotedEnd, quotedEndOverLines, quotedOnLine, quotedValue, resolvePlain, SPACE, startsPlain } from './fastYamlScalars';
import { MAX_NESTING_DEPTH } from './problems';

/**
 * A fast parser for the YAML that OpenAPI documents are written in: block mappings and sequences,
 * plain, quoted and block scalars (over several lines too), flow collections, comments, explicit
 * `? key`s. It builds the engine's tree directly, about eight times faster than `yaml`'s parseDocument
 * and its conversion, and without a second tree in memory. Anything outside that subset, or anything
 * `yaml` would report (duplicate keys, tabs, anchors, tags, merge keys, odd indentation, a second
 * document), makes it give up: it returns undefined and the caller parses with `yaml`. It never returns
 * a tree that differs from the `yaml` path (test/fastYaml.test.ts compares both over the corpus, hand
 * cases and seeded random edits).
 */
export function parseYamlFast(text: string): AstNode | undefined {
  if (UNSUPPORTED_CHARACTERS.test(text)) return undefined;
  try {
    return new FastYamlParser(text).document();
  } catch (error) {
    // Anything else would be a bug here; it must not cost a user their diagnostics: `yaml` still parses the text.
    if (error !== GIVE_UP && process.env.OPENAPI_SECURITY_FAST_YAML_STRICT) throw error;
    return undefined;
  }
}

/** Control characters, a byte-order mark, tabs and lone carriage returns: rare, and `yaml` has rules for each. */
const UNSUPPORTED_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\t]|\r(?!\n)/;

/** A line's first character that is not a space, with its column. */
interface ContentStart {
  pos: number;
  col: number;
}

interface KeyInMapping {
  keyText: string;
  keyOffset: number;
  keyEnd: number;
  /** The `:` after the key (on the next line for an explicit `? key`). */
  colonAt: number;
}

class FastYamlParser {
  /** Where the next unparsed line starts (always a line start, or the text's length). */
  private pos = 0;
  /** The last `keyEnd` question and its answer (most keys are asked about twice). */
  private keyEndAsked = -1;
  private keyEndAnswer = -1;

  constructor(private readonly text: string) {}

  document(): AstNode {
    let start = this.nextContent(0, true);
    if (!start) giveUp();
    const text = this.text;
    if (start.col === 0 && isDocumentMarker(text, start.pos)) {
      if (text.charCodeAt(start.pos) !== DASH) giveUp();
      this.restOfLineIsBlank(start.pos + 3);
      start = this.nextContent(this.pos);
      if (!start) giveUp();
    }
    const c = text.charCodeAt(start.pos);
    if (c === 37 /* % */) giveUp();
    let root: AstNode;
    if (this.isSequenceDash(start.pos)) root = this.blockSequence(start, undefined, undefined, 0);
    else if (this.keyEnd(start.pos) >= 0) root = this.blockMapping(start, undefined, undefined, 0);
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      root = this.flowCollection(start.pos, -1, undefined, undefined, 0);
      this.restOfLineIsBlank(this.flowEnd);
    } else giveUp();
    if (this.nextContent(this.pos)) giveUp(); // `...`, a second document, or content we did not expect
    return root;
  }

  // ---- lines ----

  /** The next line (from a line start) with content other than spaces and comments; undefined at the end. */
  private nextContent(lineStart: number, allowMarker = false): ContentStart | undefined {
    const text = this.text;
    const length = text.length;
    let line = lineStart;
    while (line < length) {
      let i = line;
      while (text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      if (c !== HASH && c !== LF && c !== CR && i < length) {
        if (i === line && !allowMarker && isDocumentMarker(text, i)) giveUp(); // `---` or `...`: another document
        return { pos: i, col: i - line };
      }
      const lf = text.indexOf('\n', i);
      if (lf < 0) return undefined;
      line = lf + 1;
    }
    return undefined;
  }

  /** From `from` to the line's end there are only spaces and perhaps a comment; `pos` moves to the next line. */
  private restOfLineIsBlank(from: number): void {
    const text = this.text;
    let i = from;
    while (text.charCodeAt(i) === SPACE) i++;
    const c = text.charCodeAt(i);
    if (c === HASH) {
      if (i === from && from > 0) giveUp(); // `#` glued to a token is not a comment
    } else if (c !== LF && c !== CR && i < text.length) giveUp();
    const lf = text.indexOf('\n', i);
    this.pos = lf < 0 ? text.length : lf + 1;
  }

  private lineEnd(from: number): number {
    return lineEndAt(this.text, from);
  }

  private isSequenceDash(pos: number): boolean {
    if (this.text.charCodeAt(pos) !== DASH) return false;
    const next = this.text.charCodeAt(pos + 1);
    return next === SPACE || next === LF || next === CR || pos + 1 >= this.text.length;
  }

  // ---- block collections ----

  private blockMapping(start: ContentStart, parent: AstNode | undefined, key: PathSegment | undefined, depth: number): ObjectNode {
    if (depth > MAX_NESTING_DEPTH) giveUp();
    const text = this.text;
    const obj: ObjectNode = { kind: 'object', properties: [], flow: false, offset: start.pos, end: start.pos, parent, key };
    const seen = new Set<string>();
    let at: ContentStart | undefined = start;
    while (at) {
      // `? key` on one line and `: value` below it: what YAML writers emit for keys over 128 characters.
      const explicit = text.charCodeAt(at.pos) === 63 && isBreakOrSpace(text, at.pos + 1);
      const { keyText, keyOffset, keyEnd, colonAt } = explicit ? this.explicitKey(at, obj) : this.implicitKey(at);
      if (seen.has(keyText)) giveUp();
      seen.add(keyText);
      const prop: PropertyNode = { key: keyText, keyOffset, keyEnd, value: undefined, end: keyEnd };
      let i = colonAt + 1;
      while (text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      let value: AstNode | undefined;
      if (i >= text.length || c === LF || c === CR || c === HASH) {
        this.restOfLineIsBlank(colonAt + 1);
        const below = this.nextContent(this.pos);
        if (below && below.col > at.col) value = this.blockNode(below, at.col, obj, keyText, depth + 1);
        else if (below && below.col === at.col && this.isSequenceDash(below.pos)) value = this.blockSequence(below, obj, keyText, depth + 1);
        else if (explicit) giveUp();
      } else if (explicit && this.keyEnd(i) >= 0) {
        value = this.blockMapping({ pos: i, col: at.col + (i - colonAt) }, obj, keyText, depth + 1);
      } else {
        value = this.inlineValue(i, at.col, obj, keyText, depth + 1);
      }
      if (value) {
        prop.value = value;
        prop.end = value.end;
      } else {
        // `key:` with nothing after it: the null sits where the key ends (as on the `yaml` path).
        prop.value = { kind: 'scalar', value: null, style: 'plain', offset: keyEnd, end: keyEnd, parent: obj, key: keyText };
      }
      obj.properties.push(prop);
      const next = this.nextContent(this.pos);
      if (!next || next.col < at.col) break;
      if (next.col > at.col) giveUp();
      at = next;
    }
    obj.end = obj.properties[obj.properties.length - 1].end;
    return obj;
  }

  private blockSequence(start: ContentStart, parent: AstNode | undefined, key: PathSegment | undefined, depth: number): ArrayNode {
    if (depth > MAX_NESTING_DEPTH) giveUp();
    const text = this.text;
    const arr: ArrayNode = { kind: 'array', items: [], flow: false, offset: start.pos, end: start.pos, parent, key };
    let at: ContentStart | undefined = start;
    while (at) {
      const index = arr.items.length;
      let i = at.pos + 1;
      while (text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      let item: AstNode;
      if (i >= text.length || c === LF || c === CR || c === HASH) {
        this.restOfLineIsBlank(at.pos + 1);
        const below = this.nextContent(this.pos);
        if (!below || below.col <= at.col) giveUp(); // an empty item
        item = this.blockNode(below, at.col, arr, index, depth + 1);
      } else {
        const itemStart = { pos: i, col: at.col + (i - at.pos) };
        if (this.isSequenceDash(i)) item = this.blockSequence(itemStart, arr, index, depth + 1); // `- - x`
        else if (this.keyEnd(i) >= 0) item = this.blockMapping(itemStart, arr, index, depth + 1);
        else item = this.inlineValue(i, at.col, arr, index, depth + 1);
      }
      arr.items.push(item);
      arr.end = item.end;
      const next = this.nextContent(this.pos);
      if (!next || next.col < at.col) break;
      if (next.col > at.col) giveUp();
      if (!this.isSequenceDash(next.pos)) break; // the parent mapping's next key (a sequence written at its key's column)
      at = next;
    }
    return arr;
  }

  /** A node that starts on its own line, more indented than its parent's `indent`. */
  private blockNode(start: ContentStart, indent: number, parent: AstNode, key: PathSegment, depth: number): AstNode {
    if (this.isSequenceDash(start.pos)) return this.blockSequence(start, parent, key, depth);
    if (this.keyEnd(start.pos) >= 0) return this.blockMapping(start, parent, key, depth);
    return this.inlineValue(start.pos, indent, parent, key, depth);
  }

  // ---- keys ----

  /** The offset of the `:` that ends an implicit key starting at `pos`, or -1 when the line holds no key there. */
  private keyEnd(pos: number): number {
    // Asked twice for most keys: once to tell a mapping from a scalar, once to read the key.
    if (pos === this.keyEndAsked) return this.keyEndAnswer;
    const answer = this.findKeyEnd(pos);
    this.keyEndAsked = pos;
    this.keyEndAnswer = answer;
    return answer;
  }

  private findKeyEnd(pos: number): number {
    const text = this.text;
    const c = text.charCodeAt(pos);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const close = quotedEnd(text, pos);
      if (close < 0) return -1;
      return text.charCodeAt(close) === COLON && isBreakOrSpace(text, close + 1) ? close : -1;
    }
    if (!startsPlain(text, pos)) return -1;
    for (let i = nextColonHashOrBreak(text, pos); i < text.length; i = nextColonHashOrBreak(text, i + 1)) {
      const ch = text.charCodeAt(i);
      if (ch === COLON && isBreakOrSpace(text, i + 1)) return text.charCodeAt(i - 1) === SPACE || i - pos > 1000 ? giveUp() : i;
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
      if (ch === LF || ch === CR) return -1;
    }
    return -1;
  }

  private implicitKey(at: ContentStart): KeyInMapping {
    const pos = at.pos;
    const colonAt = this.keyEnd(pos);
    if (colonAt < 0) giveUp();
    const c = this.text.charCodeAt(pos);
    if (c === 34 || c === 39) return { keyText: quotedValue(this.text, pos, colonAt), keyOffset: pos, keyEnd: colonAt, colonAt };
    const raw = this.text.slice(pos, colonAt);
    if (raw === '<<') giveUp(); // merge keys
    return { keyText: String(resolvePlain(raw)), keyOffset: pos, keyEnd: colonAt, colonAt };
  }

  /** `? key` (a scalar on one line), then `:` at the same column on the next line with content. */
  private explicitKey(at: ContentStart, obj: ObjectNode): KeyInMapping {
    const text = this.text;
    if (obj.properties.length === 0) giveUp(); // where such a mapping starts is `yaml`'s call
    let pos = at.pos + 1;
    while (text.charCodeAt(pos) === SPACE) pos++;
    const c = text.charCodeAt(pos);
    let keyText: string;
    let keyEnd: number;
    if (c === 34 || c === 39) {
      ({ value: keyText, end: keyEnd } = quotedOnLine(text, pos));
    } else {
      if (!startsPlain(text, pos)) giveUp();
      keyEnd = this.plainLine(pos).end;
      keyText = String(resolvePlain(text.slice(pos, keyEnd)));
    }
    this.restOfLineIsBlank(keyEnd);
    const colon = this.nextContent(this.pos);
    if (!colon || colon.col !== at.col || text.charCodeAt(colon.pos) !== COLON || !isBreakOrSpace(text, colon.pos + 1)) giveUp();
    return { keyText, keyOffset: pos, keyEnd, colonAt: colon.pos };
  }

  // ---- scalars and flow collections on one line ----

  /** A value that starts at `pos`, inside a block collection indented `indent`. */
  private inlineValue(pos: number, indent: number, parent: AstNode, key: PathSegment, depth: number): AstNode {
    const text = this.text;
    const c = text.charCodeAt(pos);
    if (c === 34 || c === 39) {
      const close = quotedEndOverLines(text, pos, indent);
      const node: ScalarNode = { kind: 'scalar', value: quotedValue(text, pos, close), style: c === 34 ? 'double' : 'single', offset: pos, end: close, parent, key };
      this.restOfLineIsBlank(close);
      return node;
    }
    if (c === 123 || c === 91) {
      const node = this.flowCollection(pos, indent, parent, key, depth);
      this.restOfLineIsBlank(this.flowEnd);
      return node;
    }
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(pos, indent, parent, key);
    if (!startsPlain(text, pos)) giveUp();
    return this.plainScalar(pos, indent, parent, key);
  }

  private plainScalar(pos: number, indent: number, parent: AstNode, key: PathSegment): ScalarNode {
    const text = this.text;
    let { end, comment } = this.plainLine(pos);
    let value = text.slice(pos, end);
    let line = this.lineEnd(end);
    let blank = 0;
    while (!comment && line < text.length) {
      const next = line + (text.charCodeAt(line) === CR ? 2 : 1);
      let i = next;
      while (text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) {
        blank++;
        line = this.lineEnd(i);
        continue;
      }
      if (i >= text.length || i - next <= indent || c === HASH) break;
      const continued = this.plainLine(i);
      value += (blank ? '\n'.repeat(blank) : ' ') + text.slice(i, continued.end);
      blank = 0;
      end = continued.end;
      comment = continued.comment;
      line = this.lineEnd(end);
    }
    this.restOfLineIsBlank(end);
    return { kind: 'scalar', value: resolvePlain(value), style: 'plain', offset: pos, end, parent, key };
  }

  /** One line of a plain scalar in block context: where its text ends, and whether a comment follows. */
  private plainLine(pos: number): { end: number; comment: boolean } {
    const text = this.text;
    let end = text.length;
    let comment = false;
    for (let i = nextColonHashOrBreak(text, pos); i < text.length; i = nextColonHashOrBreak(text, i + 1)) {
      const c = text.charCodeAt(i);
      if (c === COLON && isBreakOrSpace(text, i + 1)) giveUp(); // `a: b: c`
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) {
        end = i;
        comment = true;
        break;
      }
      if (c === LF || c === CR) {
        end = i;
        break;
      }
    }
    while (end > pos && text.charCodeAt(end - 1) === SPACE) end--;
    return { end, comment };
  }

  /** Where the last flow collection parsed ended (it may span lines; `pos` stays at a line start). */
  private flowEnd = 0;

  private flowCollection(pos: number, indent: number, parent: AstNode | undefined, key: PathSegment | undefined, depth: number): AstNode {
    const result = parseFlowCollection(this.text, pos, indent, parent, key, depth);
    this.flowEnd = result.end;
    return result.node;
  }

  private blockScalar(pos: number, indent: number, parent: AstNode, key: PathSegment): ScalarNode {
    const result = parseBlockScalar(this.text, pos, indent, parent, key);
    this.pos = result.next;
    return result.node;
  }
}
