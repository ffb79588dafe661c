import type { TextEdit } from './textEdit';

/**
 * The edits that turn `before` into `after`, one per changed run of lines (Myers' O(ND)
 * diff on lines). Used where a result is computed as a whole (fix-all), so that editors
 * still receive small edits that keep cursors, folding and undo granularity.
 */
export function lineDiffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  const script = shortestEditScript(a, b);
  const offsets = [0];
  for (const line of a) offsets.push(offsets[offsets.length - 1] + line.length);
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, bj] of [...script, [a.length, b.length] as [number, number]]) {
    // Everything between the previous match and this one is a change.
    if (ai > i || bj > j) edits.push({ offset: offsets[i], end: offsets[ai], newText: b.slice(j, bj).join('') });
    i = ai + 1;
    j = bj + 1;
  }
  return edits;
}

/** Lines with their line breaks, so joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Index pairs of matching lines, in order (the longest common subsequence Myers finds). */
function shortestEditScript(a: string[], b: string[]): Array<[number, number]> {
  const max = a.length + b.length;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Array<Map<number, number>> = [];
  for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= a.length && y >= b.length) return backtrack(trace, a.length, b.length);
    }
  }
  return [];
}

function backtrack(trace: Array<Map<number, number>>, n: number, m: number): Array<[number, number]> {
  const matches: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? k + 1 : k - 1;
    const prevX = v.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      matches.push([x, y]);
    }
    if (d > 0) {
      x = prevX;
      y = prevY;
    }
  }
  return matches.reverse();
}
