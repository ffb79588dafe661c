/**
 * A keystroke in a 3 MB spec must not copy 3 MB to the lint worker: a worker that holds the version before is sent
 * the editor's change events instead of the text, and applies them as the main thread did. On a machine where
 * touching fresh memory is slow, each copy of openai-2971k.yaml's text (6 MB as UTF-16) costs ~25 ms, and the
 * structured clone of a request made two of them. Whatever the worker cannot apply (it restarted, it holds another
 * version, the result's length differs) it refuses, and the request goes again with the whole text.
 */
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { PieceTextDocument } from './pieceTextDocument';

/** Sent instead of a document's text: the changes from the version the worker holds, and the length they give. */
export interface TextChanges {
  /** The open document they belong to (a document closed and opened again is another, whatever its version). */
  textId: number;
  from: number;
  events: TextDocumentContentChangeEvent[];
  length: number;
}

/** The worker's refusal: it does not hold the text the changes start from. */
export const OUT_OF_SYNC = 'the worker does not hold the text these changes start from';

/** The change log keeps no more than this much changed text per document: beyond it, the whole text goes again. */
const MAX_LOGGED_CHARS = 1_000_000;
const MAX_LOGGED_STEPS = 1_000;

interface Step {
  to: number;
  events: TextDocumentContentChangeEvent[];
}

interface Log {
  textId: number;
  /** The version the first step starts from. */
  from: number;
  steps: Step[];
  chars: number;
}

/** Main thread: each open document's identity and its edits since the oldest version a worker may hold. */
export class ChangeLog {
  private nextId = 1;
  private readonly ids = new WeakMap<TextDocument, number>();
  private readonly logs = new Map<string, Log>();

  /** For the server's `TextDocuments`: piece documents, whose edits are logged here as they arrive. */
  documents(): TextDocumentsConfiguration<PieceTextDocument> {
    return {
      create: (uri, languageId, version, content) => this.opened(new PieceTextDocument(uri, languageId, version, content)),
      update: (document, events, version) => {
        this.record(document, events, version);
        document.update(events, version);
        return document;
      },
    };
  }

  /** A document just opened (or a new instance of one): a new identity, nothing logged. */
  opened<T extends TextDocument>(document: T): T {
    this.ids.set(document, this.nextId++);
    this.logs.delete(document.uri);
    return document;
  }

  idOf(document: TextDocument): number {
    let id = this.ids.get(document);
    if (id === undefined) this.ids.set(document, (id = this.nextId++));
    return id;
  }

  /** Called before `document` (at its current version) takes `events` to become `version`. */
  record(document: TextDocument, events: readonly TextDocumentContentChangeEvent[], version: number): void {
    const textId = this.idOf(document);
    let log = this.logs.get(document.uri);
    const last = log?.steps[log.steps.length - 1];
    if (!log || log.textId !== textId || (last ? last.to : log.from) !== document.version) {
      log = { textId, from: document.version, steps: [], chars: 0 };
      this.logs.set(document.uri, log);
    }
    log.steps.push({ to: version, events: [...events] });
    log.chars += events.reduce((sum, e) => sum + e.text.length, 0);
    // A document nobody lints (disabled, too large) must not hoard its edits: the next request sends the text.
    if (log.chars > MAX_LOGGED_CHARS || log.steps.length > MAX_LOGGED_STEPS) this.logs.delete(document.uri);
  }

  /** The events that take this document from version `from` to `to`, if all are logged. */
  between(uri: string, textId: number, from: number, to: number): TextDocumentContentChangeEvent[] | undefined {
    const log = this.logs.get(uri);
    if (!log || log.textId !== textId) return undefined;
    let at = log.from === from ? 0 : log.steps.findIndex((s) => s.to === from) + 1;
    if (at === 0 && log.from !== from) return undefined;
    const events: TextDocumentContentChangeEvent[] = [];
    for (; at < log.steps.length; at++) {
      events.push(...log.steps[at].events);
      if (log.steps[at].to === to) return events;
    }
    return undefined;
  }

  /** Versions before `version` are needed no more (the document's worker holds `version` now). */
  trim(uri: string, textId: number, version: number): void {
    const log = this.logs.get(uri);
    if (!log || log.textId !== textId) return;
    const upTo = log.steps.findIndex((s) => s.to === version);
    if (upTo < 0) return;
    for (const step of log.steps.splice(0, upTo + 1)) log.chars -= step.events.reduce((sum, e) => sum + e.text.length, 0);
    log.from = version;
  }

  closed(uri: string): void {
    this.logs.delete(uri);
  }
}

/** What a request for a document carries to the worker; `text` is left out when `changes` say it. */
export interface SyncedSnapshot {
  uri: string;
  version: number;
  text?: string;
  textId?: number;
  changes?: TextChanges;
}

/**
 * One worker's side of the main thread: which version of each document it holds. Requests reach the worker in the
 * order they are posted, so what was posted last is what it holds when the next one arrives.
 */
export class HeldTexts {
  private readonly held = new Map<string, { textId: number; version: number }>();

  constructor(private readonly log: ChangeLog) {}

  /** The params to post: with a document's changes instead of its text when the worker holds an earlier version. */
  outgoing(method: string, params: unknown): unknown {
    if (method === 'forget' && typeof params === 'string') {
      this.held.delete(params);
      return params;
    }
    const document = (params as { document?: SyncedSnapshot } | undefined)?.document;
    if (!document || document.text === undefined || document.textId === undefined || document.version < 0) return params;
    const { uri, version, textId, text } = document;
    const before = this.held.get(uri);
    this.held.set(uri, { textId, version });
    const same = before !== undefined && before.textId === textId;
    const events = !same ? undefined : before.version === version ? [] : this.log.between(uri, textId, before.version, version);
    if (!events) return params;
    this.log.trim(uri, textId, version);
    const { text: _left, ...rest } = document;
    return { ...(params as object), document: { ...rest, changes: { textId, from: before!.version, events, length: text.length } } };
  }

  /** The worker is new, or refused changes: it is sent whole texts until it holds them again. */
  reset(): void {
    this.held.clear();
  }
}
