import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixAllData } from './codeActions';
import type { ClientAbilities, DocumentRequest } from './documentService';
import { codeActionsFromShown, hoverFromShown, INTERACTIVE_BUDGET_MS, isPendingQuickFix, resolvePending, WAIT, withinBudget } from './interactive';
import { DOCUMENT_REPORT_REQUEST, type DocumentReportParams, type DocumentReportResult } from './protocol';
import type { WorkerPool } from './workerHost';

/** What the server knows that hovers, code actions and reports need. */
export interface UserRequestContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  abilities: ClientAbilities;
  pool: () => WorkerPool | undefined;
  /** What the worker needs to answer for this document as it is now; undefined when it is not linted. */
  requestFor: (uri: string) => Promise<DocumentRequest | undefined>;
  /** The version whose lint was stopped (time or memory): asking the worker again would hit the same wall. */
  stoppedAt: (uri: string) => number | undefined;
  /** A lint of the document is scheduled or running. */
  lintPending: (uri: string) => boolean;
  /** The diagnostics the editor shows for the document. */
  shown: (uri: string) => Diagnostic[];
}

/**
 * The requests a user waits on (hover, code actions, their resolution, the report): answered by the document's
 * worker, or, while it is busy with a long lint, from what the editor shows.
 */
export function answerUserRequests({ connection, documents, abilities, pool, requestFor, stoppedAt, lintPending, shown }: UserRequestContext): void {
  /** Asks the worker about a document as it is now; nothing when its lint was stopped or the request failed. */
  const ask = async <T>(uri: string, run: (request: DocumentRequest) => Promise<{ ok: true; value: T } | { ok: false }>): Promise<T | undefined> => {
    const request = await requestFor(uri);
    if (!request || stoppedAt(uri) === request.document.version) return undefined;
    const outcome = await run(request);
    return outcome.ok ? outcome.value : undefined;
  };

  /**
   * `ask`; when the document's worker is running a lint, within the interactive budget: past it, `fallback`
   * answers from what the editor shows (or WAIT). An idle worker is always waited for (it answers in full).
   */
  const askWithin = <T>(uri: string, run: (request: DocumentRequest, signal: AbortSignal) => Promise<{ ok: true; value: T } | { ok: false }>, fallback: () => T | undefined | typeof WAIT) => {
    const stop = new AbortController();
    const answer = ask(uri, (request) => run(request, stop.signal));
    const busy = lintPending(uri) || !!pool()?.busyWithLint(uri);
    return busy ? withinBudget(answer, INTERACTIVE_BUDGET_MS, fallback, () => stop.abort()) : answer;
  };

  connection.onCodeAction(async (params) => {
    const uri = params.textDocument.uri;
    const actions = await askWithin(
      uri,
      (request, signal) => pool()!.request(uri, request.document.text?.length ?? 0, 'codeActions', { ...request, params, abilities }, { interactive: true, signal }),
      () => (documents.get(uri) ? codeActionsFromShown(params, documents.get(uri)!.version, abilities) : WAIT),
    );
    return actions ?? [];
  });

  connection.onCodeActionResolve(async (action) => {
    if (isPendingQuickFix(action.data)) {
      const pending = action.data;
      if (documents.get(pending.uri)?.version !== pending.version) return action;
      const params = { textDocument: { uri: pending.uri }, range: pending.diagnostic.range, context: { diagnostics: [pending.diagnostic] } };
      const offered = await ask(pending.uri, (request) =>
        request.document.version === pending.version ? pool()!.request(pending.uri, request.document.text?.length ?? 0, 'codeActions', { ...request, params, abilities }, { interactive: true }) : Promise.resolve({ ok: false as const }),
      );
      return offered ? resolvePending(action, pending, offered) : action;
    }
    const data = action.data as FixAllData | undefined;
    // An edit computed for another version would be refused by the client anyway.
    if (!data || documents.get(data.uri)?.version !== data.version) return action;
    const resolved = await ask(data.uri, (request) =>
      request.document.version === data.version ? pool()!.request(request.document.uri, (request.document.text?.length ?? 0), 'resolveFixAll', { ...request, action, data, abilities }, { interactive: true }) : Promise.resolve({ ok: false as const }),
    );
    return resolved ?? action;
  });

  connection.onRequest(DOCUMENT_REPORT_REQUEST, async (params: DocumentReportParams): Promise<DocumentReportResult | null> => {
    const format = params.format === 'markdown' ? 'markdown' : 'html';
    const report = await ask(params.uri, (request) => pool()!.request(request.document.uri, (request.document.text?.length ?? 0), 'report', { ...request, format }, { interactive: true }));
    return report ?? null;
  });

  connection.onHover(async (params) => {
    const uri = params.textDocument.uri;
    const hover = await askWithin(
      uri,
      (request, signal) => pool()!.request(uri, request.document.text?.length ?? 0, 'hover', { ...request, position: params.position, abilities }, { interactive: true, signal }),
      () => hoverFromShown(shown(uri), params.position, abilities.markdownHover),
    );
    return hover ?? null;
  });
}
