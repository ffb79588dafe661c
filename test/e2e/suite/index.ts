/**
 * The extensionTestsPath entry: VS Code (code-server or @vscode/test-electron) requires this
 * file in the extension host and calls run(); a rejected promise makes the host exit non-zero.
 */
import { appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/**
 * In code-server the extension host's console reaches no terminal, so the runner passes a file
 * (E2E_SUITE_LOG, inherited through code-server's environment) to copy the report into.
 */
function mirrorReportTo(file: string | undefined): (line: string) => void {
  const write = (line: string) => {
    if (file) appendFileSync(file, `${line}\n`);
  };
  const original = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    write(format(...args));
    original(...args);
  };
  return write;
}

export async function run(): Promise<void> {
  const write = mirrorReportTo(process.env.E2E_SUITE_LOG);
  // Bounded per test: every wait inside has its own, shorter timeout with a clear message.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, file));
  const stats = await new Promise<{ passes: number; failures: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }));
  });
  write(`E2E-RESULT ${stats.passes} ${stats.failures}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} extension-host test(s) failed`);
}
