/**
 * The extensionTestsPath entry: VS Code (code-server or @vscode/test-electron) requires this
 * file in the extension host and calls run(); a rejected promise makes the host exit non-zero.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // Bounded per test: every wait inside has its own, shorter timeout with a clear message.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, file));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
