/**
 * `npm run test:e2e:electron`: the same extension-host suite in desktop VS Code, downloaded by
 * @vscode/test-electron. Needs internet (update.code.visualstudio.com), so CI here runs the suite
 * through code-server instead (runCodeServer.ts); both load the same out/test/e2e/suite/index.js.
 */
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../support/paths';
import { removeScratch, scratch } from './codeServer';

async function main(): Promise<number> {
  const { root, workspace } = scratch('electron');
  try {
    return await runTests({
      // The oldest VS Code the extension supports (engines.vscode), so the suite guards compatibility.
      version: process.env.E2E_VSCODE_VERSION ?? '1.91.0',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions', // only the extension under test
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(root, 'udd')}`,
        `--extensions-dir=${path.join(root, 'ext')}`,
      ],
    });
  } finally {
    removeScratch(root);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
