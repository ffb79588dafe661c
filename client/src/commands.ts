import { CodeAction, commands, ConfigurationTarget, Range, Uri, window, workspace, type Disposable, type Memento } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CONFIG_SECTION,
  DISABLE_RULE_COMMAND,
  DOCUMENT_REPORT_REQUEST,
  FIX_ALL_COMMAND,
  FIX_ALL_KIND,
  RESTART_SERVER_COMMAND,
  SHOW_OUTPUT_COMMAND,
  SHOW_REPORT_COMMAND,
  type DocumentReportParams,
  type DocumentReportResult,
  type RuleSetting,
} from '../../server/src/protocol';
import { showReportPanel } from './reportPanel';
import { SHOW_PROBLEMS_COMMAND } from './statusBar';

/** VS Code's own ids (stable for years): the Problems view and its "Show Active File Only" toggle. */
const OPEN_PROBLEMS = 'workbench.actions.view.problems';
const TOGGLE_ACTIVE_FILE_ONLY = 'workbench.actions.workbench.panel.markers.view.toggleActiveFile';
const ACTIVE_FILE_ONLY_KEY = 'problemsActiveFileOnly';

/** The document a command is about: the one it was invoked on (editor context menu), else the active editor's. */
function targetUri(arg: unknown): Uri | undefined {
  return arg instanceof Uri ? arg : window.activeTextEditor?.document.uri;
}

/** Command handlers; `client` is the started (or starting) language client. */
export function registerCommands(client: LanguageClient, state: Memento): Disposable[] {
  return [
    commands.registerCommand(FIX_ALL_COMMAND, async (arg?: unknown): Promise<boolean> => {
      const uri = targetUri(arg);
      if (!uri) return false;
      const document = await workspace.openTextDocument(uri);
      // The same action as `source.fixAll.openapiSecurity` on save; resolving it computes the edit.
      const actions = await commands.executeCommand<CodeAction[]>('vscode.executeCodeActionProvider', uri, new Range(0, 0, document.lineCount, 0), FIX_ALL_KIND, 1);
      const edit = actions?.find((a) => a.kind?.value === FIX_ALL_KIND)?.edit;
      if (!edit || edit.size === 0) {
        void window.showInformationMessage('OpenAPI Security: nothing in this file can be fixed automatically.');
        return false;
      }
      return workspace.applyEdit(edit);
    }),
    commands.registerCommand(SHOW_REPORT_COMMAND, async (arg?: unknown): Promise<DocumentReportResult | null> => {
      const uri = targetUri(arg);
      if (!uri) return null;
      const params: DocumentReportParams = { uri: uri.toString(), format: 'html' };
      const report = await client.sendRequest<DocumentReportResult | null>(DOCUMENT_REPORT_REQUEST, params);
      if (!report) {
        void window.showInformationMessage('OpenAPI Security: this file is not an OpenAPI document (or linting is off for it).');
        return null;
      }
      showReportPanel(report, `Security report: ${uri.path.split('/').pop()}`);
      return report;
    }),
    commands.registerCommand(RESTART_SERVER_COMMAND, () => client.restart()),
    commands.registerCommand(SHOW_OUTPUT_COMMAND, () => client.outputChannel.show(true)),
    commands.registerCommand(SHOW_PROBLEMS_COMMAND, async () => {
      await commands.executeCommand(OPEN_PROBLEMS);
      // The filter is a toggle VS Code does not let extensions read: remember turning it on.
      if (!state.get<boolean>(ACTIVE_FILE_ONLY_KEY)) {
        await commands.executeCommand(TOGGLE_ACTIVE_FILE_ONLY);
        await state.update(ACTIVE_FILE_ONLY_KEY, true);
      }
    }),
    // Offered by the server's "Disable <rule> in this workspace" code action: settings are the editor's to write.
    commands.registerCommand(DISABLE_RULE_COMMAND, async (ruleId: string) => {
      const config = workspace.getConfiguration(CONFIG_SECTION);
      const rules = { ...(config.get<Record<string, RuleSetting>>('rules') ?? {}), [ruleId]: 'off' as const };
      await config.update('rules', rules, ConfigurationTarget.Workspace);
      void window.showInformationMessage(`${ruleId} is off in this workspace (setting openapiSecurity.rules).`);
    }),
  ];
}
