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

/**
 * Index pairs of matching lines, in order. Patience-style: lines that occur once on each side
 * anchor the match (found by a longest increasing subsequence), and Myers' algorithm fills the
 * short gaps between anchors, so a fix-all that inserts thousands of lines stays fast.
 */
function shortestEditScript(a: string[], b: string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  match(a, b, 0, a.length, 0, b.length, out);
  return out;
}

function match(a: string[], b: string[], aLo: number, aHi: number, bLo: number, bHi: number, out: Array<[number, number]>): void {
  let head = 0;
  while (aLo + head < aHi && bLo + head < bHi && a[aLo + head] === b[bLo + head]) out.push([aLo + head, bLo + head++]);
  let tail = 0;
  while (aHi - tail > aLo + head && bHi - tail > bLo + head && a[aHi - 1 - tail] === b[bHi - 1 - tail]) tail++;
  const [as, ae, bs, be] = [aLo + head, aHi - tail, bLo + head, bHi - tail];
  const anchors = uniqueAnchors(a, b, as, ae, bs, be);
  if (anchors.length === 0) {
    for (const [x, y] of myers(a.slice(as, ae), b.slice(bs, be))) out.push([x + as, y + bs]);
  } else {
    let [pa, pb] = [as, bs];
    for (const [x, y] of anchors) {
      match(a, b, pa, x, pb, y, out);
      out.push([x, y]);
      [pa, pb] = [x + 1, y + 1];
    }
    match(a, b, pa, ae, pb, be, out);
  }
  for (let i = tail; i > 0; i--) out.push([aHi - i, bHi - i]);
}

/** Lines occurring exactly once in each range, paired, keeping the longest run in the same order on both sides. */
function uniqueAnchors(a: string[], b: string[], as: number, ae: number, bs: number, be: number): Array<[number, number]> {
  const count = (lines: string[], from: number, to: number) => {
    const seen = new Map<string, number>();
    for (let i = from; i < to; i++) seen.set(lines[i], seen.has(lines[i]) ? -1 : i);
    return seen;
  };
  const inA = count(a, as, ae);
  const inB = count(b, bs, be);
  const pairs: Array<[number, number]> = [];
  for (const [line, i] of inA) {
    const j = inB.get(line);
    if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  pairs.sort((p, q) => p[0] - q[0]);
  // Longest increasing subsequence of the b indices (patience sorting).
  const tails: number[] = [];
  const previous: number[] = new Array(pairs.length).fill(-1);
  for (let i = 0; i < pairs.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < pairs[i][1]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const result: Array<[number, number]> = [];
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) result.push(pairs[i]);
  return result.reverse();
}

/** Myers' greedy O(ND) algorithm; each step keeps only its own diagonals, so memory is O(D²). */
function myers(a: string[], b: string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return [];
}

function backtrack(trace: Int32Array[], n: number, m: number): Array<[number, number]> {
  const matches: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const window = trace[d];
    const at = (k: number) => window[k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
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
