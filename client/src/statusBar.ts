import { commands, EventEmitter, StatusBarAlignment, window, workspace, type Disposable, type Event, type StatusBarItem, type TextEditor } from 'vscode';
import type { DocumentScoreParams } from '../../server/src/protocol';

/** Set for `when` clauses: the active editor shows an OpenAPI document the server has linted. */
export const ACTIVE_IS_OPENAPI_CONTEXT = 'openapiSecurity.activeIsOpenApi';
/** The status bar item's command (not in the palette): Problems, filtered to the active file. */
export const SHOW_PROBLEMS_COMMAND = 'openapiSecurity.showProblemsForFile';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the item shows for a score; exported for the e2e suite, which checks the item's text. */
export function statusText(score: DocumentScoreParams): string {
  const { error, warning, info, hint } = score.counts;
  return `$(shield) ${score.score}  $(error) ${error}  $(warning) ${warning}  $(info) ${info + hint}`;
}

/**
 * The security score and the counts by severity of the active OpenAPI document, from the
 * server's `openapiSecurity/documentScore` notifications; hidden for every other document.
 */
export class ScoreStatusBar implements Disposable {
  readonly item: StatusBarItem;
  private readonly scores = new Map<string, DocumentScoreParams>();
  private readonly subscriptions: Disposable[];
  private shownFor: string | undefined;
  private readonly updated = new EventEmitter<void>();
  /** Fires after each refresh of the item (shown, changed or hidden). */
  readonly onDidUpdate: Event<void> = this.updated.event;

  constructor() {
    this.item = window.createStatusBarItem('openapiSecurity.score', StatusBarAlignment.Left, 50);
    this.item.name = 'OpenAPI Security score';
    this.item.command = SHOW_PROBLEMS_COMMAND;
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

  /** What is on display: the document's score as the server sent it and the item's text; undefined while hidden. */
  get shown(): { score: DocumentScoreParams; text: string } | undefined {
    const score = this.shownFor ? this.scores.get(this.shownFor) : undefined;
    return score && { score, text: this.item.text };
  }

  private show(editor: TextEditor | undefined): void {
    const score = editor && this.scores.get(editor.document.uri.toString());
    this.shownFor = score ? score.uri : undefined;
    void commands.executeCommand('setContext', ACTIVE_IS_OPENAPI_CONTEXT, !!score);
    if (!score) {
      this.item.hide();
      this.updated.fire();
      return;
    }
    const { error, warning, info, hint } = score.counts;
    this.item.text = statusText(score);
    this.item.tooltip = `OpenAPI security score ${score.score}/100: ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info, ${plural(hint, 'hint')}. Click to see this file's problems.`;
    this.item.accessibilityInformation = { label: `OpenAPI security score ${score.score} of 100, ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info + hint} other` };
    this.item.show();
    this.updated.fire();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.updated.dispose();
    this.item.dispose();
  }
}
