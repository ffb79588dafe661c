import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_SECTION, DOCUMENT_LANGUAGES, SERVER_ID, SERVER_NAME } from '../../server/src/protocol';

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
    synchronize: { configurationSection: CONFIG_SECTION },
    outputChannelName: SERVER_NAME,
  };
  client = new LanguageClient(SERVER_ID, SERVER_NAME, serverOptions, clientOptions);
  context.subscriptions.push(workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
