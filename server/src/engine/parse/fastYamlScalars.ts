import type { AstNode, PathSegment, ScalarNode, ScalarValue } from '../ast';

/** Thrown when the text leaves the subset the fast parser handles; the `yaml` path then parses it. */
export const GIVE_UP = new Error('not in the fast YAML subset');
export function giveUp(): never {
  throw GIVE_UP;
}

export const SPACE = 32;
export const LF = 10;
export const CR = 13;
export const HASH = 35;
export const DASH = 45;
export const COLON = 58;
const COMMA = 44;

export function isBreakOrSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === SPACE || c === LF || c === CR || i >= text.length;
}

/** `---` or `...` at a line's start, followed by a space or the line's end. */
export function isDocumentMarker(text: string, i: number): boolean {
  return (text.startsWith('---', i) || text.startsWith('...', i)) && isBreakOrSpace(text, i + 3);
}

/** Characters that cannot start a plain scalar, or start something left to `yaml` (anchors, tags, reserved). */
export function isIndicator(c: number): boolean {
  switch (c) {
    case 45: // -
    case 63: // ?
    case 58: // :
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
      return true;
    default:
      return false;
  }
}

/** `-1`, `?x` and `:x` are plain scalars; `- `, `? ` and `: ` are not. */
export function startsPlain(text: string, pos: number): boolean {
  const c = text.charCodeAt(pos);
  if (!isIndicator(c)) return true;
  if (c !== DASH && c !== 63 && c !== COLON) return false;
  const next = text.charCodeAt(pos + 1);
  return !isBreakOrSpace(text, pos + 1) && next !== COMMA && next !== 91 && next !== 93 && next !== 123 && next !== 125;
}

/** A run of characters that end nothing on a block line: anything but `:`, `#` and line breaks. */
const ORDINARY_RUN = /[^\n\r:#]*/y;

/**
 * The first `:`, `#` or line break at or after `i` (or the text's end). The regex engine scans natively what a
 * character loop would run through in the interpreter: a cold parse (the CLI) runs mostly there.
 */
export function nextColonHashOrBreak(text: string, i: number): number {
  ORDINARY_RUN.lastIndex = i;
  ORDINARY_RUN.test(text);
  return ORDINARY_RUN.lastIndex;
}

export function lineEndAt(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  if (lf < 0) return text.length;
  return text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
}

/** The offset just past the closing quote of a quoted scalar that starts at `pos` and closes on its line; -1 otherwise. */
export function quotedEnd(text: string, pos: number): number {
  const quote = text.charCodeAt(pos);
  const lineEnd = lineEndAt(text, pos);
  for (let i = pos + 1; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (quote === 39) {
      if (c === 39) {
        if (text.charCodeAt(i + 1) === 39) i++;
        else return i + 1;
      }
    } else if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return -1;
}

/** Like quotedEnd, but the scalar may go on over lines indented past `indent`. */
export function quotedEndOverLines(text: string, pos: number, indent: number): number {
  const quote = text.charCodeAt(pos);
  for (let i = pos + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      let j = i + 1;
      while (text.charCodeAt(j) === SPACE) j++;
      const next = text.charCodeAt(j);
      if (next !== LF && next !== CR && j - (i + 1) <= indent) giveUp(); // not indented enough: `yaml` reports it
    } else if (quote === 39) {
      if (c === 39) {
        if (text.charCodeAt(i + 1) === 39) i++;
        else return i + 1;
      }
    } else if (c === 92) {
      const next = text.charCodeAt(i + 1);
      if (next !== LF && next !== CR) i++; // an escaped line break still needs its next line checked
    } else if (c === 34) return i + 1;
  }
  giveUp();
}

/** A quoted scalar that starts at `pos` and closes on its line: its value and the offset past the closing quote. */
export function quotedOnLine(text: string, pos: number): { value: string; end: number } {
  const end = quotedEnd(text, pos);
  if (end < 0) giveUp();
  return { value: quotedValue(text, pos, end), end };
}

export function quotedValue(text: string, pos: number, end: number): string {
  let inner = text.slice(pos + 1, end - 1);
  const single = text.charCodeAt(pos) === 39;
  if (inner.includes('\n')) inner = foldQuotedLines(inner, single);
  if (single) return inner.includes("''") ? inner.replace(/''/g, "'") : inner;
  return inner.includes('\\') ? unescapeDouble(inner) : inner;
}

/**
 * A quoted scalar over several lines: each line break becomes a space, or, followed by empty lines, one
 * line break per empty line; spaces around the breaks go. In double quotes a `\` at a line's end joins
 * the lines with nothing between.
 */
function foldQuotedLines(inner: string, single: boolean): string {
  const lines = inner.split('\n');
  let out = '';
  let blank = 0;
  let joinNext = false;
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n];
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (n > 0) line = line.replace(/^ +/, '');
    if (n < lines.length - 1) {
      const trimmed = line.replace(/ +$/, '');
      if (!single && trimmed.length < line.length && trailingBackslashes(trimmed) % 2 === 1) giveUp(); // an escaped space before the break
      line = trimmed;
    }
    if (n > 0 && line === '' && n < lines.length - 1) {
      if (joinNext) giveUp(); // an escaped line break before an empty line
      blank++;
      continue;
    }
    if (n > 0 && !joinNext) out += blank ? '\n'.repeat(blank) : ' ';
    blank = 0;
    joinNext = !single && trailingBackslashes(line) % 2 === 1 && n < lines.length - 1;
    out += joinNext ? line.slice(0, -1) : line;
  }
  return out;
}

