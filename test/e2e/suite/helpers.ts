import { appendFileSync } from 'node:fs';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'openapi-security.openapi-security';
export const HTTP_RULE = 'owasp:api8:2023-no-server-http';
export const ADDITIONAL_RULE = 'owasp:api3:2023-no-additionalProperties';

/** Upper bound for any single wait on the editor; generous for 2 cores, far below the mocha timeout. */
export const WAIT_MS = 20_000;

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder (the fixture workspace)');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** A diagnostic's code as a plain string: the server attaches a codeDescription, so VS Code wraps it. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'openapi-security');
}

/**
 * Resolves with our diagnostics for `uri` once `accept` holds, checking now and on every
 * onDidChangeDiagnostics event for that document; rejects after `ms` with what was last seen.
 */
export function waitForDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, what: string, ms = WAIT_MS): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = ours(uri);
      if (!accept(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${ms} ms waiting for ${what} on ${uri.path}; last seen: ${JSON.stringify(ours(uri).map(codeOf))}`));
    }, ms);
    const cleanup = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

export const hasCode = (code: string) => (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => codeOf(d) === code);
export const lacksCode = (code: string) => (diagnostics: vscode.Diagnostic[]) => diagnostics.length > 0 && !hasCode(code)(diagnostics);

export async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

export function find(diagnostics: vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const found = diagnostics.find((d) => codeOf(d) === code);
  if (!found) throw new Error(`no ${code} among ${JSON.stringify(diagnostics.map(codeOf))}`);
  return found;
}

/**
 * A line for the e2e log: code-server's extension host has no terminal, so the runner's report
 * file (E2E_SUITE_LOG) gets it too; under @vscode/test-electron the console is enough.
 */
export function report(line: string): void {
  console.log(line);
  const file = process.env.E2E_SUITE_LOG;
  if (file) appendFileSync(file, `${line}\n`);
}
