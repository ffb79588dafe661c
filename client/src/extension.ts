import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_FILE, CONFIG_SECTION, DOCUMENT_LANGUAGES, DOCUMENT_SCORE_NOTIFICATION, SERVER_ID, SERVER_NAME, type DocumentScoreParams } from '../../server/src/protocol';
import { ScoreStatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** Starts the bundled language server over node IPC; everything else lives in the server. */
export async function activate(context: ExtensionContext): Promise<void> {
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
    // The server re-reads the shared config file when one changes.
    synchronize: { configurationSection: CONFIG_SECTION, fileEvents: workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`) },
    outputChannelName: SERVER_NAME,
  };
  client = new LanguageClient(SERVER_ID, SERVER_NAME, serverOptions, clientOptions);
  const statusBar = new ScoreStatusBar();
  context.subscriptions.push(statusBar);
  context.subscriptions.push(client.onNotification(DOCUMENT_SCORE_NOTIFICATION, (params: DocumentScoreParams) => statusBar.update(params)));
  context.subscriptions.push(workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
