import {
  CodeActionKind,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './documentLinter';
import { fixesFor, keyHoverAt, type Analysis, type EngineDiagnostic } from './engine';
import { renderHover } from './hover';
import { codeActions, resolveFixAll, type FixAllData } from './codeActions';
import { toLspDiagnostic, touches } from './lspConvert';
import { documentReport } from './documentReport';
import { DEFAULT_DEBOUNCE_MS, DISABLE_RULE_COMMAND, DOCUMENT_REPORT_REQUEST, DOCUMENT_SCORE_NOTIFICATION, FIX_ALL_KIND, type DocumentReportParams, type DocumentReportResult, type DocumentScoreParams, type InitializationOptions } from './protocol';
import { isOversized, lintsOnType, SettingsStore } from './settings';
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
  let canDisableRules = false;
  let canResolve = false;
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
    canDisableRules = !!options.clientCommands?.includes(DISABLE_RULE_COMMAND);
    canResolve = !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    folderEvents = !!caps.workspace?.workspaceFolders;
    configs.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return {
      capabilities: {
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
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

  // Documents above maxFileSizeMB (and every document with run: onSave) are linted on open and save only.
  const sizeNoticeSent = new Set<string>();
  documents.onDidOpen((e) => {
    schedule(e.document.uri, 0);
    void settings?.get(e.document.uri).then((s) => {
      if (s.run !== 'onType' || !isOversized(s, e.document.getText().length) || sizeNoticeSent.has(e.document.uri)) return;
      sizeNoticeSent.add(e.document.uri);
      const name = decodeURIComponent(e.document.uri.split('/').pop() ?? e.document.uri);
      // A notification, not window/showMessageRequest: nothing to answer, and every client shows it.
      const message = `${name} is larger than openapiSecurity.maxFileSizeMB (${s.maxFileSizeMB} MB): OpenAPI Security checks it when it is opened or saved, not as you type.`;
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
    });
  });
  documents.onDidChangeContent((e) => {
    void settings?.get(e.document.uri).then((s) => {
      if (lintsOnType(s, e.document.getText().length)) schedule(e.document.uri, debounceMs);
    });
  });
  documents.onDidSave((e) => {
    void settings?.get(e.document.uri).then((s) => {
      if (!lintsOnType(s, e.document.getText().length)) schedule(e.document.uri, 0);
    });
  });
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
    const state = await analysisOf(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!state || !document || !settings) return [];
    const target = { uri: params.textDocument.uri, version: state.version, documentChanges };
    const config = configs.forDocument(document.uri).config;
    return codeActions(params, { analysis: state.analysis, document, settings: await settings.get(document.uri), config, target, canDisableRules, canResolve });
  });

  connection.onCodeActionResolve(async (action) => {
    const data = action.data as FixAllData | undefined;
    const document = data && documents.get(data.uri);
    // An edit computed for another version would be refused by the client anyway.
    if (!data || !document || document.version !== data.version || !settings) return action;
    const target = { uri: data.uri, version: data.version, documentChanges };
    return resolveFixAll(action, data, { document, settings: await settings.get(data.uri), config: configs.forDocument(data.uri).config, target });
  });

  connection.onRequest(DOCUMENT_REPORT_REQUEST, async (params: DocumentReportParams): Promise<DocumentReportResult | null> => {
    const current = documents.get(params.uri) && settings ? await settings.get(params.uri) : undefined;
    const document = documents.get(params.uri);
    const project = configs.forDocument(params.uri);
    if (!current || !document || !current.enable || project.ignored) return null;
    return documentReport(document, cache.current(document, current, project.config), params.format === 'markdown' ? 'markdown' : 'html');
  });

  connection.onHover(async (params) => {
    const state = await analysisOf(params.textDocument.uri);
    if (!state) return null;
    const { analysis } = state;
    const point = { start: params.position, end: params.position };
    const under = analysis.diagnostics.filter((d) => touches(d.range, point));
    const key = analysis.model ? keyHoverAt(analysis.model, analysis.document.lines.offsetAt(params.position)) : undefined;
    if (under.length === 0 && !key) return null;
    const range = under.length ? under[0].range : analysis.document.lines.range(key!.offset, key!.end);
    return { contents: renderHover(under, key, (d) => isFixable(analysis, d), markdownHover), range };
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
