import { commands, workspace, type Event, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_FILE, CONFIG_SECTION, DISABLE_RULE_COMMAND, DOCUMENT_LANGUAGES, DOCUMENT_SCORE_NOTIFICATION, SERVER_ID, SERVER_NAME, SPEC_FILES_GLOB, SPECTRAL_RULESET_GLOB, WORKSPACE_TRUSTED_NOTIFICATION, type DocumentScoreParams, type InitializationOptions } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { ScoreStatusBar } from './statusBar';

let client: LanguageClient | undefined;

/**
 * Starts the bundled language server over node IPC without waiting for it: activation stays
 * cheap, and the client queues requests until the server has answered `initialize`.
 */
export function activate(context: ExtensionContext): ExtensionApi {
  const activationStart = performance.now();
  // Restart Server and Show Output appear in the palette from now on, even if the server fails to start.
  void commands.executeCommand('setContext', 'openapiSecurity.activated', true);
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    // The server re-reads the shared config file and Spectral rulesets when one changes, and re-lints the
    // multi-file specs a changed YAML/JSON file belongs to.
    synchronize: {
      configurationSection: CONFIG_SECTION,
      fileEvents: [workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`), workspace.createFileSystemWatcher(SPECTRAL_RULESET_GLOB), workspace.createFileSystemWatcher(SPEC_FILES_GLOB)],
    },
    // Untrusted: only declarative Spectral rulesets run (no JavaScript from the repository).
    initializationOptions: { clientCommands: [DISABLE_RULE_COMMAND], workspaceTrusted: workspace.isTrusted } satisfies InitializationOptions,
    outputChannelName: SERVER_NAME,
  };
  const started = new LanguageClient(SERVER_ID, SERVER_NAME, serverOptions, clientOptions);
  client = started;
  const statusBar = new ScoreStatusBar();
  context.subscriptions.push(
    statusBar,
    started.onNotification(DOCUMENT_SCORE_NOTIFICATION, (params: DocumentScoreParams) => statusBar.update(params)),
    // The server re-reads the (now unrestricted) settings and loads JavaScript rulesets: no restart needed.
    workspace.onDidGrantWorkspaceTrust(() => void started.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION)),
    ...registerCommands(started, context.workspaceState),
  );
  // A failed start is reported by the client itself (output channel and a notification).
  started.start().catch(() => undefined);
  const activationMs = performance.now() - activationStart;
  return { statusBar: () => statusBar.shown, onDidUpdateStatusBar: statusBar.onDidUpdate, activationMs };
}

/** What `activate` returns (`extensions.getExtension(...).exports`): the e2e suite reads the status bar through it. */
export interface ExtensionApi {
  statusBar(): ScoreStatusBar['shown'];
  onDidUpdateStatusBar: Event<void>;
  /** How long activate() itself ran, in milliseconds (the e2e suite reports it). */
  activationMs: number;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
