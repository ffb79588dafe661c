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

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
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

/** The document's line ending, so that inserted lines match it. */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}
