/**
 * Runs the extension-host suite (test/e2e/suite) inside real VS Code: code-server serves the
 * workbench, headless Chromium renders it, and the smoke-test driver hook reports the exit code.
 * Exit code: the suite's (0 = all passed), or 1 when the harness itself fails.
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from '../support/paths';
import { removeScratch, scratch, startCodeServer, tools } from './codeServer';

const SUITE_TIMEOUT_MS = 180_000;

/** Copies the repository's layout into the extension development folder the workbench loads. */
function payload(extensionDevelopmentPath: string, extensionTestsPath: string): string {
  const entries = [
    ['extensionDevelopmentPath', `vscode-remote://remote${extensionDevelopmentPath}`],
    ['extensionTestsPath', `vscode-remote://remote${extensionTestsPath}`],
  ];
  return encodeURIComponent(JSON.stringify(entries));
}

export async function runCodeServerSuite(): Promise<number> {
  const { root, workspace } = scratch('suite');
  // The smoke-test driver flag makes the workbench call window.codeAutomationExit(code) when the tests end.
  const server = await startCodeServer(root, workspace, ['--vscode-option', 'enable-smoke-test-driver']);
  const browser = await chromium.launch({
    executablePath: tools().chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // The extension host's console (mocha's reporter) is forwarded to the page console.
    page.on('console', (message) => {
      const text = message.text();
      if (!/^%c|Extension Host|\[Extension Host\]/.test(text) || text.includes('[Extension Host]')) {
        if (message.type() !== 'debug') process.stdout.write(text.replace(/%c/g, '').replace(/color: [^ ]+/g, '') + '\n');
      }
    });
    const suiteIndex = path.join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js');
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}&payload=${payload(repoRoot, suiteIndex)}`);
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        process.stderr.write(`extension-host suite did not finish within ${SUITE_TIMEOUT_MS} ms\n${server.log()}\n`);
        resolve(1);
      }, SUITE_TIMEOUT_MS).unref(),
    );
    return await Promise.race([exitCode, timeout]);
  } finally {
    await browser.close();
    await server.stop();
    removeScratch(root);
  }
}

if (require.main === module) {
  runCodeServerSuite().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
