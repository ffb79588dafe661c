/**
 * Runs lsp.lua in headless Neovim against the bundled server, on a scratch copy of the fixture
 * workspace. Exit code: Neovim's (0 only if every check in the script passed).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot, serverBundle } from '../../support/paths';
import { removeScratch, scratch } from '../codeServer';

const TIMEOUT_MS = 45_000;

export async function runNeovim(): Promise<number> {
  const { root, workspace } = scratch('nvim');
  try {
    const script = path.join(repoRoot, 'test', 'e2e', 'neovim', 'lsp.lua');
    // An uncaught Lua error leaves headless Neovim waiting forever: the pcall turns it into exit 2.
    const command = `lua local ok, err = pcall(dofile, ${JSON.stringify(script)}); if not ok then io.stderr:write(tostring(err) .. '\\n'); vim.cmd('cquit 2') end`;
    // --clean: no user config or plugins, so the test sees only what the script sets up.
    const child = spawn('nvim', ['--headless', '--clean', '-c', command], {
      cwd: workspace,
      env: { ...process.env, E2E_NODE: process.execPath, E2E_SERVER: serverBundle, E2E_WORKSPACE: workspace, HOME: path.join(root, 'home'), XDG_STATE_HOME: path.join(root, 'tmp'), XDG_DATA_HOME: path.join(root, 'tmp') },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    return await new Promise<number>((resolve) =>
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code ?? 1);
      }),
    );
  } finally {
    removeScratch(root);
  }
}

if (require.main === module) {
  runNeovim().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
