// The ratios of one row (all from the same run) and the targets (#6) checked on the rows.
// Pure: test/benchHelpers.test.ts checks them.
import { median, ratio } from './stats.mjs';

/** A tool's median time, or its bound as a lower bound when it was stopped there. */
function toolTime(outcome, limitMs) {
  if (outcome?.ms !== undefined) return { ms: outcome.ms, lowerBound: false };
  if (outcome?.timedOut) return { ms: limitMs, lowerBound: true };
  return undefined;
}

/** How many times slower (or, for open/keystroke vs parse, more costly) each thing is than ours. */
export function rowRatios(row, limitMs) {
  const spectral = toolTime(row.spectralWarm, limitMs);
  const redocly = toolTime(row.processes?.redocly, limitMs);
  const spectralCli = toolTime(row.processes?.spectral, limitMs);
  const ours = row.processes?.ours?.ms;
  return {
    openVsParse: ratio(row.openMs, row.parseMs),
    keystrokeVsParse: ratio(row.keystrokeMs, row.parseMs),
    spectralVsOpen: spectral && ratio(spectral.ms, row.openMs),
    spectralVsOpenLowerBound: !!spectral?.lowerBound,
    // Like for like: both engines warm in one process, timed from the text to their findings.
    spectralVsEngine: spectral && ratio(spectral.ms, row.engineWarm?.ms),
    spectralVsWarmOpen: spectral && ratio(spectral.ms, row.warmOpenMs),
    // In an editor Spectral lints the whole document again after each edit; we answer an edit with keystroke → diagnostics.
    spectralVsKeystroke: spectral && ratio(spectral.ms, row.keystrokeMs),
    redoclyVsCli: redocly && ratio(redocly.ms, ours),
    redoclyVsCliLowerBound: !!redocly?.lowerBound,
    spectralCliVsCli: spectralCli && ratio(spectralCli.ms, ours),
    spectralCliVsCliLowerBound: !!spectralCli?.lowerBound,
  };
}

const verdict = (met) => (met === undefined ? 'not measured' : met ? 'met' : 'not met');
const worst = (rows, pick) => rows.reduce((w, r) => (pick(r) !== undefined && (w === undefined || pick(r) > pick(w)) ? r : w), undefined);

/** Each target of issue #6: what was measured and whether it is met (undefined: not measured in this run). */
export function evaluateTargets(rows) {
  const corpus = rows.filter((r) => r.kind === 'corpus');
  const targets = [];
  const add = (target, measured, met) => targets.push({ target, measured, met, verdict: verdict(met) });
  const ms = (v) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
  const x = (v) => `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)}x`;

  const openai = rows.find((r) => r.name.startsWith('openai') && r.keystrokeMs !== undefined);
  add('keystroke → diagnostics ≤ 100 ms on openai-2971k.yaml', openai ? ms(openai.keystrokeMs) : '–', openai ? openai.keystrokeMs <= 100 : undefined);

  const small = worst(rows.filter((r) => r.bytes <= 1.5e6), (r) => r.keystrokeMs);
  add('keystroke → diagnostics ≤ 50 ms on files up to 1.5 MB (worst file)', small ? `${ms(small.keystrokeMs)} (${small.name})` : '–', small ? small.keystrokeMs <= 50 : undefined);

  const open = worst(rows, (r) => r.ratios?.openVsParse);
  add('full lint from cold ≤ 1.5x the parse time (worst file)', open ? `${x(open.ratios.openVsParse)} (${open.name})` : '–', open ? open.ratios.openVsParse <= 1.5 : undefined);

  // Spectral is measured warm in one process: against our engine measured the same way (like for like), against our
  // full lint in a warm server over LSP, and against our cold one (a fresh server).
  const bounded = corpus.some((r) => r.ratios?.spectralVsOpenLowerBound);
  const against = [
    ['spectralVsEngine', 'our engine warm in one process, measured as Spectral is (like for like)'],
    ['spectralVsWarmOpen', 'our full lint in a warm server, over LSP'],
    ['spectralVsOpen', 'our full lint from cold, a fresh server'],
  ];
  for (const [key, which] of against) {
    const spectralRatios = corpus.map((r) => r.ratios?.[key]).filter((v) => v !== undefined);
    const spectralMedian = median(spectralRatios);
    add(
      `≥ 50x faster than Spectral + OWASP ruleset warm (median ratio over the corpus): ${which}`,
      spectralMedian === undefined ? '–' : `${bounded ? '≥ ' : ''}${x(spectralMedian)} over ${spectralRatios.length} files`,
      spectralMedian === undefined ? undefined : spectralMedian >= 50,
    );
  }

  const redocly = corpus.filter((r) => r.ratios?.redoclyVsCli !== undefined);
  const slowest = redocly.reduce((w, r) => (w === undefined || r.ratios.redoclyVsCli < w.ratios.redoclyVsCli ? r : w), undefined);
  add(
    'our CLI faster than `redocly lint` on every corpus file (smallest ratio)',
    slowest ? `redocly/ours ${x(slowest.ratios.redoclyVsCli)} (${slowest.name}), ${redocly.length} files` : '–',
    slowest ? redocly.every((r) => r.ratios.redoclyVsCli > 1) : undefined,
  );

  const k1 = rows.find((r) => r.operations === 1000);
  const k10 = rows.find((r) => r.operations === 10000);
  const growth = ratio(k10?.openMs, k1?.openMs);
  add('linear growth: 10,000-operation spec ≤ 12x the 1,000-operation one (full lint)', growth === undefined ? '–' : x(growth), growth === undefined ? undefined : growth <= 12);

  const rss = rows.find((r) => r.name.startsWith('openai') && r.peakRssMb !== undefined);
  add('server peak RSS ≤ 300 MB with openai-2971k.yaml open', rss ? `${Math.round(rss.peakRssMb)} MB` : '–', rss ? rss.peakRssMb <= 300 : undefined);

  const latency = (r) => Math.max(...[r.hoverSameMs, r.actionSameMs, r.hoverOtherMs, r.actionOtherMs].filter((v) => v !== undefined));
  const during = worst(rows.filter((r) => [r.hoverSameMs, r.actionSameMs, r.hoverOtherMs, r.actionOtherMs].some((v) => v !== undefined)), latency);
  add('hover and code actions ≤ 50 ms while a full lint runs (worst median)', during ? `${ms(latency(during))} (${during.name})` : '–', during ? latency(during) <= 50 : undefined);
  return targets;
}
