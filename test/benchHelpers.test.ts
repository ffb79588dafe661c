import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './support/paths';

// The benchmark's pure helpers (scripts/bench/*.mjs): no timings are asserted here, only the arithmetic,
// the edit sites and the rendering the benchmark relies on.
const load = (name: string) => import(pathToFileURL(path.join(repoRoot, 'scripts', 'bench', name)).href);

describe('benchmark helpers', () => {
  it('median: odd and even counts, nothing, non-numbers ignored', async () => {
    const { median } = await load('stats.mjs');
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), undefined);
    assert.equal(median([undefined, Number.NaN, 7]), 7);
  });

  it('ratio: a / b, undefined when a side is missing or b is not positive', async () => {
    const { ratio } = await load('stats.mjs');
    assert.equal(ratio(300, 100), 3);
    assert.equal(ratio(undefined, 100), undefined);
    assert.equal(ratio(1, 0), undefined);
  });

  it('rotates the order of tools from round to round, each taking each place once', async () => {
    const { rotated } = await load('stats.mjs');
    assert.deepEqual([0, 1, 2, 3].map((round) => rotated(['a', 'b', 'c'], round)), [['a', 'b', 'c'], ['b', 'c', 'a'], ['c', 'a', 'b'], ['a', 'b', 'c']]);
    assert.deepEqual(rotated([], 2), []);
  });

  it('runs whole processes in interleaved rounds: medians, one run for a slow tool, a failure ends a tool', async () => {
    const { measureInRounds, runProcess } = await load('processes.mjs');
    const node = (code: string, ok = [0]) => ({ command: process.execPath, args: ['-e', code], ok });
    const commands = { quick: node(''), failing: node('process.exit(3)'), slow: node('setTimeout(() => {}, 300)'), capped: node('') };
    const { results, order } = await measureInRounds(commands, { rounds: 3, oneRunAboveMs: 250, maxRuns: { capped: 2 }, run: (command: unknown) => runProcess(command, 30_000) });
    // Round 1: quick, failing, slow, capped; round 2 starts with `failing` (done), slow (done), then capped, quick;
    // round 3: slow, capped (both done), quick.
    assert.deepEqual(order, ['quick', 'failing', 'slow', 'capped', 'capped', 'quick', 'quick']);
    assert.equal(results.quick.runs.length, 3);
    assert.equal(results.capped.runs.length, 2);
    assert.equal(results.quick.ms, [...results.quick.runs].sort((a: number, b: number) => a - b)[1]);
    assert.match(results.failing.error, /exit code 3/);
    assert.equal(results.slow.runs.length, 1);
    assert.ok(results.slow.ms >= 300, `slow tool took ${results.slow.ms} ms`);
  });

  it('times a warm engine: runs until warm, the median of the last runs; the bound, a slow first run and failures', async () => {
    const { warmTime } = await load('stats.mjs');
    // Scripted run times: a cold first run, then faster ones.
    const scripted = (times: Array<number | undefined>) => {
      let i = 0;
      return async () => {
        const ms = times[i++];
        return ms === undefined ? { error: `run ${i}` } : { ms, findings: 7 };
      };
    };
    const plan = { timed: 3, maxRuns: 8, budgetMs: 1000, oneRunAboveMs: 20_000 };
    // A fast engine runs all 8; the cold runs are its warm-up and only the last 3 count.
    assert.deepEqual(await warmTime(scripted([90, 60, 40, 30, 20, 12, 10, 11, 99]), plan), { ms: 11, runs: [90, 60, 40, 30, 20, 12, 10, 11], warmUp: 5, findings: 7 });
    // Once the budget is spent (and 3 have run), it stops: 400 + 350 + 300 = 1050 ms.
    assert.deepEqual(await warmTime(scripted([400, 350, 300, 100]), plan), { ms: 350, runs: [400, 350, 300], warmUp: 0, findings: 7 });
    // Never fewer than `timed` runs, however long each is, unless the first is over the one-run bound.
    assert.deepEqual((await warmTime(scripted([5000, 4000, 4500, 1]), plan)).runs, [5000, 4000, 4500]);
    assert.deepEqual(await warmTime(scripted([30_000, 1]), plan), { ms: 30_000, runs: [30_000], warmUp: 0, findings: 7 });
    // A failure on the first run is the result; a later one ends the runs and the others count.
    assert.deepEqual(await warmTime(scripted([undefined]), plan), { error: 'run 1' });
    assert.deepEqual(await warmTime(scripted([50, 40, undefined]), plan), { ms: 45, runs: [50, 40], warmUp: 0, findings: 7 });
  });

  it('formats times, ratios (with lower bounds) and sizes for table cells', async () => {
    const { formatMs, formatRatio, formatBytes } = await load('stats.mjs');
    assert.deepEqual([formatMs(3.14159), formatMs(42.4), formatMs(1234.5), formatMs(65_432), formatMs(undefined)], ['3.1 ms', '42 ms', '1235 ms', '65.4 s', '–']);
    assert.deepEqual([formatRatio(0.4242), formatRatio(12.34), formatRatio(123.4, true), formatRatio(undefined)], ['0.42x', '12.3x', '≥123x', '–']);
    assert.deepEqual([formatBytes(219_542), formatBytes(2_970_649)], ['214 KB', '2.8 MB']);
  });

  it('renders a markdown table with alignment, escaped pipes and a dash for missing cells', async () => {
    const { markdownTable } = await load('stats.mjs');
    const table = markdownTable([{ title: 'file' }, { title: 'time', align: 'right' }], [['a|b.yaml', '3 ms'], ['c.yaml']]);
    assert.equal(table, ['| file | time |', '|---|---:|', '| a\\|b.yaml | 3 ms |', '| c.yaml | – |'].join('\n'));
  });

  it('puts keystrokes on operationId values (YAML plain and quoted, JSON), spread over the document', async () => {
    const { editSites, positionAt } = await load('inputs.mjs');
    const yaml = ['paths:', '  /a:', '    get:', '      operationId: getA', '  /b:', '    post:', "      operationId: 'postB'"].join('\n');
    const sites: number[] = editSites(yaml, 4);
    assert.deepEqual(sites.map((s) => yaml.slice(s, s + 4)), ['getA', 'post']);
    assert.deepEqual(positionAt(yaml, sites[1]), { line: 6, character: 20 });
    const json = '{"paths": {"/a": {"get": {"operationId": "getA"}}}}';
    assert.deepEqual(editSites(json, 4).map((s: number) => json.slice(s, s + 4)), ['getA']);
    const many = Array.from({ length: 100 }, (_, i) => `      operationId: op${i}`).join('\n');
    const spread: number[] = editSites(many, 4);
    assert.deepEqual(spread.map((s) => /op\d+/.exec(many.slice(s))![0]), ['op12', 'op37', 'op62', 'op87']);
  });

  it('falls back to path keys when path items are only $refs', async () => {
    const { editSites } = await load('inputs.mjs');
    const text = ['paths:', "  /v2/things:", "    $ref: 'resources/things.yml'", '  "/v2/other":', '    $ref: other.yml'].join('\n');
    assert.deepEqual(editSites(text, 4).map((s: number) => text.slice(s - 1, s + 3)), ['/v2/', '/v2/']);
  });

  it('computes ratios within a row, using the bound as a lower bound for a tool that was stopped', async () => {
    const { rowRatios } = await load('targets.mjs');
    const ratios = rowRatios({ parseMs: 100, openMs: 150, warmOpenMs: 40, keystrokeMs: 20, spectralWarm: { timedOut: true }, engineWarm: { ms: 30 }, processes: { ours: { ms: 500 }, redocly: { ms: 1000 }, spectral: { error: 'x' } } }, 120_000);
    assert.equal(ratios.openVsParse, 1.5);
    assert.equal(ratios.keystrokeVsParse, 0.2);
    assert.equal(ratios.spectralVsOpen, 800);
    assert.equal(ratios.spectralVsOpenLowerBound, true);
    assert.equal(ratios.spectralVsEngine, 4000);
    assert.equal(ratios.spectralVsWarmOpen, 3000);
    assert.equal(ratios.spectralVsKeystroke, 6000);
    assert.equal(ratios.redoclyVsCli, 2);
    assert.equal(ratios.spectralCliVsCli, undefined);
  });

  it('checks the issue targets against the rows, saying what was not measured', async () => {
    const { evaluateTargets, rowRatios } = await load('targets.mjs');
    const row = (r: Record<string, unknown>) => ({ ...r, ratios: rowRatios(r, 120_000) });
    const rows = [
      row({ name: 'openai-2971k.yaml', kind: 'corpus', bytes: 2_970_649, parseMs: 600, openMs: 800, warmOpenMs: 400, keystrokeMs: 90, peakRssMb: 350, spectralWarm: { ms: 110_000 }, engineWarm: { ms: 200 }, processes: { ours: { ms: 900 }, redocly: { ms: 1800 } }, hoverSameMs: 30, actionSameMs: 20, hoverOtherMs: 2, actionOtherMs: 3 }),
      row({ name: 'resend-220k.yaml', kind: 'corpus', bytes: 219_542, parseMs: 80, openMs: 100, warmOpenMs: 10, keystrokeMs: 60, spectralWarm: { ms: 550 }, engineWarm: { ms: 5 }, processes: { ours: { ms: 300 }, redocly: { ms: 250 } } }),
      row({ name: 'synthetic-1000ops.yaml', kind: 'synthetic', operations: 1000, bytes: 300_000, parseMs: 50, openMs: 70, keystrokeMs: 10 }),
    ];
    const verdicts = evaluateTargets(rows).map((t: { verdict: string; measured: string }) => `${t.verdict}: ${t.measured}`);
    // In the order of the issue: keystroke on openai, keystroke up to 1.5 MB, cold vs parse, Spectral (our engine in
    // one process, a warm server, a cold one: medians of 550x and 110x, of 275x and 55x, of 137.5x and 5.5x), redocly,
    // growth, RSS, hover.
    assert.deepEqual(verdicts, [
      'met: 90 ms',
      'not met: 60 ms (resend-220k.yaml)',
      'met: 1.40x (synthetic-1000ops.yaml)',
      'met: 330x over 2 files',
      'met: 165x over 2 files',
      'met: 71.5x over 2 files',
      'not met: redocly/ours 0.83x (resend-220k.yaml), 2 files',
      'not measured: –',
      'not met: 350 MB',
      'met: 30 ms (openai-2971k.yaml)',
    ]);
  });

  it('renders the report with skipped tools marked and the targets listed', async () => {
    const { renderReport } = await load('report.mjs');
    const { evaluateTargets, rowRatios } = await load('targets.mjs');
    const r = { name: 'argo.json', kind: 'corpus', bytes: 823_158, parseMs: 100, openMs: 200, warmOpenMs: 60, spectralWarm: { timedOut: true }, engineWarm: { ms: 40 }, processes: { ours: { ms: 400 } } };
    const rows = [{ ...r, ratios: rowRatios(r, 120_000) }];
    const text: string = renderReport({ machine: 'test machine', date: 'today', mode: 'quick', reps: { open: 1, keystrokes: 1, parse: 1, tools: 1 }, limitMs: 120_000, rows, targets: evaluateTargets(rows), notes: ['a note'] });
    assert.match(text, /\*\*Machine:\*\* test machine/);
    assert.match(text, /\| argo\.json \| skipped \(> 120 s\) \| 40 ms \| ≥3000x \| ≥600x \| ≥2000x \| – \| 400 ms \|/);
    assert.match(text, /\| argo\.json \| 804 KB \| – \| 100 ms \| 200 ms \| 2\.00x \| 60 ms \| – \|/);
    assert.match(text, /\| full lint from cold ≤ 1\.5x the parse time \(worst file\) \| 2\.00x \(argo\.json\) \| not met \|/);
    assert.match(text, /- a note$/);
    assert.match(text, /parses, up to 1 warm lints of Spectral and of our engine, /, 'a saved run without a warm-up plan says how many lints it had');
    const planned: string = renderReport({ machine: 'm', date: 'd', mode: 'full', reps: { open: 3, keystrokes: 10, parse: 7, tools: 3, warm: { timed: 3, maxRuns: 8, budgetMs: 3000 } }, limitMs: 120_000, rows, targets: [] });
    assert.match(planned, /parses, the last 3 of up to 8 warm lints of Spectral and of our engine \(each engine lints the file again and again in its worker until 3 lints have run and they took 3 s in all, or 8 have run,/);
  });

  it('renders a saved run again (`--render FILE`), its ratios and verdicts recomputed from the measurements', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-render-'));
    try {
      const saved = path.join(dir, 'results.json');
      // Saved ratios and targets that the measurements contradict: the tables must not repeat them.
      const row = { name: 'resend.yaml', kind: 'corpus', bytes: 219_542, parseMs: 80, openMs: 100, warmOpenMs: 50, keystrokeMs: 20, spectralWarm: { ms: 5000 }, engineWarm: { ms: 25 }, processes: { ours: { ms: 300 } }, ratios: { spectralVsOpen: 1, spectralVsEngine: 1 } };
      writeFileSync(saved, JSON.stringify({ machine: 'saved machine', date: 'then', mode: 'full', reps: { open: 3, keystrokes: 10, parse: 7, tools: 3 }, limitMs: 120_000, rows: [row], targets: [], notes: [] }));
      const text = execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'bench.mjs'), '--render', saved], { encoding: 'utf8' });
      assert.match(text, /\*\*Machine:\*\* saved machine\. \*\*Date:\*\* then\./);
      assert.match(text, /\| resend\.yaml \| 5000 ms \| 25 ms \| 200x \| 50\.0x \| 100x \| 250x \| 300 ms \|/);
      assert.match(text, /like for like\) \| 200x over 1 files \| met \|/);
      assert.match(text, /a warm server, over LSP \| 100x over 1 files \| met \|/);
      assert.match(text, /a fresh server \| 50\.0x over 1 files \| met \|/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
