// The markdown the benchmark prints (and README's Performance section quotes). Pure.
import { formatBytes, formatMs, formatRatio, markdownTable } from './stats.mjs';

const R = 'right';

function tool(outcome, limitMs) {
  if (!outcome) return '–';
  if (outcome.ms !== undefined) return formatMs(outcome.ms);
  if (outcome.timedOut) return `skipped (> ${Math.round(limitMs / 1000)} s)`;
  if (outcome.skipped) return `skipped (${outcome.skipped})`;
  return 'failed';
}

const pair = (a, b) => (a === undefined && b === undefined ? '–' : `${formatMs(a)} / ${formatMs(b)}`);

/** How the warm in-process lints were counted; runs saved before the warm-up plan existed said only how many. */
function warmLints(reps) {
  const plan = reps.warm;
  if (!plan) return `up to ${reps.tools} warm lints of Spectral and of our engine`;
  return `the last ${plan.timed} of up to ${plan.maxRuns} warm lints of Spectral and of our engine (each engine lints the file again and again in its worker until ${plan.timed} lints have run and they took ${plan.budgetMs / 1000} s in all, or ${plan.maxRuns} have run, 1 when one takes over 20 s; the lints before the last ${plan.timed} warm it up on that file)`;
}

export function renderReport({ machine, date, mode, reps, limitMs, rows, targets, notes = [] }) {
  const editor = markdownTable(
    [
      { title: 'file' }, { title: 'size', align: R }, { title: 'diagnostics', align: R }, { title: 'parse alone', align: R },
      { title: 'full lint, cold', align: R }, { title: '÷ parse', align: R }, { title: 'full lint, warm', align: R }, { title: 'keystroke → diagnostics', align: R },
      { title: '÷ parse', align: R }, { title: 'server peak RSS', align: R },
      { title: 'hover / code action during a lint: same doc', align: R }, { title: 'other doc', align: R },
    ],
    rows.map((r) => [
      r.name, formatBytes(r.bytes), r.findings ?? '–', formatMs(r.parseMs), formatMs(r.openMs), formatRatio(r.ratios?.openVsParse), formatMs(r.warmOpenMs),
      formatMs(r.keystrokeMs), formatRatio(r.ratios?.keystrokeVsParse), r.peakRssMb === undefined ? '–' : `${Math.round(r.peakRssMb)} MB`,
      pair(r.hoverSameMs, r.actionSameMs), pair(r.hoverOtherMs, r.actionOtherMs),
    ]),
  );
  const others = markdownTable(
    [
      { title: 'file' }, { title: 'Spectral + OWASP, warm in-process', align: R }, { title: 'our engine, warm in-process', align: R }, { title: '÷ ours', align: R }, { title: '÷ our cold lint', align: R }, { title: '÷ our warm lint', align: R }, { title: '÷ our keystroke', align: R },
      { title: 'our CLI', align: R }, { title: '`redocly lint`', align: R }, { title: '÷ our CLI', align: R },
      { title: '`spectral lint` + OWASP', align: R }, { title: '÷ our CLI', align: R },
    ],
    rows.map((r) => [
      r.name, tool(r.spectralWarm, limitMs), tool(r.engineWarm, limitMs), formatRatio(r.ratios?.spectralVsEngine, r.ratios?.spectralVsOpenLowerBound), formatRatio(r.ratios?.spectralVsOpen, r.ratios?.spectralVsOpenLowerBound), formatRatio(r.ratios?.spectralVsWarmOpen, r.ratios?.spectralVsOpenLowerBound), formatRatio(r.ratios?.spectralVsKeystroke, r.ratios?.spectralVsOpenLowerBound),
      tool(r.processes?.ours, limitMs), tool(r.processes?.redocly, limitMs), formatRatio(r.ratios?.redoclyVsCli, r.ratios?.redoclyVsCliLowerBound),
      tool(r.processes?.spectral, limitMs), formatRatio(r.ratios?.spectralCliVsCli, r.ratios?.spectralCliVsCliLowerBound),
    ]),
  );
  const goals = markdownTable([{ title: 'target (issue #6)' }, { title: 'measured' }, { title: 'verdict' }], targets.map((t) => [t.target, t.measured, t.verdict]));
  return [
    `**Machine:** ${machine}. **Date:** ${date}. **Mode:** ${mode}. Medians of ${reps.open} cold opens, ${reps.keystrokes} keystrokes (4 when they take over a minute in all), ${reps.parse} parses, ${warmLints(reps)}, ${reps.rounds ?? reps.tools} runs of our CLI and of \`redocly lint\` and ${reps.tools} of \`spectral lint\`, the processes in rounds that run each tool once in rotated order (1 run when a run takes over 20 s); each ratio is computed within this run.`,
    '',
    '**In the editor** (the bundled server over LSP stdio; debounce 0; diagnostics published, at most 1,000 and a summary; "cold" is a fresh server per open, "warm" the document closed and opened again in a server that has linted it (as when another spec is opened in a session); a keystroke is typing or deleting one character in an `operationId`, timed from `didChange` to the `publishDiagnostics` of that version, after 4 untimed ones; hover / code action: medians of requests sent while a full lint of the same file runs, on that file and on a small other document):',
    '',
    editor,
    '',
    `**Against other tools** (Spectral warm: @stoplight/spectral-core with the OWASP ruleset in one process, a fresh resolver per lint, external \`$ref\`s refused; our engine warm: the same harness around our engine, no server; both in a worker kept between files, warmed up on the same small spec, then on the file itself (the same plan for both, above), timed from the text (parse included) to the findings; "÷ our keystroke": an editor running Spectral lints the whole document again after each edit, against our keystroke → diagnostics; whole processes: spawn to exit; bound ${Math.round(limitMs / 1000)} s per run, "≥" marks a ratio using the bound):`,
    '',
    others,
    '',
    '**Targets:**',
    '',
    goals,
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
}
