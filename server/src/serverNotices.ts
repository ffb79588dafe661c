import type { Diagnostic } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from './protocol';
import type { Failure } from './workerHost';

/** Diagnostics the server publishes about a document itself, instead of its findings. */

export function tooLargeDiagnostic(size: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 3,
    code: 'too-large',
    source: DIAGNOSTIC_SOURCE,
    message: `This document (${(size / 1024 / 1024).toFixed(1)} MB) is larger than the 16 MB the editor lints; run \`openapi-security lint\` on it instead.`,
  };
}

const FAILURE_TEXT: Record<Failure, string> = {
  timeout: 'it took longer than the time limit',
  memory: 'it needed more memory than the limit',
  crash: 'the lint worker crashed',
  error: 'of an internal error',
  superseded: 'a newer version replaced it',
};

/** The one diagnostic a document gets when its lint was stopped: the server keeps serving everything else. */
export function stoppedDiagnostic(failure: Failure, detail: string): Diagnostic {
  const hint = failure === 'timeout' || failure === 'memory' ? ' Split the file, raise the limit (initializationOptions.limits), or lint it with the CLI.' : ' Please report it.';
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 1,
    code: failure === 'error' || failure === 'crash' ? 'internal-error' : 'lint-stopped',
    source: DIAGNOSTIC_SOURCE,
    message: `openapi-security stopped linting this document because ${FAILURE_TEXT[failure]} (${detail.split('\n')[0]}).${hint}`,
  };
}
