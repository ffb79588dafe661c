import { basename } from 'node:path';
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
import { DiagnosticList } from './diagnosticList';
import { displayName } from './displayName';
import { LintProgress } from './lintProgress';
import { ReceivedDiagnostics } from './diagnosticDelta';
import { DEFAULT_MAX_DIAGNOSTICS, type ClientAbilities, type DocumentRequest, type LintResult } from './documentService';
import { looksLikeOpenApi, type ProjectConfig } from './engine';
import { DEFAULT_DEBOUNCE_MS, DISABLE_RULE_COMMAND, DOCUMENT_SCORE_NOTIFICATION, FIX_ALL_KIND, SECURITY_TXT_LANGUAGE, WORKSPACE_TRUSTED_NOTIFICATION, type DocumentScoreParams, type InitializationOptions } from './protocol';
import { answerUserRequests } from './userRequests';
import { isOversized, lintsOnType, positive, positiveNumbers, SettingsStore } from './settings';
import { SpecGraph } from './specGraph';
import { DEFAULT_SPECTRAL_LIMITS, SpectralLinter, unionDiagnostics } from './spectralLinter';
import { VERSION } from './version';
import { DEFAULT_LIMITS, DEFAULT_WORKERS, WorkerPool, type Outcome } from './workerHost';
import { ChangeLog } from './textSync';
import { stoppedDiagnostic, tooLargeDiagnostic } from './serverNotices';
import { WorkspaceConfigs } from './workspaceConfig';

/** A lint's result with the document's diagnostics whole (the worker sends what changed since the last). */
type Linted = Omit<LintResult, 'diagnostics' | 'diagnosticsId' | 'diagnosticsDelta'> & { diagnostics: DiagnosticList };

