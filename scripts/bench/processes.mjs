// Whole processes, as a user or CI runs them: our CLI, `redocly lint` and `spectral lint` with the OWASP
// ruleset, each timed from spawn to exit, each bounded in time (the whole process group is killed beyond).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { median, msSince, rotated } from './stats.mjs';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(new URL('../..', import.meta.url).pathname);
const bin = (name) => path.join(repoRoot, 'node_modules', '.bin', name);

/** Writes the Spectral ruleset file (extends the OWASP ruleset by absolute path, so it resolves from any folder). */
export function writeSpectralRuleset(dir) {
  const file = path.join(dir, 'owasp-ruleset.yaml');
  writeFileSync(file, `extends: [${JSON.stringify(require.resolve('@stoplight/spectral-owasp-ruleset'))}]\n`);
  return file;
}

/** The three tools; `ok` says which exit codes mean "linted" (findings or not) rather than "failed". */
export function tools(rulesetFile) {
  return {
    ours: (file) => ({ command: process.execPath, args: [path.join(repoRoot, 'dist', 'cli.js'), 'lint', file, '--format', 'json', '--fail-on', 'never', '--root', path.dirname(file)], ok: [0] }),
    redocly: (file) => ({ command: bin('redocly'), args: ['lint', file, '--format', 'json'], ok: [0, 1] }),
    spectral: (file) => ({ command: bin('spectral'), args: ['lint', '-r', rulesetFile, '-f', 'json', file], ok: [0, 1] }),
  };
}

const QUIET_ENV = { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', SCARF_ANALYTICS: 'false', NO_COLOR: '1' };

/** { ms } when the process exited with an expected code; { timedOut } or { error } otherwise. */
export function runProcess({ command, args, ok }, limitMs) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true, env: { ...process.env, ...QUIET_ENV } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, limitMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ error: String(error) });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const ms = msSince(start);
      if (timedOut) resolve({ timedOut: true });
      else if (ok.includes(code)) resolve({ ms });
      else resolve({ error: `exit code ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}` });
    });
  });
}

/**
 * Each tool run `rounds` times, in rounds: every round runs each tool once, the order rotated from round to
 * round, so that a tool is never measured only right after another tool's heavy run or only while the machine
 * settles (a tool run first after the in-process Spectral lint used to pay for that lint's garbage collection).
 * `run(command)` runs one (a whole process, or anything resolving to { ms } or a failure). A tool whose first run
 * takes over `oneRunAboveMs` runs once, one with a `maxRuns` entry at most that often; its first failure or timeout
 * ends its runs. Returns, per tool, { ms (median), runs, findings (of the first run, when it says) } or the first
 * run's { timedOut } / { error }; `order` lists the runs.
 */
export async function measureInRounds(commands, { rounds, oneRunAboveMs, maxRuns = {}, run }) {
  const names = Object.keys(commands);
  const state = Object.fromEntries(names.map((name) => [name, { runs: [], done: false, failure: undefined, findings: undefined }]));
  const order = [];
  for (let round = 0; round < rounds; round++) {
    for (const name of rotated(names, round)) {
      const tool = state[name];
      if (tool.done) continue;
      order.push(name);
      const outcome = await run(commands[name]);
      if (outcome.ms === undefined) {
        if (tool.runs.length === 0) tool.failure = outcome;
        tool.done = true;
        continue;
      }
      if (tool.runs.length === 0) tool.findings = outcome.findings;
      tool.runs.push(outcome.ms);
      if (tool.runs[0] > oneRunAboveMs || tool.runs.length >= (maxRuns[name] ?? rounds)) tool.done = true;
    }
  }
  const results = Object.fromEntries(names.map((name) => [name, state[name].failure ?? { ms: median(state[name].runs), runs: state[name].runs, findings: state[name].findings }]));
  return { results, order };
}
