import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { displayName } from './displayName';

/** Lints shorter than this show nothing: a spinner flashing on every keystroke is noise. */
export const DEFAULT_PROGRESS_DELAY_MS = 500;

export const PROGRESS_TITLE = 'OpenAPI security';

interface Shown {
  timer?: NodeJS.Timeout;
  /** Settles once the client has the token and the progress has begun; undefined when the client refused it. */
  reporter?: Promise<WorkDoneProgressServerReporter | undefined>;
  /** What the lint is doing now, when not the default "Linting <file>". */
  message?: string;
}

/**
 * Window progress (`window/workDoneProgress/create`, then `$/progress` begin and end) while a document is busy
 * for longer than a delay: a big spec's first lint can take seconds on a slow machine, and the editor then shows
 * that the findings are coming (VS Code's status bar, fidget.nvim, Emacs' mode line, Helix). The server says when
 * a document becomes busy and when it is idle again (no lint running or due), so one progress spans a stretch of
 * typing however many lints it took. A client without `window.workDoneProgress` is sent nothing.
 */
export class LintProgress {
  private readonly shown = new Map<string, Shown>();

  constructor(
    private readonly connection: Connection,
    private readonly supported: boolean,
    private readonly delayMs: number = DEFAULT_PROGRESS_DELAY_MS,
  ) {}

  /** A lint of the document started; nothing new if it was busy already. */
  busy(uri: string): void {
    if (!this.supported || this.shown.has(uri)) return;
    const entry: Shown = {};
    this.shown.set(uri, entry);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.reporter = this.begin(entry, uri);
    }, this.delayMs);
  }

  /** The document's lint moved on to another stage (the workspace's Spectral ruleset): the progress says so. */
  describe(uri: string, message: string): void {
    const entry = this.shown.get(uri);
    if (!entry) return;
    entry.message = message;
    void entry.reporter?.then((reporter) => reporter?.report(message));
  }

  /** No lint of the document is running or due (or it was closed). */
  idle(uri: string): void {
    const entry = this.shown.get(uri);
    if (!entry) return;
    this.shown.delete(uri);
    clearTimeout(entry.timer);
    // Ended after it began, even when the lint finished while the client was still creating the token.
    void entry.reporter?.then((reporter) => reporter?.done());
  }

  /** Every progress ended and no timer left behind (the server is shutting down). */
  dispose(): void {
    for (const uri of [...this.shown.keys()]) this.idle(uri);
  }

  private async begin(entry: Shown, uri: string): Promise<WorkDoneProgressServerReporter | undefined> {
    try {
      const reporter = await this.connection.window.createWorkDoneProgress();
      reporter.begin(PROGRESS_TITLE, undefined, entry.message ?? `Linting ${displayName(uri)}`, false);
      return reporter;
    } catch {
      return undefined; // the client refused the token: the lint goes on without progress
    }
  }
}
