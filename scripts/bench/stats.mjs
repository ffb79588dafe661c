// Pure helpers of the benchmark (no I/O): medians, ratios, number formats and markdown tables.
// test/benchHelpers.test.ts checks them.

/** The median of the numbers (mean of the two middle ones for an even count); undefined for none. */
export function median(values) {
  const numbers = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (numbers.length === 0) return undefined;
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** a / b, or undefined when either is missing or b is not positive. */
export function ratio(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return undefined;
  return a / b;
}

/** A time in ms for a table cell: 3 significant digits below 100 ms, whole ms or seconds above. */
export function formatMs(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '–';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A ratio for a table cell ("12x", "0.42x"); a lower bound (a tool that timed out) gets "≥". */
export function formatRatio(value, lowerBound = false) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${lowerBound ? '≥' : ''}${value.toFixed(digits)}x`;
}

/** Bytes as KB or MB (1024-based), as file sizes are usually given. */
export function formatBytes(bytes) {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '–';
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A markdown table. `columns`: [{ title, align: 'left' | 'right' }]; `rows`: arrays of cell strings.
 * Pipes inside cells are escaped so a cell never splits.
 */
export function markdownTable(columns, rows) {
  const cell = (value) => String(value ?? '–').replace(/\|/g, '\\|');
  const header = `| ${columns.map((c) => cell(c.title)).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`;
  const body = rows.map((row) => `| ${columns.map((_, i) => cell(row[i])).join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

/** Runs `fn` `times` times in sequence and returns the values it resolved to. */
export async function repeat(times, fn) {
  const values = [];
  for (let i = 0; i < times; i++) values.push(await fn(i));
  return values;
}

/**
 * One engine's warm time on one file: `run` (resolving to { ms, findings } or a failure) again and again in the same
 * process until that file's code paths are warm, then the median of the last `timed` runs. Runs stop at
 * `maxRuns`, or once `timed` have run and all runs together took `budgetMs` (a run that long is its own warm-up:
 * JIT tiering is done within it), or after the first when it takes over `oneRunAboveMs`. A failure ends the runs;
 * on the first run it is the result. Returns { ms, runs (all, in order), warmUp (runs before the timed ones), findings }.
 */
export async function warmTime(run, { timed, maxRuns, budgetMs, oneRunAboveMs }) {
  const runs = [];
  let findings;
  let spent = 0;
  while (runs.length < maxRuns) {
    const outcome = await run();
    if (outcome.ms === undefined) {
      if (runs.length === 0) return outcome;
      break;
    }
    if (runs.length === 0) findings = outcome.findings;
    runs.push(outcome.ms);
    spent += outcome.ms;
    if (runs[0] > oneRunAboveMs || (runs.length >= timed && spent >= budgetMs)) break;
  }
  const last = runs.slice(-timed);
  return { ms: median(last), runs, warmUp: runs.length - last.length, findings };
}

/** `list` rotated left by `round` places: the order of round `round`, so each item takes each place in turn. */
export function rotated(list, round) {
  if (list.length === 0) return [];
  const k = ((round % list.length) + list.length) % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

/** Milliseconds since a `process.hrtime.bigint()` mark. */
export function msSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
