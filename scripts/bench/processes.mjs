// Whole processes, as a user or CI runs them: our CLI, `redocly lint` and `spectral lint` with the OWASP
// ruleset, each timed from spawn to exit, each bounded in time (the whole process group is killed beyond).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { msSince } from './stats.mjs';

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
