import { keyHoverAt, lintText, RULE_FAILURE_CODE, type SourceFormat } from '../../server/src/engine';

/** A small seeded PRNG (mulberry32): the same seed gives the same inputs on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

/** Characters and fragments that break YAML and JSON in interesting ways. */
const JUNK = ['{', '}', '[', ']', ':', ': ', '- ', '"', "'", '\t', '#', '&a ', '*a', '<<: *a', '!!binary ', '!!js/function ', '$ref: ', '\\', '\u0000', '\uFEFF', '\uD800', '😀', ',', '\r', '---\n', '? ', '|', '>-'];

/** One random edit of the kinds editors and merges produce: lines deleted, duplicated, moved, cut, re-indented, junk typed. */
export function mutate(text: string, rand: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(rand() * lines.length);
  switch (Math.floor(rand() * 7)) {
    case 0: // delete a few lines
      lines.splice(at, 1 + Math.floor(rand() * 3));
      break;
    case 1: // duplicate a few lines
      lines.splice(at, 0, ...lines.slice(at, at + 1 + Math.floor(rand() * 3)));
      break;
    case 2: {
      // move a line
      const [line] = lines.splice(at, 1);
      lines.splice(Math.floor(rand() * lines.length), 0, line ?? '');
      break;
    }
    case 3: // cut a line short
      lines[at] = (lines[at] ?? '').slice(0, Math.floor(rand() * (lines[at] ?? '').length));
      break;
    case 4: // re-indent a line
      lines[at] = rand() < 0.5 ? (lines[at] ?? '').replace(/^ {1,2}/, '') : `${' '.repeat(1 + Math.floor(rand() * 3))}${lines[at] ?? ''}`;
      break;
    default: {
      // type junk somewhere in a line
      const line = lines[at] ?? '';
      const col = Math.floor(rand() * (line.length + 1));
      lines[at] = line.slice(0, col) + pick(rand, JUNK) + line.slice(col);
    }
  }
  return lines.join('\n');
}

/**
 * Seeded edited copies of each source, `perSource` of them: 1-3 edits each, a `mutate` (with probability
 * `mutateShare`) or a piece of `junk` typed at a random place, sometimes over a few characters.
 */
export function* junkEdits(sources: readonly string[], junk: readonly string[], rand: () => number, perSource: number, mutateShare: number): Generator<{ text: string; label: string }> {
  for (const source of sources) {
    for (let n = 0; n < perSource; n++) {
      let text = source;
      const edits = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) {
        if (rand() < mutateShare) text = mutate(text, rand);
        else {
          const at = Math.floor(rand() * (text.length + 1));
          const cut = rand() < 0.3 ? Math.floor(rand() * 4) : 0;
          text = text.slice(0, at) + junk[Math.floor(rand() * junk.length)] + text.slice(at + cut);
        }
      }
      yield { text, label: `edit ${n} of a source starting ${JSON.stringify(source.slice(0, 40))}` };
    }
  }
}

export interface FuzzOutcome {
  /** Inputs whose lint threw, reported a rule failure, or took longer than the bound. */
  failures: string[];
  slowestMs: number;
}

/**
 * Lints one input as the server would (diagnostics, then a hover and the fixes of a few findings),
 * and says what went wrong, if anything.
 */
export function exercise(text: string, format: SourceFormat, label: string, boundMs: number, rand: () => number, outcome: FuzzOutcome): void {
  const started = performance.now();
  try {
    const analysis = lintText(text, { format });
    const failed = analysis.diagnostics.filter((d) => d.code === RULE_FAILURE_CODE);
    if (failed.length) outcome.failures.push(`${label}: ${failed[0].message}`);
    for (const d of analysis.diagnostics) {
      if (!(d.offset >= 0 && d.end <= text.length && d.offset <= d.end)) outcome.failures.push(`${label}: ${d.code} has range ${d.offset}-${d.end} outside the text`);
    }
    if (analysis.model) keyHoverAt(analysis.model, Math.floor(rand() * (text.length + 1)));
    // The fix itself, not fixesFor (which turns a throwing fix into "no fix" for users): here it must not throw.
    for (let i = 0; i < 3 && analysis.model && analysis.findings.length; i++) {
      const finding = pick(rand, analysis.findings);
      finding.rule.fix?.({ model: analysis.model, document: analysis.document, finding });
    }
  } catch (error) {
    outcome.failures.push(`${label}: threw ${error instanceof Error ? error.stack : String(error)}`);
  }
  const elapsed = performance.now() - started;
  outcome.slowestMs = Math.max(outcome.slowestMs, elapsed);
  if (elapsed > boundMs) outcome.failures.push(`${label}: took ${elapsed.toFixed(0)} ms (bound ${boundMs} ms)`);
}