function trailingBackslashes(line: string): number {
  let count = 0;
  while (count < line.length && line.charCodeAt(line.length - 1 - count) === 92) count++;
  return count;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function unescapeDouble(inner: string): string {
  let out = '';
  let from = 0;
  for (let i = inner.indexOf('\\'); i >= 0; i = inner.indexOf('\\', from)) {
    out += inner.slice(from, i);
    const code = inner[i + 1];
    const simple = SIMPLE_ESCAPES[code];
    if (simple !== undefined) {
      out += simple;
      from = i + 2;
      continue;
    }
    const length = HEX_LENGTH[code];
    const hex = length ? inner.slice(i + 2, i + 2 + length) : '';
    if (!length || hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
    const point = parseInt(hex, 16);
    if (point > 0x10ffff) giveUp();
    out += String.fromCodePoint(point);
    from = i + 2 + length;
  }
  return out + inner.slice(from);
}

const INT = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

/** A plain scalar's value under the YAML 1.2 core schema, tested in `yaml`'s order (int before float). */
export function resolvePlain(raw: string): ScalarValue {
  const c = raw.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    if (INT_OCT.test(raw)) return parseInt(raw.substring(2), 8);
    if (INT.test(raw)) return parseInt(raw, 10);
    if (INT_HEX.test(raw)) return parseInt(raw.substring(2), 16);
    if (FLOAT_SPECIAL.test(raw)) giveUp();
    if (FLOAT_EXP.test(raw) || FLOAT.test(raw)) return parseFloat(raw);
    return raw;
  }
  if (raw.length > 5) return raw;
  if (NULL.test(raw)) return null;
  if (BOOL.test(raw)) return c === 116 || c === 84;
  return raw;
}

/** Where a block scalar's text ends: trailing spaces and line breaks are not part of it. */
function trimTrailingSpace(text: string, end: number, start: number): number {
  let i = end;
  while (i > start) {
    const ch = text.charCodeAt(i - 1);
    if (ch === SPACE || ch === LF || ch === CR) i--;
    else break;
  }
  return i;
}

/**
 * `|` or `>` (with `-` or `+` chomping) at `pos`, its content more indented than `indent`. Returns the scalar
 * and the start of the line that ends it. Indentation indicators and header comments are left to `yaml`.
 */
export function parseBlockScalar(text: string, pos: number, indent: number, parent: AstNode, key: PathSegment): { node: ScalarNode; next: number } {
  const literal = text.charCodeAt(pos) === 124;
  let i = pos + 1;
  let chomping: 'clip' | 'strip' | 'keep' = 'clip';
  if (text.charCodeAt(i) === DASH) {
    chomping = 'strip';
    i++;
  } else if (text.charCodeAt(i) === 43 /* + */) {
    chomping = 'keep';
    i++;
  }
  while (text.charCodeAt(i) === SPACE) i++;
  const headerEnd = lineEndAt(text, i);
  if (i !== headerEnd || headerEnd >= text.length) giveUp();
  let scan = text.indexOf('\n', headerEnd) + 1;
  const lines: string[] = [];
  let contentIndent = -1;
  let leadingBlankSpaces = 0;
  let lastContent = -1;
  while (scan < text.length) {
    let j = scan;
    while (text.charCodeAt(j) === SPACE) j++;
    const spaces = j - scan;
    const c = text.charCodeAt(j);
    if (c === LF || c === CR || j >= text.length) {
      if (j >= text.length) break;
      if (contentIndent < 0) leadingBlankSpaces = Math.max(leadingBlankSpaces, spaces);
      else if (spaces > contentIndent) {
        // Spaces past the content's indentation are content.
        lines.push(text.slice(scan + contentIndent, j));
        lastContent = lines.length - 1;
        scan = text.indexOf('\n', j) + 1;
        continue;
      }
      lines.push('');
      scan = text.indexOf('\n', j) + 1;
      continue;
    }
    if (contentIndent < 0) {
      if (spaces <= indent) break;
      contentIndent = spaces;
      if (leadingBlankSpaces > contentIndent) giveUp();
    } else if (spaces < contentIndent) break;
    const end = lineEndAt(text, j);
    lines.push(text.slice(scan + contentIndent, end));
    lastContent = lines.length - 1;
    // The last line needs no line break: chomping counts one anyway.
    const lf = text.indexOf('\n', end);
    scan = lf < 0 ? text.length : lf + 1;
  }
  // A kept scalar that runs into the end of a text without a final line break: `yaml` counts its lines its own way.
  if (chomping === 'keep' && !text.endsWith('\n') && text.indexOf('\n', scan) < 0 && /^ *$/.test(text.slice(scan))) giveUp();
  let value: string;
  if (lastContent < 0) {
    // Nothing but empty lines: only keep chomping keeps their line breaks.
    value = chomping === 'keep' ? '\n'.repeat(lines.length) : '';
  } else if (literal) {
    value = lines.slice(0, lastContent + 1).join('\n');
  } else {
    // Line breaks fold into spaces between two text lines; around more-indented lines, and before the first, they stay.
    let first = 0;
    while (lines[first] === '') first++;
    value = '\n'.repeat(first) + lines[first];
    let previousSpaced = lines[first].charCodeAt(0) === SPACE;
    let blank = 0;
    for (let n = first + 1; n <= lastContent; n++) {
      const line = lines[n];
      if (line === '') {
        blank++;
        continue;
      }
      const spaced = line.charCodeAt(0) === SPACE;
      value += (spaced || previousSpaced ? '\n'.repeat(blank + 1) : blank ? '\n'.repeat(blank) : ' ') + line;
      previousSpaced = spaced;
      blank = 0;
    }
  }
  if (lastContent >= 0 && chomping !== 'strip') value += '\n';
  if (lastContent >= 0 && chomping === 'keep') value += '\n'.repeat(lines.length - 1 - lastContent);
  const next = scan;
  return { node: { kind: 'scalar', value, style: 'block', offset: pos, end: trimTrailingSpace(text, next, pos), parent, key }, next };
}
