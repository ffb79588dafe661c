/** 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Maps offsets to LSP positions. Lines break at LF, CRLF and lone CR, as LSP clients count them. */
export class LineIndex {
  readonly lineStarts: number[];

  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    this.lineStarts = lineStarts ?? [0, ...lineStartsIn(text, 0, text.length)];
  }

  /**
   * The index of `text`, which is `previous.text` with `[start, oldEnd)` replaced by `[start, newEnd)`: only the new
   * span is scanned. `previous` is spent: its array becomes this index's, edited in place. A big spec has 50,000
   * lines; two new arrays of them per keystroke cost ~3 ms on a machine slow at touching fresh memory.
   */
  static spliced(previous: LineIndex, text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    const starts = previous.lineStarts;
    // A line start depends on the two characters around it (CR LF): rescan from the character before the edit.
    const from = Math.max(0, start - 1);
    const rescanned = lineStartsIn(text, from, newEnd).filter((offset) => offset <= newEnd);
    const first = firstAbove(starts, from);
    const after = firstAbove(starts, oldEnd);
    const delta = newEnd - oldEnd;
    if (delta !== 0) for (let i = after; i < starts.length; i++) starts[i] += delta;
    if (after - first === rescanned.length) {
      for (let i = 0; i < rescanned.length; i++) starts[first + i] = rescanned[i];
      return new LineIndex(text, starts);
    }
    // Lines added or removed: copied once (a spread of a pasted block's line starts could overflow the stack).
    return new LineIndex(text, starts.slice(0, first).concat(rescanned, starts.slice(after)));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  range(offset: number, end: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(end) };
  }

  /** Start offset of the line holding `offset`. */
  lineStartOf(offset: number): number {
    return this.lineStarts[this.positionAt(offset).line];
  }

  /** Offset just past the line break that ends the line holding `offset` (text length on the last line). */
  nextLineStart(offset: number): number {
    const line = this.positionAt(offset).line;
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
  }

  columnOf(offset: number): number {
    return this.positionAt(offset).character;
  }
}

/** Index of the first entry greater than `value` in a sorted list. */
export function firstAbove(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Offsets just after each line break that ends at or before `end`, scanning from `from`. */
export function lineStartsIn(text: string, from: number, end: number): number[] {
  const starts: number[] = [];
  if (text.indexOf('\r', from) < 0 || text.indexOf('\r', from) >= end) {
    // The common case, without lone CRs: the native search is much faster than a character loop.
    for (let i = text.indexOf('\n', from); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = from; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The document's line ending, so that inserted lines match it. */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}
