import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';

/** Lints shorter than this show nothing: a spinner flashing on every keystroke is noise. */
export const DEFAULT_PROGRESS_DELAY_MS = 500;

export const PROGRESS_TITLE = 'OpenAPI security';

interface Busy {
  /** Lints of the document started and not finished (a keystroke starts one while the last is still running). */
  count: number;
  timer?: NodeJS.Timeout;
  /** Settles once the client has the token and the progress has begun; undefined when the client refused it. */
  reporter?: Promise<WorkDoneProgressServerReporter | undefined>;
  /** What the lint is doing now, when not the default "Linting <file>". */
  message?: string;
}

/**
 * Window progress (`window/workDoneProgress/create`, then `$/progress` begin and end) while a document is being
 * linted for longer than a delay: a big spec's first lint can take seconds on a slow machine, and the editor then
 * shows that the findings are coming (VS Code's status bar, fidget.nvim, Emacs' mode line, Helix). One progress
 * spans a busy stretch of a document, however many lints it took; a client without `window.workDoneProgress`
 * is sent nothing.
 */
export class LintProgress {
  private readonly busy = new Map<string, Busy>();

  constructor(
    private readonly connection: Connection,
    private readonly supported: boolean,
    private readonly delayMs: number = DEFAULT_PROGRESS_DELAY_MS,
  ) {}

  started(uri: string): void {
    const known = this.busy.get(uri);
    if (known) {
      known.count++;
      return;
    }
    const entry: Busy = { count: 1 };
    this.busy.set(uri, entry);
    if (!this.supported) return;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.reporter = this.begin(entry, uri);
    }, this.delayMs);
  }

  /** The document's lint moved on to another stage (the workspace's Spectral ruleset): the progress says so. */
  describe(uri: string, message: string): void {
    const entry = this.busy.get(uri);
    if (!entry) return;
    entry.message = message;
    void entry.reporter?.then((reporter) => reporter?.report(message));
  }

  /** `anotherScheduled`: a newer lint of the document is already due (an edit superseded this one): still busy. */
  finished(uri: string, anotherScheduled = false): void {
    const entry = this.busy.get(uri);
    if (!entry) return;
    entry.count = Math.max(0, entry.count - 1);
    if (entry.count === 0 && !anotherScheduled) this.end(uri, entry);
  }

  /** The document was closed: a lint scheduled for it will not run (one running still calls `finished`). */
  closed(uri: string): void {
    const entry = this.busy.get(uri);
    if (entry?.count === 0) this.end(uri, entry);
  }

  /** Every progress ended and no timer left behind (the server is shutting down). */
  dispose(): void {
    for (const [uri, entry] of [...this.busy]) this.end(uri, entry);
  }

  private end(uri: string, entry: Busy): void {
    this.busy.delete(uri);
    clearTimeout(entry.timer);
    // Ended after it began, even when the lint finished while the client was still creating the token.
    void entry.reporter?.then((reporter) => reporter?.done());
  }

  private async begin(entry: Busy, uri: string): Promise<WorkDoneProgressServerReporter | undefined> {
    try {
      const reporter = await this.connection.window.createWorkDoneProgress();
      reporter.begin(PROGRESS_TITLE, undefined, entry.message ?? `Linting ${fileName(uri)}`, false);
      return reporter;
    } catch {
      return undefined; // the client refused the token: the lint goes on without progress
    }
  }
}

/** The last segment of a URI, decoded, for messages. */
export function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || uri;
  } catch {
    return last || uri;
  }
}
