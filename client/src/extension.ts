import { commands, ConfigurationTarget, window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_FILE, CONFIG_SECTION, DISABLE_RULE_COMMAND, DOCUMENT_LANGUAGES, DOCUMENT_SCORE_NOTIFICATION, SERVER_ID, SERVER_NAME, type DocumentScoreParams, type InitializationOptions, type RuleSetting } from '../../server/src/protocol';
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
    initializationOptions: { clientCommands: [DISABLE_RULE_COMMAND] } satisfies InitializationOptions,
    outputChannelName: SERVER_NAME,
  };
  client = new LanguageClient(SERVER_ID, SERVER_NAME, serverOptions, clientOptions);
  const statusBar = new ScoreStatusBar();
  context.subscriptions.push(
    statusBar,
    client.onNotification(DOCUMENT_SCORE_NOTIFICATION, (params: DocumentScoreParams) => statusBar.update(params)),
    workspace.onDidGrantWorkspaceTrust(() => void client?.restart()),
    // Offered by the server's "Disable <rule> in this workspace" code action: settings are the editor's to write.
    commands.registerCommand(DISABLE_RULE_COMMAND, async (ruleId: string) => {
      const config = workspace.getConfiguration(CONFIG_SECTION);
      const rules = { ...(config.get<Record<string, RuleSetting>>('rules') ?? {}), [ruleId]: 'off' as const };
      await config.update('rules', rules, ConfigurationTarget.Workspace);
      void window.showInformationMessage(`${ruleId} is off in this workspace (setting openapiSecurity.rules).`);
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
