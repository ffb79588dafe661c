/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { HTTP_RULE, WAIT_MS, hasCode, open, report, waitForDiagnostics } from './helpers';

/** Our language server: the extension host's child process running dist/server.js (and its lint workers' threads). */
function serverPids(): number[] {
  const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => /dist\/server\.js/.test(line)).map((line) => Number(line.trim().split(/\s+/)[0]));
}

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    // Polling a process table has no event to wait on; 100 ms steps, bounded above.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

suite('server crash', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a killed server is restarted by the client and the open documents re-sync', async () => {
    const document = await open('orders.yaml');
    await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), 'findings before the crash');
    const [pid] = await waitFor(() => (serverPids().length ? serverPids() : undefined), 'the server process');
    process.kill(pid, 'SIGKILL');
    const started = Date.now();
    const restarted = await waitFor(() => serverPids().find((p) => p !== pid), 'a new server process');
    // Typed after the crash: only a server that has the document again (didOpen re-sent) can lint it.
    const line = (await waitForDiagnostics(document.uri, hasCode(HTTP_RULE), 'findings again')).find((d) => hasCode(HTTP_RULE)([d]))!.range.start.line;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '# after the crash\n# two lines\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(document.uri, (d) => d.some((x) => hasCode(HTTP_RULE)([x]) && x.range.start.line === line + 2), 'the edit made after the restart to be linted');
    report(`E2E-INFO server killed (pid ${pid}), restarted as pid ${restarted}, document re-synced and linted in ${Date.now() - started} ms`);
  });
});
