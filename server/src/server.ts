import {
  CodeActionKind,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './documentLinter';
import { fixesFor, type Analysis, type EngineDiagnostic } from './engine';
import { renderFindingsHover } from './hover';
import { sameRange, toCodeAction, toLspDiagnostic, touches } from './lspConvert';
import { DEFAULT_DEBOUNCE_MS, DOCUMENT_SCORE_NOTIFICATION, type DocumentScoreParams, type InitializationOptions } from './protocol';
import { SettingsStore } from './settings';
import { VERSION } from './version';
import { WorkspaceConfigs } from './workspaceConfig';

/** Wires the engine to an LSP connection (stdio, node-ipc or socket: the connection decides). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const timers = new Map<string, NodeJS.Timeout>();
  let settings: SettingsStore | undefined;
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let markdownHover = true;
  let documentChanges = false;
  let folderEvents = false;
  const configs = new WorkspaceConfigs((file, problems) => connection.console.warn(`${file}: ${problems.join('; ')}`));

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
    settings = new SettingsStore(connection, !!caps.workspace?.configuration, options.settings);
    const formats = caps.textDocument?.hover?.contentFormat;
    markdownHover = !formats || formats.includes(MarkupKind.Markdown);
    documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    folderEvents = !!caps.workspace?.workspaceFolders;
    configs.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return {
      capabilities: {
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
        hoverProvider: true,
      },
      serverInfo: { name: 'openapi-security', version: VERSION },
    };
  });

  const publish = (uri: string, version: number | undefined, diagnostics: Diagnostic[], score: DocumentScoreParams['score'] | undefined) => {
    void connection.sendDiagnostics({ uri, version, diagnostics });
    const counts = { error: 0, warning: 0, info: 0, hint: 0 };
    const names = ['error', 'warning', 'info', 'hint'] as const;
    for (const d of diagnostics) counts[names[(d.severity ?? 1) - 1]]++;
    const params: DocumentScoreParams = { uri, version, isOpenApi: score !== undefined, score: score ?? 100, counts };
    void connection.sendNotification(DOCUMENT_SCORE_NOTIFICATION, params);
  };

  const lintNow = async (uri: string) => {
    timers.delete(uri);
    const document = documents.get(uri);
    if (!document || !settings) return;
    const version = document.version;
    const current = await settings.get(uri);
    // The text may have changed, or the document closed, while settings were fetched.
    const latest = documents.get(uri);
    if (!latest || latest.version !== version || timers.has(uri)) return;
    const project = configs.forDocument(uri);
    const maxMB = project.config.maxFileSizeMB;
    if (!current.enable || project.ignored || (maxMB !== undefined && latest.getText().length > maxMB * 1024 * 1024)) {
      cache.delete(uri);
      publish(uri, version, [], undefined);
      return;
    }
    let diagnostics: Diagnostic[];
    let score: number | undefined;
    try {
      const { analysis, score: scored } = cache.lint(latest, current, project.config);
      diagnostics = analysis.diagnostics.map((d) => toLspDiagnostic(d, !!d.finding?.rule.fix));
      score = analysis.isOpenApi ? scored.score : undefined;
    } catch (error) {
      connection.console.error(`Linting ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
      diagnostics = [internalErrorDiagnostic(error)];
    }
    publish(uri, version, diagnostics, score);
  };

  const schedule = (uri: string, delay: number) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => void lintNow(uri), delay));
  };

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri, debounceMs));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    cache.delete(e.document.uri);
    settings?.forget(e.document.uri);
    publish(e.document.uri, undefined, [], undefined);
  });

  const relintAll = () => {
    for (const document of documents.all()) schedule(document.uri, 0);
  };
  connection.onInitialized(() => {
    if (!folderEvents) return;
    connection.workspace.onDidChangeWorkspaceFolders((change) => {
      configs.changeFolders(change.added.map((f) => f.uri), change.removed.map((f) => f.uri));
      relintAll();
    });
  });
  // The client watches .openapi-security.yaml files; any change re-reads them.
  connection.onDidChangeWatchedFiles(() => {
    configs.invalidate();
    relintAll();
  });

  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as Record<string, unknown> | null)?.openapiSecurity;
    settings?.changed(section);
    relintAll();
  });

  /** Analysis of the document as it is now (cached per version). */
  const analysisOf = async (uri: string): Promise<{ analysis: Analysis; version: number } | undefined> => {
    const document = documents.get(uri);
    if (!document || !settings) return undefined;
    const current = await settings.get(uri);
    const latest = documents.get(uri);
    const project = configs.forDocument(uri);
    if (!latest || !current.enable || project.ignored) return undefined;
    return { analysis: cache.current(latest, current, project.config).analysis, version: latest.version };
  };

  connection.onCodeAction(async (params) => {
    const only = params.context.only;
    if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
    const state = await analysisOf(params.textDocument.uri);
    if (!state) return [];
    const { analysis, version } = state;
    const requested = params.context.diagnostics;
    const actions: CodeAction[] = [];
    for (const d of analysis.diagnostics) {
      if (!d.finding || !touches(d.range, params.range)) continue;
      const lspDiagnostic = toLspDiagnostic(d, true);
      if (requested.length > 0 && !requested.some((r) => r.code === d.code && sameRange(r.range, d.range))) continue;
      for (const fix of fixesFor(analysis, d.finding)) {
        actions.push(toCodeAction(analysis, fix, lspDiagnostic, { uri: params.textDocument.uri, version, documentChanges }));
      }
    }
    return actions;
  });

  connection.onHover(async (params) => {
    const state = await analysisOf(params.textDocument.uri);
    if (!state) return null;
    const point = { start: params.position, end: params.position };
    const under = state.analysis.diagnostics.filter((d) => touches(d.range, point));
    if (under.length === 0) return null;
    const range = under[0].range;
    return { contents: renderFindingsHover(under, (d) => isFixable(state.analysis, d), markdownHover), range };
  });

  documents.listen(connection);
  connection.listen();
}

function isFixable(analysis: Analysis, d: EngineDiagnostic): boolean {
  return !!d.finding && !!d.finding.rule.fix && fixesFor(analysis, d.finding).length > 0;
}

function internalErrorDiagnostic(error: unknown) {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 1 as const,
    code: 'internal-error',
    source: 'openapi-security',
    message: `openapi-security could not lint this document (${error instanceof Error ? error.message : String(error)}). Please report it.`,
  };
}
