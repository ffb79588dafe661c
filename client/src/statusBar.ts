import { StatusBarAlignment, window, workspace, type Disposable, type StatusBarItem, type TextEditor } from 'vscode';
import type { DocumentScoreParams } from '../../server/src/protocol';

/**
 * `$(shield) 87 · 2 ✖ 3 ⚠` for the active OpenAPI document, from the server's
 * `openapiSecurity/documentScore` notifications; hidden for every other document.
 */
export class ScoreStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly scores = new Map<string, DocumentScoreParams>();
  private readonly subscriptions: Disposable[];

  constructor() {
    this.item = window.createStatusBarItem('openapiSecurity.score', StatusBarAlignment.Left, 50);
    this.item.name = 'OpenAPI Security score';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions = [
      window.onDidChangeActiveTextEditor((editor) => this.show(editor)),
      workspace.onDidCloseTextDocument((document) => this.scores.delete(document.uri.toString())),
    ];
  }

  update(params: DocumentScoreParams): void {
    // Only OpenAPI documents are remembered: a closed or non-OpenAPI document needs no entry.
    if (params.isOpenApi) this.scores.set(params.uri, params);
    else this.scores.delete(params.uri);
    if (window.activeTextEditor?.document.uri.toString() === params.uri) this.show(window.activeTextEditor);
  }

  private show(editor: TextEditor | undefined): void {
    const score = editor && this.scores.get(editor.document.uri.toString());
    if (!score || !score.isOpenApi) {
      this.item.hide();
      return;
    }
    const { error, warning } = score.counts;
    this.item.text = `$(shield) ${score.score} · ${error} ✖ ${warning} ⚠`;
    this.item.tooltip = `OpenAPI security score ${score.score}/100: ${error} error${error === 1 ? '' : 's'}, ${warning} warning${warning === 1 ? '' : 's'}, ${score.counts.info + score.counts.hint} other. Click to open Problems.`;
    this.item.show();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
