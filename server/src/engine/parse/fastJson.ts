import type { ArrayNode, AstNode, ObjectNode, PathSegment, ScalarNode } from '../ast';
import { MAX_NESTING_DEPTH } from './problems';

/**
 * A fast parser for strict JSON (RFC 8259: no comments, no trailing commas, only space, tab and line
 * breaks between tokens) that builds the engine's tree directly. jsonc-parser's parseTree followed by
 * our conversion builds two trees and calls back per token: on a first lint, before V8 has optimised
 * either, that took 100-230 ms for the 0.8-1.8 MB JSON files of the corpus. Anything else (comments,
 * trailing commas, a byte-order mark, any syntax error, nesting past MAX_NESTING_DEPTH) makes it give up:
 * it returns undefined and the caller parses with jsonc-parser, which reports and recovers. It never
 * returns a tree that differs from the jsonc-parser path (test/fastJson.test.ts compares both over the
 * corpus, hand cases and seeded random edits).
 */
export function parseJsonFast(text: string): AstNode | undefined {
  try {
    return new FastJsonParser(text).document();
  } catch (error) {
    // Anything else would be a bug here; it must not cost a user their diagnostics: jsonc-parser still parses the text.
    if (error !== GIVE_UP && process.env.OPENAPI_SECURITY_FAST_JSON_STRICT) throw error;
    return undefined;
  }
}

const GIVE_UP = new Error('not strict JSON');
function giveUp(): never {
  throw GIVE_UP;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const MINUS = 0x2d;
const COLON = 0x3a;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LOWER_F = 0x66;
const LOWER_N = 0x6e;
const LOWER_T = 0x74;

// Sticky: each matches exactly at lastIndex. The regex engine scans a token in native code, where a
// character loop would run in the interpreter on a first lint.
const WHITESPACE = /[ \t\n\r]*/y;
/** A string without escapes (nearly all of them): its value is the text between the quotes. */
const SIMPLE_STRING = /"[^"\\\x00-\x1f]*"/y;
/** A string with JSON escapes only (jsonc-parser reports any other escape, and unescaped control characters). */
const ESCAPED_STRING = /"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
/** RFC 8259's number; for these, jsonc-parser's value is `Number` of the same text. */
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class FastJsonParser {
  /** Where the last token parsed ended. */
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): AstNode {
    const root = this.value(this.skipWhitespace(0), undefined, undefined, 0);
    if (this.skipWhitespace(this.pos) !== this.text.length) giveUp();
    return root;
  }

  /** The first position at or after `pos` that is not JSON whitespace. */
  private skipWhitespace(pos: number): number {
    // Most tokens follow another directly or after a line break and indentation; both are cheap here.
    if (this.text.charCodeAt(pos) > 0x20) return pos;
    WHITESPACE.lastIndex = pos;
    WHITESPACE.test(this.text);
    return WHITESPACE.lastIndex;
  }

  private value(pos: number, parent: AstNode | undefined, key: PathSegment | undefined, depth: number): AstNode {
    if (depth > MAX_NESTING_DEPTH) giveUp();
    const text = this.text;
    const c = text.charCodeAt(pos);
    if (c === QUOTE) {
      const value = this.string(pos);
      const scalar: ScalarNode = { kind: 'scalar', value, style: 'double', offset: pos, end: this.pos, parent, key };
      return scalar;
    }
    if (c === LBRACE) return this.object(pos, parent, key, depth);
    if (c === LBRACKET) return this.array(pos, parent, key, depth);
    let value: boolean | null | number;
    if (c === LOWER_T && text.startsWith('true', pos)) {
      value = true;
      this.pos = pos + 4;
    } else if (c === LOWER_F && text.startsWith('false', pos)) {
      value = false;
      this.pos = pos + 5;
    } else if (c === LOWER_N && text.startsWith('null', pos)) {
      value = null;
      this.pos = pos + 4;
    } else if (c === MINUS || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = pos;
      if (!NUMBER.test(text)) giveUp();
      this.pos = NUMBER.lastIndex;
      value = Number(text.slice(pos, this.pos));
    } else {
      giveUp();
    }
    const scalar: ScalarNode = { kind: 'scalar', value, style: 'plain', offset: pos, end: this.pos, parent, key };
    return scalar;
  }

  /** The string starting at the quote at `pos`; `this.pos` ends after its closing quote. */
  private string(pos: number): string {
    const text = this.text;
    SIMPLE_STRING.lastIndex = pos;
    if (SIMPLE_STRING.test(text)) {
      this.pos = SIMPLE_STRING.lastIndex;
      return text.slice(pos + 1, this.pos - 1);
    }
    ESCAPED_STRING.lastIndex = pos;
    if (!ESCAPED_STRING.test(text)) giveUp();
    this.pos = ESCAPED_STRING.lastIndex;
    return JSON.parse(text.slice(pos, this.pos)) as string;
  }

  private object(start: number, parent: AstNode | undefined, key: PathSegment | undefined, depth: number): ObjectNode {
    const text = this.text;
    const obj: ObjectNode = { kind: 'object', properties: [], flow: true, offset: start, end: start, parent, key };
    let pos = this.skipWhitespace(start + 1);
    if (text.charCodeAt(pos) !== RBRACE) {
      for (;;) {
        if (text.charCodeAt(pos) !== QUOTE) giveUp();
        const name = this.string(pos);
        const keyEnd = this.pos;
        const colon = this.skipWhitespace(keyEnd);
        if (text.charCodeAt(colon) !== COLON) giveUp();
        const value = this.value(this.skipWhitespace(colon + 1), obj, name, depth + 1);
        obj.properties.push({ key: name, keyOffset: pos, keyEnd, value, end: value.end });
        pos = this.skipWhitespace(this.pos);
        if (text.charCodeAt(pos) !== COMMA) break;
        pos = this.skipWhitespace(pos + 1);
      }
      if (text.charCodeAt(pos) !== RBRACE) giveUp();
    }
    obj.end = this.pos = pos + 1;
    return obj;
  }

  private array(start: number, parent: AstNode | undefined, key: PathSegment | undefined, depth: number): ArrayNode {
    const text = this.text;
    const arr: ArrayNode = { kind: 'array', items: [], flow: true, offset: start, end: start, parent, key };
    let pos = this.skipWhitespace(start + 1);
    if (text.charCodeAt(pos) !== RBRACKET) {
      for (;;) {
        arr.items.push(this.value(pos, arr, arr.items.length, depth + 1));
        pos = this.skipWhitespace(this.pos);
        if (text.charCodeAt(pos) !== COMMA) break;
        pos = this.skipWhitespace(pos + 1);
      }
      if (text.charCodeAt(pos) !== RBRACKET) giveUp();
    }
    arr.end = this.pos = pos + 1;
    return arr;
  }
}
