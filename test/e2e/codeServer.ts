import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/paths';

/**
 * Where scripts/e2e.mjs installed the heavy tools. Both must be set: the runners never
 * install anything themselves, so a missing tool is a clear error instead of a slow surprise.
 */
export function tools(): { node24: string; codeServerEntry: string; chromium: string } {
  const node24 = process.env.E2E_NODE24;
  const codeServerEntry = process.env.E2E_CODE_SERVER;
  if (!node24 || !codeServerEntry) throw new Error('E2E_NODE24 and E2E_CODE_SERVER must be set (run scripts/e2e.mjs)');
  return { node24, codeServerEntry, chromium: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium' };
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  // Saving is an explicit step of the UI test; auto-save would race it.
  'files.autoSave': 'off',
};

/** A fresh scratch tree per run: auto-save and settings writes must never touch the repository. */
export function scratch(prefix: string): { root: string; workspace: string } {
  const root = mkdtempSync(path.join(tmpdir(), `openapi-security-${prefix}-`));
  const workspace = path.join(root, 'workspace');
  cpSync(path.join(repoRoot, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });
  for (const dir of ['home', 'tmp', 'udd', 'ext']) mkdirSync(path.join(root, dir));
  // A quiet workbench: no welcome page, no chat beside the editor (more room, plainer screenshots).
  mkdirSync(path.join(root, 'udd', 'User'));
  writeFileSync(path.join(root, 'udd', 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return { root, workspace };
}

/**
 * Packages the built extension as users get it (`vsce package`, the same as `npm run package`) and
 * installs the VSIX with `code-server --install-extension` into the scratch extensions folder.
 */
export function installVsix(root: string): string {
  const { node24, codeServerEntry } = tools();
  const vsix = path.join(root, 'openapi-security.vsix');
  // --no-dependencies: the bundles in dist/ already contain everything the extension needs.
  execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: repoRoot, stdio: 'pipe' });
  const env = { ...process.env, HOME: path.join(root, 'home'), TMPDIR: path.join(root, 'tmp') };
  const args = [codeServerEntry, '--install-extension', vsix, '--extensions-dir', path.join(root, 'ext'), '--user-data-dir', path.join(root, 'udd')];
  const output = execFileSync(node24, args, { env, encoding: 'utf8', timeout: 60_000 });
  if (!output.includes('successfully installed')) throw new Error(`code-server --install-extension:\n${output}`);
  return vsix;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface CodeServer {
  url: string;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts code-server in its own process group (detached = setsid) so that stop() can kill
 * the server, its extension hosts and our language server in one go.
 */
export async function startCodeServer(root: string, workspace: string, extraArgs: string[] = [], readyMs = 30_000): Promise<CodeServer> {
  const { node24, codeServerEntry } = tools();
  const port = await freePort();
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--reconnection-grace-time', '5',
    '--user-data-dir', path.join(root, 'udd'),
    '--extensions-dir', path.join(root, 'ext'),
    ...extraArgs,
    workspace,
  ];
  const env = { ...process.env, HOME: path.join(root, 'home'), TMPDIR: path.join(root, 'tmp') };
  const child: ChildProcess = spawn(node24, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server not ready after ${readyMs} ms:\n${output}`)), readyMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // code-server logs this line once the HTTP server accepts connections.
      if (output.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return; // already gone
      }
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000).unref())]);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone between the two signals
        }
      }
    },
  };
}

export function removeScratch(root: string): void {
  if (!process.env.E2E_KEEP) rmSync(root, { recursive: true, force: true });
}
