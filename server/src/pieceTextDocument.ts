/**
 * The main thread's copy of an open document, kept as pieces (slices of earlier texts and the inserted texts)
 * instead of one string per version. vscode-languageserver-textdocument's document builds each version by
 * concatenating substrings and then reads a character of the result, which makes V8 copy the whole text: ~25 ms
 * for openai-2971k.yaml on a machine where touching fresh memory is slow, on every keystroke, before the lint
 * even starts. Here an edit splits a piece or two; `getText()` joins the pieces lazily (a rope, O(pieces)), and
 * what reads only its length (size limits) or sends edits to the worker (textSync.ts) never copies the text.
 * Every so many edits the pieces are joined once, so lookups stay short.
 *
 * Positions, line offsets and the handling of edits follow vscode-languageserver-textdocument 1.0.16 (MIT,
 * Microsoft): test/pieceTextDocument.test.ts compares the two on seeded random edits. One difference: a range
 * whose line is past the end (or negative) is clamped to the text, where the library corrupts its line offsets.
 * The lint worker edits its copy with this class too, so the two copies of a document never differ.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { firstAbove, lineStartsIn } from './engine/lineIndex';

/** Past this many pieces an edit joins them into one string (one copy every so many edits, not every edit). */
const MAX_PIECES = 64;
const CR = 13;
const LF = 10;

export class PieceTextDocument implements TextDocument {
  private pieces: string[];
  /** Offset of each piece's first character. */
  private starts: number[] = [];
  private length = 0;
  /** The text as one (possibly concatenated, not yet flat) string, once asked for. */
  private joined: string | undefined;
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.pieces = [content];
    this.index();
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  getText(range?: Range): string {
    if (range) return this.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    // `+` makes a rope: nothing is copied until someone reads its characters.
    this.joined ??= this.pieces.reduce((text, piece) => text + piece, '');
    return this.joined;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lineOffsets = this.getLineOffsets();
    if (lineOffsets.length === 0) return { line: 0, character: offset };
    const line = firstAbove(lineOffsets, offset) - 1;
    offset = this.ensureBeforeEOL(offset, lineOffsets[line]);
    return { line, character: offset - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.ensureBeforeEOL(offset, lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: this.length - lineOffsets[lastLine] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line];
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.length;
    const endOffset = this.ensureBeforeEOL(nextLineOffset, startOffset);
    return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.length;
    return this.slice(this.ensureBeforeEOL(nextLineOffset, lineOffsets[line]), nextLineOffset);
  }

  /** As `TextDocument.update`: applies the changes in order and takes the new version. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) this.applyIncremental(change.range, change.text);
      else if ('text' in change) {
        this.pieces = [change.text];
        this.index();
        this.lineOffsets = undefined;
      } else throw new Error('Unknown change event received');
    }
    this.currentVersion = version;
  }

  private applyIncremental(changeRange: Range, text: string): void {
    // A range past the last line means the end of the text. (The library counts such lines as if they existed
    // and leaves holes in its line offsets; the worker applies edits with this class too, so both agree.)
    const clamped = (p: Position) => (p.line >= 0 && p.line < this.getLineOffsets().length ? p : this.positionAt(this.offsetAt(p)));
    const range = wellFormed({ start: clamped(changeRange.start), end: clamped(changeRange.end) });
    const startOffset = this.offsetAt(range.start);
    const endOffset = this.offsetAt(range.end);
    this.replace(startOffset, endOffset, text);
    const insertedEndOffset = startOffset + text.length;
    const crlfAtStart = this.charCodeAt(startOffset - 1) === CR && this.charCodeAt(startOffset) === LF;
    const crlfAtEnd = this.charCodeAt(insertedEndOffset - 1) === CR && this.charCodeAt(insertedEndOffset) === LF;
    if (crlfAtStart || crlfAtEnd) {
      // A CRLF pair across an edit boundary is not in the inserted text's line offsets: counted again when asked.
      this.lineOffsets = undefined;
      return;
    }
    let lineOffsets = this.lineOffsets;
    if (!lineOffsets) return;
    const startLine = Math.max(range.start.line, 0);
    const endLine = Math.max(range.end.line, 0);
    const added = lineStarts([text], false, startOffset);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i];
    } else if (added.length < 10_000) {
      lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
    } else {
      this.lineOffsets = lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
    }
    const diff = text.length - (endOffset - startOffset);
    if (diff !== 0) for (let i = startLine + 1 + added.length; i < lineOffsets.length; i++) lineOffsets[i] += diff;
  }

  /** The pieces with [start, end) replaced by `text`: slices of pieces, never of the joined text. */
  private replace(start: number, end: number, text: string): void {
    const before: string[] = [];
    const after: string[] = [];
    this.pieces.forEach((piece, i) => {
      const from = this.starts[i];
      const to = from + piece.length;
      if (to <= start) before.push(piece);
      else if (from >= end) after.push(piece);
      else {
        if (from < start) before.push(piece.substring(0, start - from));
        if (to > end) after.push(piece.substring(end - from));
      }
    });
    const pieces = [...before, text, ...after].filter((p) => p.length > 0);
    this.pieces = pieces.length > MAX_PIECES ? [pieces.join('')] : pieces;
    this.index();
  }

  private index(): void {
    this.starts = new Array(this.pieces.length);
    let at = 0;
    this.pieces.forEach((piece, i) => {
      this.starts[i] = at;
      at += piece.length;
    });
    this.length = at;
    this.joined = this.pieces.length === 1 ? this.pieces[0] : undefined;
  }

  /** The character code at `offset`, NaN outside the text (as String.prototype.charCodeAt). */
  private charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    const piece = firstAbove(this.starts, offset) - 1;
    return this.pieces[piece].charCodeAt(offset - this.starts[piece]);
  }

  /**
   * As String.prototype.substring, which the library uses: bounds clamped, NaN as 0, an undefined end as the end,
   * reversed bounds swapped (a client's range past the last line leaves holes in the library's line offsets too).
   */
  private slice(startOffset: number, endOffset: number | undefined): string {
    // `offset > 0` is false for NaN and undefined as well.
    const clamp = (offset: number) => (offset > 0 ? Math.min(offset, this.length) : 0);
    const [a, b] = [clamp(startOffset), endOffset === undefined ? this.length : clamp(endOffset)];
    const start = Math.min(a, b);
    const end = Math.max(a, b);
    if (end === start) return '';
    let out = '';
    this.pieces.forEach((piece, i) => {
      const from = this.starts[i];
      const to = from + piece.length;
      if (to > start && from < end) out += piece.substring(Math.max(start - from, 0), Math.min(end, to) - from);
    });
    return out;
  }

  private getLineOffsets(): number[] {
    this.lineOffsets ??= lineStarts(this.pieces, true, 0);
    return this.lineOffsets;
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

function isEOL(code: number): boolean {
  return code === CR || code === LF;
}

/** Where lines start in the concatenation of `parts` (a CR at the end of one part and an LF at the start of the next are one break). */
function lineStarts(parts: readonly string[], isAtLineStart: boolean, textOffset: number): number[] {
  const result: number[] = isAtLineStart ? [textOffset] : [];
  let offset = textOffset;
  let endsWithCR = false;
  for (const part of parts) {
    // The previous part's CR counted as a break of its own: with this LF it is one, which starts after the LF.
    if (endsWithCR && part.charCodeAt(0) === LF) result.pop();
    for (const start of lineStartsIn(part, 0, part.length)) result.push(offset + start);
    offset += part.length;
    if (part.length > 0) endsWithCR = part.charCodeAt(part.length - 1) === CR;
  }
  return result;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
