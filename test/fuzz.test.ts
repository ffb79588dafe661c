import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { formatFor } from '../server/src/engine';
import { exercise, mutate, random, type FuzzOutcome } from './support/fuzz';
import { corpusDir, repoRoot } from './support/paths';

/**
 * Issue #7, scenario 6: half-typed and mangled documents never make the engine throw, report a
 * rule failure, put a range outside the text, or hang. Fixed seed in CI; `npm run fuzz` runs a
 * larger sweep (OPENAPI_SECURITY_FUZZ_SCALE multiplies the counts, OPENAPI_SECURITY_FUZZ_SEED
 * changes the seed, OPENAPI_SECURITY_FUZZ_WINDOW_KB=0 cuts prefixes anywhere in the file).
 */
const SEED = Number(process.env.OPENAPI_SECURITY_FUZZ_SEED ?? 20261129);
const SCALE = Math.max(1, Number(process.env.OPENAPI_SECURITY_FUZZ_SCALE ?? 1));
/** CI cuts prefixes within each file's first 64 KB: half-typed endings, in bounded time. */
const WINDOW = Number(process.env.OPENAPI_SECURITY_FUZZ_WINDOW_KB ?? 64) * 1024;
const PREFIXES_PER_FILE = 200 * SCALE;
const MUTATIONS = 9_000 * SCALE;
/** A hang detector, not a speed target (`npm run bench` measures speed). */
const BOUND_MS = 15_000;

const dir = corpusDir();
const corpus = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];

function report(outcome: FuzzOutcome, inputs: number, what: string): void {
  console.log(`fuzz (${what}): ${inputs} inputs, seed ${SEED}, slowest ${outcome.slowestMs.toFixed(0)} ms, ${outcome.failures.length} failures`);
  assert.deepEqual(outcome.failures.slice(0, 10), []);
}

describe('fuzz: half-typed and mangled documents', () => {
  it(`every corpus spec cut at ${PREFIXES_PER_FILE} points`, (t) => {
    if (corpus.length === 0) {
      t.skip(`corpus not found at ${dir} (pass --corpus DIR or set OPENAPI_SECURITY_CORPUS)`);
      return;
    }
    const rand = random(SEED);
    const outcome: FuzzOutcome = { failures: [], slowestMs: 0 };
    let inputs = 0;
    for (const name of corpus) {
      const text = readFileSync(path.join(dir, name), 'utf8');
      const format = formatFor(name, text);
      const window = WINDOW > 0 ? Math.min(WINDOW, text.length) : text.length;
      for (let i = 0; i < PREFIXES_PER_FILE; i++) {
        const cut = Math.floor(rand() * window);
        exercise(text.slice(0, cut), format, `${name} cut at ${cut}`, BOUND_MS, rand, outcome);
        inputs++;
      }
    }
    report(outcome, inputs, 'corpus prefixes');
  });

  it(`${MUTATIONS} random line deletions, duplications, moves, cuts, re-indents and junk`, () => {
    const seeds = ['examples/insecure-api.yaml', ...readdirSync(path.join(repoRoot, 'test', 'fixtures')).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => `test/fixtures/${f}`)];
    const texts = seeds.map((file) => ({ file, text: readFileSync(path.join(repoRoot, file), 'utf8') }));
    // A slice of a real spec as well, so that mutations meet real structures (refs, callbacks, security).
    for (const name of corpus.slice(0, 2)) {
      const text = readFileSync(path.join(dir, name), 'utf8');
      if (/\.ya?ml$/.test(name)) texts.push({ file: name, text: text.split('\n').slice(0, 400).join('\n') });
    }
    const rand = random(SEED + 1);
    const outcome: FuzzOutcome = { failures: [], slowestMs: 0 };
    for (let i = 0; i < MUTATIONS; i++) {
      const seed = texts[i % texts.length];
      let text = seed.text;
      const edits = 1 + Math.floor(rand() * 4);
      for (let e = 0; e < edits; e++) text = mutate(text, rand);
      exercise(text, formatFor(seed.file, text), `${seed.file} mutation #${i}`, BOUND_MS, rand, outcome);
    }
    report(outcome, MUTATIONS, 'mutations');
  });
});
