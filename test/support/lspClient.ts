import { fork, spawn, type ChildProcess } from 'node:child_process';
import {
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  ConfigurationRequest,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { DOCUMENT_SCORE_NOTIFICATION, type DocumentScoreParams } from '../../server/src/protocol';
import { serverBundle } from './paths';

export interface StartOptions {
  transport?: 'stdio' | 'node-ipc';
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Answers `workspace/configuration` for the `openapiSecurity` section. */
  settings?: (scopeUri: string | undefined) => unknown;
  /** Workspace folder URIs sent in `initialize`. */
  workspaceFolders?: string[];
}

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
  },
};

const WAIT_LIMIT_MS = 15_000;

/**
 * A real LSP client driving the real bundled server in a child process, as an editor does.
 * Waits are event-driven (a publish arrives, or the bound expires with a clear error).
 */
export class LspTestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly scores: DocumentScoreParams[] = [];
  /** `window/showMessage` notifications, in order. */
  readonly messages: ShowMessageParams[] = [];
  private messageWaiters: Array<{ match: (p: ShowMessageParams) => boolean; resolve: (p: ShowMessageParams) => void }> = [];
  private scoreWaiters: Array<{ match: (p: DocumentScoreParams) => boolean; resolve: (p: DocumentScoreParams) => void }> = [];
  private waiters: Array<{ match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  private exited: Promise<number | null>;
  stderr = '';

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    readonly initializeResult: InitializeResult,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const transport = options.transport ?? 'stdio';
    const child =
      transport === 'stdio'
        ? spawn(process.execPath, [serverBundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] })
        : fork(serverBundle, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    const connection =
      transport === 'stdio'
        ? createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
        : createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
    const settings = options.settings;
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (settings ? settings(item.scopeUri) : null)));
    const pending: PublishDiagnosticsParams[] = [];
    const pendingScores: DocumentScoreParams[] = [];
    let client: LspTestClient | undefined;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (client) client.receive(params);
      else pending.push(params);
    });
    connection.onNotification(DOCUMENT_SCORE_NOTIFICATION, (params: DocumentScoreParams) => {
      if (client) client.receiveScore(params);
      else pendingScores.push(params);
    });
    const pendingMessages: ShowMessageParams[] = [];
    connection.onNotification(ShowMessageNotification.type, (params) => {
      if (client) client.receiveMessage(params);
      else pendingMessages.push(params);
    });
    connection.listen();
    const initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0] ?? null,
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: options.initializationOptions,
      workspaceFolders: options.workspaceFolders?.map((uri) => ({ uri, name: uri.split('/').pop() ?? uri })) ?? null,
    });
    client = new LspTestClient(connection, child, initializeResult);
    client.stderr = stderr;
    child.stderr?.on('data', (chunk) => {
      if (client) client.stderr += String(chunk);
    });
    pending.forEach((p) => client!.receive(p));
    pendingScores.forEach((p) => client!.receiveScore(p));
    pendingMessages.forEach((p) => client!.receiveMessage(p));
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private receive(params: PublishDiagnosticsParams): void {
    this.published.push(params);
    this.waiters = settle(this.waiters, params);
  }

  private receiveScore(params: DocumentScoreParams): void {
    this.scores.push(params);
    this.scoreWaiters = settle(this.scoreWaiters, params);
  }

  private receiveMessage(params: ShowMessageParams): void {
    this.messages.push(params);
    this.messageWaiters = settle(this.messageWaiters, params);
  }

  /** The first `window/showMessage` (already received or still to come) that matches. */
  waitForMessage(match: (p: ShowMessageParams) => boolean, limitMs = WAIT_LIMIT_MS): Promise<ShowMessageParams> {
    const existing = this.messages.find(match);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message within ${limitMs} ms; got ${JSON.stringify(this.messages.map((m) => m.message))}`)), limitMs);
      this.messageWaiters.push({ match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  /** The `openapiSecurity/documentScore` notification for exactly this version of the document. */
  scoreFor(uri: string, version: number | undefined, also: (p: DocumentScoreParams) => boolean = () => true): Promise<DocumentScoreParams> {
    const match = (p: DocumentScoreParams) => p.uri === uri && p.version === version && also(p);
    const existing = this.scores.find(match);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no score for ${uri} v${version} within ${WAIT_LIMIT_MS} ms`)), WAIT_LIMIT_MS);
      this.scoreWaiters.push({ match, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  /** The first publish (already received or still to come) that matches. */
  waitForDiagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true, limitMs = WAIT_LIMIT_MS): Promise<PublishDiagnosticsParams> {
    const full = (p: PublishDiagnosticsParams) => p.uri === uri && match(p);
    const existing = this.published.find(full);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${limitMs} ms; got ${JSON.stringify(this.published.filter((p) => p.uri === uri).map((p) => p.version))}`)), limitMs);
      this.waiters.push({ match: full, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  /** Diagnostics for exactly this version of the document. */
  diagnosticsFor(uri: string, version: number, limitMs = WAIT_LIMIT_MS): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(uri, (p) => p.version === version, limitMs);
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  configurationChanged(settings: unknown = null): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** Shuts the server down politely and waits for the process to exit. */
  async stop(): Promise<number | null> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Already gone: the exit code below tells.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    const code = await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}

/** Resolves the waiters that `params` satisfies; returns those still waiting. */
function settle<T>(waiters: Array<{ match(params: T): boolean; resolve(params: T): void }>, params: T): Array<{ match(params: T): boolean; resolve(params: T): void }> {
  return waiters.filter((w) => {
    if (!w.match(params)) return true;
    w.resolve(params);
    return false;
  });
}

/** What an editor shows of diagnostics, without per-document details (the URI inside fix data), in a stable order. */
export function shownDiagnostics(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => JSON.stringify([d.code, d.range, d.severity, d.message])).sort();
}
