import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { allRules, formatFor, lintText, type SourceFormat } from '../server/src/engine';
import { compareFindings, describeDisagreement, upstreamCodes, type RuleComparison } from './support/differential';
import { corpusDir, repoRoot } from './support/paths';
import { runSpectralBatch } from './support/spectralOracle';

/**
 * Proof of accuracy: our rules against @stoplight/spectral-owasp-ruleset on every fixture and
 * on the real corpus. Every place where one reports and the other does not must be explained
 * by a documented divergence of the rule; anything else fails.
 */
// Enough for every corpus file but argo-workflows (about 330 s and 4.3 GiB for Spectral alone).
const SPECTRAL_LIMIT_MS = Number(process.env.OPENAPI_SECURITY_SPECTRAL_LIMIT_MS ?? 180_000);
const scratch = mkdtempSync(path.join(tmpdir(), 'openapi-security-diff-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function unexplained(rules: RuleComparison[]): string[] {
  return rules.flatMap((r) => r.unexplained.map((d) => describeDisagreement(r.code, d)));
}

/** Runs every rule test with fixture recording on, and returns each distinct OpenAPI fixture. */
function recordedFixtures(): Array<{ text: string; format: SourceFormat }> {
  const record = path.join(scratch, 'fixtures.jsonl');
  const tests = readdirSync(path.join(repoRoot, 'out', 'rules')).filter((f) => f.endsWith('.test.js')).map((f) => path.join(repoRoot, 'out', 'rules', f));
  // Without NODE_TEST_CONTEXT the nested runner behaves as a top-level one and runs the files.
  const { NODE_TEST_CONTEXT: _ignored, ...env } = process.env;
  const run = spawnSync(process.execPath, ['--test', ...tests], { env: { ...env, OPENAPI_SECURITY_RECORD_FIXTURES: record }, encoding: 'utf8' });
  assert.equal(run.status, 0, `rule tests failed while recording fixtures:\n${run.stdout.slice(-3000)}`);
  const files = ['test/fixtures', 'examples'].flatMap((dir) =>
    readdirSync(path.join(repoRoot, dir)).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => path.join(repoRoot, dir, f)),
  );
  const seen = new Set<string>();
  const fixtures = [
    ...readFileSync(record, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { text: string; format: SourceFormat }),
    ...files.map((file) => ({ text: readFileSync(file, 'utf8'), format: formatFor(file, '') })),
  ];
  return fixtures.filter((f) => {
    const key = `${f.format}\u0000${f.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const analysis = lintText(f.text, { format: f.format });
    return analysis.version !== undefined && !analysis.diagnostics.some((d) => d.code === 'parse-error' && d.severity === 'error');
  });
}

// Two at a time: each Spectral run is one busy worker thread, and the machine has two cores.
describe('differential test against @stoplight/spectral-owasp-ruleset', { concurrency: 2 }, () => {
  it('implements every upstream rule with the same code and default severity', () => {
    const severity: Record<number, string> = { 0: 'error', 1: 'warning', 2: 'info', 3: 'hint' };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ruleset = require('@stoplight/spectral-owasp-ruleset');
    const upstreamRules = (ruleset.default ?? ruleset).rules as Record<string, { severity: number }>;
    const missing = upstreamCodes().filter((code) => !allRules.some((r) => r.id === code));
    assert.deepEqual(missing, [], 'upstream rules not implemented');
    for (const [code, rule] of Object.entries(upstreamRules)) {
      assert.equal(allRules.find((r) => r.id === code)?.severity, severity[rule.severity], code);
    }
  });

  it('agrees on every fixture, or the rule documents why not', async () => {
    const fixtures = recordedFixtures();
    assert.ok(fixtures.length > 50, `only ${fixtures.length} fixtures recorded`);
    const results = await runSpectralBatch(fixtures, 10 * SPECTRAL_LIMIT_MS);
    assert.ok(results, 'Spectral did not finish the fixtures in time');
    const problems = fixtures.flatMap((f, i) => unexplained(compareFindings(f.text, f.format, results[i])).map((line) => `${line}\n    in fixture:\n${f.text.slice(0, 600)}`));
    assert.deepEqual(problems, []);
  });

  const dir = corpusDir();
  const corpus = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];
  if (corpus.length === 0) {
    it(`compares on the corpus (absent: ${dir}; pass --corpus DIR or set OPENAPI_SECURITY_CORPUS)`, (t) => t.skip(`corpus not found at ${dir}`));
  }
  for (const name of corpus) {
    it(`agrees on ${name}, or the rule documents why not`, async (t) => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      const format = formatFor(name, text);
      const results = await runSpectralBatch([{ text, format }], SPECTRAL_LIMIT_MS);
      if (!results) {
        t.skip(`Spectral needs more than ${SPECTRAL_LIMIT_MS / 1000} s on ${name} (see shared/notes/spectral-gotchas.md); raise OPENAPI_SECURITY_SPECTRAL_LIMIT_MS to include it`);
        return;
      }
      const rules = compareFindings(text, format, results[0]);
      for (const r of rules.filter((r) => r.ours + r.upstream > 0)) {
        t.diagnostic(`${r.code}: agreed ${r.agreed}, ours ${r.ours}, upstream ${r.upstream}, explained ${r.explained.length}, unexplained ${r.unexplained.length}`);
      }
      assert.deepEqual(unexplained(rules), []);
    });
  }
});
