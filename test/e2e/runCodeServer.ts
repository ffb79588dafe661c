/**
 * Runs the extension-host suite (test/e2e/suite) inside real VS Code: code-server serves the
 * workbench, headless Chromium renders it, and the smoke-test driver hook reports the exit code.
 * Exit code: the suite's (0 = all passed), or 1 when the harness itself fails.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from '../support/paths';
import { removeScratch, scratch, startCodeServer, tools } from './codeServer';

const SUITE_TIMEOUT_MS = 180_000;

/** The workbench's launch payload: develop the repository's extension, run the compiled suite. */
function payload(extensionDevelopmentPath: string, extensionTestsPath: string): string {
  const entries = [
    ['extensionDevelopmentPath', `vscode-remote://remote${extensionDevelopmentPath}`],
    ['extensionTestsPath', `vscode-remote://remote${extensionTestsPath}`],
  ];
  return encodeURIComponent(JSON.stringify(entries));
}

export async function runCodeServerSuite(): Promise<number> {
  const { root, workspace } = scratch('suite');
  // The suite's report arrives in this file (see suite/index.ts); the extension host inherits the variable.
  const report = path.join(root, 'suite.log');
  writeFileSync(report, '');
  process.env.E2E_SUITE_LOG = report;
  const cleanups: Array<() => Promise<void>> = [async () => removeScratch(root)];
  try {
    // The smoke-test driver flag makes the workbench call window.codeAutomationExit(code) when the tests end.
    const server = await startCodeServer(root, workspace, ['--vscode-option', 'enable-smoke-test-driver']);
    cleanups.unshift(server.stop);
    const browser = await chromium.launch({
      executablePath: tools().chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    cleanups.unshift(() => browser.close());
    const page = await browser.newPage();
    let exited: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (exited = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
    const suiteIndex = path.join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js');
    const started = Date.now();
    void exitCode.then(() => process.stdout.write(`suite finished ${Date.now() - started} ms after loading the workbench\n`));
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}&payload=${payload(repoRoot, suiteIndex)}`);
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        process.stderr.write(`extension-host suite did not finish within ${SUITE_TIMEOUT_MS} ms\n${server.log()}\n`);
        resolve(1);
      }, SUITE_TIMEOUT_MS).unref(),
    );
    return await Promise.race([exitCode, timeout]);
  } finally {
    process.stdout.write(readFileSync(report, 'utf8'));
    // Browser, then code-server (its whole process group), then the scratch tree: whatever was started.
    for (const cleanup of cleanups) await cleanup();
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