/** Wires the engine to an LSP connection (stdio, node-ipc or socket). `sendsDiagnosticLists`: its writer encodes a DiagnosticList. */
export function startServer(connection: Connection, { sendsDiagnosticLists = false } = {}): void {
  // Edits are logged as they arrive, so a worker holding the version before is sent the edit, not the text.
  const changes = new ChangeLog();
  const documents = new TextDocuments(changes.documents());
  const timers = new Map<string, NodeJS.Timeout>();
  /** Lints started and not yet finished, per document. */
  const linting = new Map<string, number>();
  /** Document versions whose lint was stopped: hovers and code actions would hit the same wall. */
  const stopped = new Map<string, number>();
  let pool: WorkerPool | undefined;
  let settings: SettingsStore | undefined;
  let spectral: SpectralLinter | undefined;
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let progress: LintProgress | undefined;
  let maxDiagnostics = DEFAULT_MAX_DIAGNOSTICS;
  const abilities: ClientAbilities = { markdownHover: true, documentChanges: false, canDisableRules: false, canResolve: false };
  let folderEvents = false;
  const configs = new WorkspaceConfigs((file, problems) => connection.console.warn(`${file}: ${problems.join('; ')}`));

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
    const progressDelayMs = typeof options.progressDelayMs === 'number' && options.progressDelayMs >= 0 ? options.progressDelayMs : undefined;
    progress = new LintProgress(connection, !!caps.window?.workDoneProgress, progressDelayMs);
    if (typeof options.maxDiagnostics === 'number' && options.maxDiagnostics >= 1) maxDiagnostics = Math.floor(options.maxDiagnostics);
    settings = new SettingsStore(connection, !!caps.workspace?.configuration, options.settings);
    const formats = caps.textDocument?.hover?.contentFormat;
    abilities.markdownHover = !formats || formats.includes(MarkupKind.Markdown);
    abilities.documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    abilities.canDisableRules = !!options.clientCommands?.includes(DISABLE_RULE_COMMAND);
    abilities.canResolve = !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    const workers = typeof options.limits?.workers === 'number' && options.limits.workers >= 1 ? Math.floor(options.limits.workers) : DEFAULT_WORKERS;
    pool = new WorkerPool(workers, { ...DEFAULT_LIMITS, ...positiveNumbers(options.limits) }, (message) => connection.console.warn(message), changes);
    pool.prestart();
    const limits = options.limits;
    spectral = new SpectralLinter(
      {
        timeoutMs: positive(limits?.spectralTimeoutMs) ?? DEFAULT_SPECTRAL_LIMITS.timeoutMs,
        memoryMb: positive(limits?.spectralMemoryMb) ?? DEFAULT_SPECTRAL_LIMITS.memoryMb,
        trusted: options.workspaceTrusted === true,
      },
      (level, message) => void connection.sendNotification(ShowMessageNotification.type, { type: level === 'error' ? MessageType.Error : level === 'warning' ? MessageType.Warning : MessageType.Info, message }),
      (uri) => (documents.get(uri) ? schedule(uri, 0) : void connection.sendDiagnostics({ uri, diagnostics: spectral?.problemDiagnosticsFor(uri) ?? [] })),
      (message) => connection.console.warn(message),
    );
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

  const graph = new SpecGraph();
  /** The last diagnostics of each open document's own lint: published together with what its specs found in it. */
  const own = new Map<string, DiagnosticList>();
  /** The last lint's diagnostics of each document as the worker sent them: its next lint sends what changed. */
  const received = new ReceivedDiagnostics();
  /** Bumped when the client reports changed files: cached analyses that read them are stale. */
  let generation = 0;
  /** Fragments already searched for the specs that use them. */
  const searched = new Set<string>();

  const send = (uri: string, version: number | undefined) => {
    const open = documents.get(uri);
    const list = DiagnosticList.join([(open && own.get(uri)) || [], graph.diagnosticsIn(uri)]);
    void connection.sendDiagnostics({ uri, version: open ? version : undefined, diagnostics: sendsDiagnosticLists ? (list as unknown as Diagnostic[]) : list.items });
  };

  const publish = (uri: string, version: number | undefined, result: (Omit<Linted, 'diagnostics'> & { diagnostics: DiagnosticList | Diagnostic[] }) | undefined) => {
    const mine = result?.diagnostics ?? [];
    // A broken Spectral ruleset keeps its diagnostic while the ruleset file is open and linted.
    own.set(uri, DiagnosticList.join([mine, spectral?.problemDiagnosticsFor(uri) ?? []]));
    send(uri, version);
    const counts = result?.counts ?? { error: 0, warning: 0, info: 0, hint: 0 };
    const score = result?.score;
    const params: DocumentScoreParams = { uri, version, isOpenApi: score !== undefined, score: score ?? 100, counts };
    void connection.sendNotification(DOCUMENT_SCORE_NOTIFICATION, params);
  };

  /** A spec's new lint: what it found in its other files goes to those files. */
  const recordSpec = (root: string, result: Linted | undefined) => {
    const touched =
      result && result.score !== undefined ? graph.apply(root, { files: result.files, others: result.others, id: result.othersId, delta: result.othersDelta }) : graph.remove(root);
    if (!touched) {
      // Changes since another lint than the one recorded (a newer result came first): the next lint sends all.
      schedule(root, 0);
      return;
    }
    for (const file of touched) if (file !== root) send(file, documents.get(file)?.version);
  };

  /**
   * Unsaved text of the open files a spec is made of (all open files until its first lint says which): not
   * every open document's text with every request, and a single-file spec gets none.
   */
  const overlaysFor = (uri: string) => {
    const self = documents.get(uri);
    // A document that is not OpenAPI follows no `$ref`s: nothing to send.
    if (self && !graph.isRoot(uri) && !looksLikeOpenApi(self.getText())) return [];
    const candidates = graph.isRoot(uri) ? graph.filesOf(uri).flatMap((f) => documents.get(f) ?? []) : documents.all();
    return candidates
      .filter((d) => d.uri !== uri && d.uri.startsWith('file:') && d.getText().length <= MAX_EDITOR_LINT_CHARS)
      .map((d) => ({ uri: d.uri, version: d.version, text: d.getText() }));
  };

  /** What the document's Spectral ruleset says of our codes applies first; the config file and settings win over it. */
  const withRulesetSeverities = (uri: string, config: ProjectConfig): ProjectConfig => {
    const fromRuleset = spectral?.severitiesFor(uri) ?? {};
    return Object.keys(fromRuleset).length ? { ...config, rules: { ...fromRuleset, ...config.rules } } : config;
  };

  /** What the worker needs to answer for this document as it is now; undefined when it is not to be linted. */
  const requestFor = async (uri: string): Promise<DocumentRequest | undefined> => {
    if (!settings) return undefined;
    const document = documents.get(uri);
    // A closed file is linted only as a spec one of whose open files changed (read from disk by the worker).
    if (!document && !graph.isRoot(uri)) return undefined;
    const current = await settings.get(uri);
    const latest = documents.get(uri);
    if (!current.enable || (document && !latest)) return undefined;
    const project = configs.forDocument(uri);
    const maxMB = project.config.maxFileSizeMB;
    const common = { settings: current, config: project.config, roots: configs.folders(), maxDiagnostics, overlays: overlaysFor(uri), generation, othersBase: graph.lintIdOf(uri) };
    if (!latest) return project.ignored ? undefined : { ...common, config: withRulesetSeverities(uri, common.config), document: { uri, languageId: /\.json$/i.test(uri) ? 'json' : 'yaml', version: -1 } };
    if (project.ignored || (maxMB !== undefined && latest.getText().length > maxMB * 1024 * 1024)) return undefined;
    if (latest.getText().length > MAX_EDITOR_LINT_CHARS) return undefined;
    return { ...common, config: withRulesetSeverities(uri, common.config), document: { uri, languageId: latest.languageId, version: latest.version, text: latest.getText(), textId: changes.idOf(latest) } };
  };

  /** A fragment opened alone: find the workspace's specs that use it and lint them (they publish into it). */
  const lintSpecsUsing = async (uri: string) => {
    if (searched.has(uri) || !pool || !uri.startsWith('file:') || graph.rootsOf(uri).length > 0) return;
    searched.add(uri);
    const outcome = await pool.request(uri, 0, 'rootsReferencing', { uri, roots: configs.folders(), overlays: overlaysFor(uri), generation });
    if (outcome.ok) for (const root of outcome.value) if (!documents.get(root)) lintClosedSpec(root);
  };

  /** A lint on the document's worker, its diagnostics made whole again. */
  const lint = async (uri: string, size: number, request: DocumentRequest): Promise<Outcome<Linted>> => {
    const outcome = await pool!.request(uri, size, 'lint', { ...request, diagnosticsBase: received.baseOf(uri) }, { supersedeKey: uri });
    if (!outcome.ok) return outcome;
    const parts = received.decode(uri, outcome.value);
    if (parts) return { ok: true, value: { ...outcome.value, diagnostics: DiagnosticList.fromParts(parts) } };
    // Changes from another list than the one held (never expected): the next lint sends all.
    schedule(uri, 0);
    return { ok: false, failure: 'superseded', detail: 'changes from a list no longer held' };
  };

  const lintClosedSpec = async (root: string) => {
    // Not yet known as a spec: the first lint makes it one.
    if (!graph.isRoot(root)) graph.update(root, [], []);
    const request = await requestFor(root);
    if (!request || !pool || documents.get(root)) return;
    const outcome = await lint(root, 0, request);
    if (!documents.get(root)) recordSpec(root, outcome.ok ? outcome.value : undefined);
  };

  const lintNow = async (uri: string) => {
    timers.delete(uri);
    linting.set(uri, (linting.get(uri) ?? 0) + 1);
    progress?.busy(uri);
    try {
      await lintDocument(uri);
    } finally {
      const left = (linting.get(uri) ?? 1) - 1;
      if (left > 0) linting.set(uri, left);
      else linting.delete(uri);
      // Still busy while another lint runs or is due (an edit superseded this one): one progress for the stretch.
      if (left <= 0 && !timers.has(uri)) progress?.idle(uri);
    }
  };

  const lintDocument = async (uri: string) => {
    if (!documents.get(uri)) {
      if (graph.isRoot(uri)) await lintClosedSpec(uri);
      return; // closed meanwhile: its diagnostics were cleared on close
    }
    const version = documents.get(uri)!.version;
    const size = documents.get(uri)!.getText().length;
    if (size > MAX_EDITOR_LINT_CHARS) {
      publish(uri, version, { diagnostics: [tooLargeDiagnostic(size)], score: undefined, counts: { error: 0, warning: 0, info: 1, hint: 0 }, others: [], files: [] });
      return;
    }
    const request = await requestFor(uri);
    if (timers.has(uri) || documents.get(uri)?.version !== version) return; // a newer edit is on its way
    if (!request || !pool) {
      publish(uri, version, undefined);
      return;
    }
    const outcome = await lint(uri, size, request);
    // Never publish for a closed document or an outdated version.
    if (documents.get(uri)?.version !== request.document.version) return;
    if (outcome.ok) {
      stopped.delete(uri);
      publish(uri, request.document.version, outcome.value);
      recordSpec(uri, outcome.value);
      if (outcome.value.score === undefined) void lintSpecsUsing(uri);
      // Never let the user's ruleset take the server down: whatever goes wrong, our findings are out already.
      await lintWithSpectral(request, outcome.value).catch((error: unknown) => connection.console.error(`Spectral on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    } else if (outcome.failure !== 'superseded') {
      stopped.set(uri, request.document.version);
      connection.console.error(`Linting ${uri} failed (${outcome.failure}): ${outcome.detail}`);
      publish(uri, request.document.version, { diagnostics: [stoppedDiagnostic(outcome.failure, outcome.detail)], score: undefined, counts: { error: 1, warning: 0, info: 0, hint: 0 }, others: [], files: [] });
    }
  };

  /** After our own findings are out: the user's Spectral ruleset, then one publish of both for the same version. */
  const lintWithSpectral = async (request: DocumentRequest, ours: Linted) => {
    const { uri, version, text, languageId } = request.document;
    if (!spectral || !pool || text === undefined || !spectral.shouldRun(uri) || languageId === SECURITY_TXT_LANGUAGE) return;
    if (ours.score === undefined && !/^["']?asyncapi["']?\s*:/m.test(text)) return;
    const rulesetPath = spectral.rulesetFor(uri, request.settings, request.roots);
    if (!rulesetPath) return;
    progress?.describe(uri, `Running the Spectral ruleset ${basename(rulesetPath)} on ${displayName(uri)}`);
    const found = await spectral.run({ uri, text, languageId, rulesetPath }, request.roots);
    if (!found || documents.get(uri)?.version !== version) return;
    let current = ours;
    if (found.severitiesChanged) {
      // The ruleset changes our rules' severities: our lint runs again with them (fast, and the worker caches the parse).
      const again = await requestFor(uri);
      if (!again || again.document.version !== version) return;
      const relinted = await lint(uri, text.length, again);
      if (!relinted.ok || documents.get(uri)?.version !== version) return;
      current = relinted.value;
    }
    const counts = { ...current.counts };
    const names = ['error', 'warning', 'info', 'hint'] as const;
    for (const d of found.diagnostics) counts[names[(d.severity ?? 1) - 1]]++;
    publish(uri, version, { ...current, diagnostics: unionDiagnostics(current.diagnostics.items, found.diagnostics, maxDiagnostics), counts });
  };

  const schedule = (uri: string, delay: number) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => void lintNow(uri), delay));
  };
  const scheduleSpecsOf = (uri: string, delay: number) => {
    for (const root of graph.rootsOf(uri)) if (root !== uri) schedule(root, delay);
  };
  /** A file changed: the specs made of it are linted again too. */
  const scheduleWithSpecs = (uri: string, delay: number) => {
    schedule(uri, delay);
    scheduleSpecsOf(uri, delay);
  };

  // Documents above maxFileSizeMB (and every document with run: onSave) are linted on open and save only.
  const sizeNoticeSent = new Set<string>();
  /** didOpen fires onDidChangeContent too, with the same event: the open lints at once, not after the debounce. */
  const openEvents = new WeakSet<object>();
  documents.onDidOpen((e) => {
    openEvents.add(e);
    schedule(e.document.uri, 0);
    void settings?.get(e.document.uri).then((s) => {
      if (s.run !== 'onType' || !isOversized(s, e.document.getText().length) || sizeNoticeSent.has(e.document.uri)) return;
      sizeNoticeSent.add(e.document.uri);
      const name = displayName(e.document.uri);
      // A notification, not window/showMessageRequest: nothing to answer, and every client shows it.
      const message = `${name} is larger than openapiSecurity.maxFileSizeMB (${s.maxFileSizeMB} MB): OpenAPI Security checks it when it is opened or saved, not as you type.`;
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
    });
  });
  documents.onDidChangeContent((e) => {
    const opened = openEvents.has(e);
    void settings?.get(e.document.uri).then((s) => {
      if (!lintsOnType(s, e.document.getText().length)) return;
      // An opened file's unsaved text may differ from the disk the specs made of it were linted with.
      if (opened) scheduleSpecsOf(e.document.uri, debounceMs);
      else scheduleWithSpecs(e.document.uri, debounceMs);
    });
  });
  documents.onDidSave((e) => {
    const spectralWaited = spectral?.saved(e.document.uri);
    void settings?.get(e.document.uri).then((s) => {
      if (spectralWaited || !lintsOnType(s, e.document.getText().length)) scheduleWithSpecs(e.document.uri, 0);
    });
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    // A lint still running ends the progress when it returns; one that was only due will not run.
    if (!linting.has(e.document.uri)) progress?.idle(e.document.uri);
    stopped.delete(e.document.uri);
    pool?.forget(e.document.uri);
    changes.closed(e.document.uri);
    spectral?.forget(e.document.uri);
    settings?.forget(e.document.uri);
    own.delete(e.document.uri);
    received.forget(e.document.uri);
    searched.delete(e.document.uri);
    send(e.document.uri, undefined);
    const uri = e.document.uri;
    // A closed spec keeps publishing into its files only while one of them is open; its saved text is read from disk.
    if (graph.isRoot(uri)) {
      if (graph.filesOf(uri).some((f) => documents.get(f))) schedule(uri, 0);
      else recordSpec(uri, undefined);
    }
    for (const root of graph.rootsOf(uri)) if (!documents.get(root)) schedule(root, 0);
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
  // The client watches .openapi-security.yaml, .spectral.* and the YAML/JSON files specs are made of.
  connection.onDidChangeWatchedFiles((change) => {
    generation++;
    configs.invalidate();
    spectral?.reset();
    searched.clear();
    relintAll();
    for (const { uri } of change.changes) for (const root of graph.rootsOf(uri)) if (!documents.get(root)) schedule(root, 0);
  });

  // Trust granted: JavaScript rulesets and custom functions may run from now on, without a server restart.
  connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => {
    spectral?.reset(true);
    settings?.changed(undefined);
    relintAll();
  });

  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as Record<string, unknown> | null)?.openapiSecurity;
    settings?.changed(section);
    relintAll();
  });

  answerUserRequests({
    connection,
    documents,
    abilities,
    pool: () => pool,
    requestFor,
    stoppedAt: (uri) => stopped.get(uri),
    lintPending: (uri) => timers.has(uri) || linting.has(uri),
    shown: (uri) => [...(own.get(uri)?.items ?? []), ...graph.diagnosticsIn(uri).items],
  });

  connection.onShutdown(async () => {
    progress?.dispose();
    await Promise.all([pool?.dispose(), spectral?.dispose()]);
  });

  documents.listen(connection);
  connection.listen();
}

/**
 * Above this size (16 MB of text) the editor does not lint at all: it says so once, and the CLI, which has
 * no keystrokes to keep up with, still lints such files.
 */
export const MAX_EDITOR_LINT_CHARS = 16 * 1024 * 1024;
