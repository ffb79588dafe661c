/**
 * A document's diagnostics travel from the lint worker to the server as the changes since the worker's last
 * lint of it: after a keystroke, most of a big spec's 1,000 diagnostics are the very same texts as before
 * (documentService.ts reuses a finding's JSON while its range stays), and copying 500 KB of them between
 * threads, per keystroke, cost more than finding what changed. Both sides name each list with the lint's id;
 * changes are sent only from the list the server says it holds, and applied only to that list.
 */

/** The first `head` and the last `tail` diagnostics of the list `base` stay; the ones sent go between them. */
export interface DiagnosticsDelta {
  base: string;
  head: number;
  tail: number;
}

export interface EncodedDiagnostics {
  /** Each diagnostic's JSON text: all of them, or with `diagnosticsDelta`, only the ones between head and tail. */
  diagnostics: string[];
  /** Names this list, for the next request's `diagnosticsBase`. */
  diagnosticsId: string;
  diagnosticsDelta?: DiagnosticsDelta;
}

interface Named {
  id: string;
  parts: readonly string[];
}

/** In the worker: the list last sent for each document. */
export class SentDiagnostics {
  private readonly sent = new Map<string, Named>();

  /** The list `parts` under the name `id`: only what changed when the server holds the list named `base`. */
  encode(uri: string, parts: string[], id: string, base: string | undefined): EncodedDiagnostics {
    const last = this.sent.get(uri);
    this.sent.set(uri, { id, parts });
    if (!last || base === undefined || base !== last.id) return { diagnostics: parts, diagnosticsId: id };
    const before = last.parts;
    const most = Math.min(before.length, parts.length);
    // Mostly the same string objects (a reused JSON text): each comparison is a pointer's.
    let head = 0;
    while (head < most && before[head] === parts[head]) head++;
    let tail = 0;
    while (tail < most - head && before[before.length - 1 - tail] === parts[parts.length - 1 - tail]) tail++;
    return { diagnostics: parts.slice(head, parts.length - tail), diagnosticsId: id, diagnosticsDelta: { base, head, tail } };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}

/** In the server: the list last received for each document. */
export class ReceivedDiagnostics {
  private readonly held = new Map<string, Named>();

  /** The name of the list held for this document: what the next lint may send only the changes from. */
  baseOf(uri: string): string | undefined {
    return this.held.get(uri)?.id;
  }

  /**
   * The whole list a lint result stands for, now held for the document; undefined when its changes are from
   * another list than the one held (the caller lints again, sending no base).
   */
  decode(uri: string, result: Partial<EncodedDiagnostics> & { diagnostics: string[] }): readonly string[] | undefined {
    const delta = result.diagnosticsDelta;
    let parts: readonly string[] = result.diagnostics;
    if (delta) {
      const held = this.held.get(uri);
      if (!held || held.id !== delta.base || delta.head + delta.tail > held.parts.length) {
        this.held.delete(uri);
        return undefined;
      }
      parts = [...held.parts.slice(0, delta.head), ...result.diagnostics, ...held.parts.slice(held.parts.length - delta.tail)];
    }
    if (result.diagnosticsId) this.held.set(uri, { id: result.diagnosticsId, parts });
    else this.held.delete(uri);
    return parts;
  }

  forget(uri: string): void {
    this.held.delete(uri);
  }
}
