import {
  CodeActionKind,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './documentLinter';
import { fixesFor, keyHoverAt, type Analysis, type EngineDiagnostic } from './engine';
import { renderHover } from './hover';
import { codeActions, resolveFixAll, type FixAllData } from './codeActions';
import { toLspDiagnostic, touches } from './lspConvert';
import { DEFAULT_DEBOUNCE_MS, DISABLE_RULE_COMMAND, FIX_ALL_KIND, type InitializationOptions } from './protocol';
import { SettingsStore } from './settings';
import { VERSION } from './version';


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
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
      },
      serverInfo: { name: 'openapi-security', version: VERSION },
    };
  });

  const lintNow = async (uri: string) => {
    timers.delete(uri);
    const document = documents.get(uri);
    if (!document || !settings) return;
    const version = document.version;
    const current = await settings.get(uri);
    // The text may have changed, or the document closed, while settings were fetched.
    const latest = documents.get(uri);
    if (!latest || latest.version !== version || timers.has(uri)) return;
    if (!current.enable) {
      cache.delete(uri);
      void connection.sendDiagnostics({ uri, version, diagnostics: [] });
      return;
    }
    let diagnostics;
    try {
      const { analysis } = cache.lint(latest, current);
      diagnostics = analysis.diagnostics.map((d) => toLspDiagnostic(d, !!d.finding?.rule.fix));
    } catch (error) {
      connection.console.error(`Linting ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
      diagnostics = [internalErrorDiagnostic(error)];
    }
    void connection.sendDiagnostics({ uri, version, diagnostics });
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
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as Record<string, unknown> | null)?.openapiSecurity;
    settings?.changed(section);
    for (const document of documents.all()) schedule(document.uri, 0);
  });

  /** Analysis of the document as it is now (cached per version). */
  const analysisOf = async (uri: string): Promise<{ analysis: Analysis; version: number } | undefined> => {
    const document = documents.get(uri);
    if (!document || !settings) return undefined;
    const current = await settings.get(uri);
    const latest = documents.get(uri);
    if (!latest || !current.enable) return undefined;
    return { analysis: cache.current(latest, current).analysis, version: latest.version };
  };

  connection.onCodeAction(async (params) => {
    const state = await analysisOf(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!state || !document || !settings) return [];
    const target = { uri: params.textDocument.uri, version: state.version, documentChanges };
    return codeActions(params, { analysis: state.analysis, document, settings: await settings.get(document.uri), target, canDisableRules, canResolve });
  });

  connection.onCodeActionResolve(async (action) => {
    const data = action.data as FixAllData | undefined;
    const document = data && documents.get(data.uri);
    // An edit computed for another version would be refused by the client anyway.
    if (!data || !document || document.version !== data.version || !settings) return action;
    const target = { uri: data.uri, version: data.version, documentChanges };
    return resolveFixAll(action, data, { document, settings: await settings.get(data.uri), target });
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
