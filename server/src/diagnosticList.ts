/**
 * Diagnostics as JSON text, from the lint worker to the client. On a keystroke in a big spec, 1,000 diagnostics
 * cost more to copy between threads and encode again than to lint: the worker writes each diagnostic's JSON
 * once (and reuses it while the finding keeps its range), sends the server only those that changed since its
 * last lint, and over stdio, sockets and pipes the server writes those texts into `publishDiagnostics` as they
 * are, straight into the outgoing bytes. Over Node IPC (VS Code), where the channel encodes messages itself,
 * the list is parsed back into objects.
 */
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Diagnostic, Message } from 'vscode-languageserver';

export class DiagnosticList {
  private parsed: Diagnostic[] | undefined;
  private text: string | undefined;

  /** `parts`: JSON texts, each of one diagnostic or of several joined by commas; none empty. */
  private constructor(readonly parts: readonly string[]) {}

  /** From the JSON text of a `Diagnostic[]`. */
  static fromJson(json: string): DiagnosticList {
    const inner = json.slice(1, -1);
    const list = new DiagnosticList(/\S/.test(inner) ? [inner] : []);
    list.text = json;
    return list;
  }

  /** From the JSON texts of diagnostics, in order (the array is not copied: it must not change). */
  static fromParts(parts: readonly string[]): DiagnosticList {
    return new DiagnosticList(parts);
  }

  static of(diagnostics: readonly Diagnostic[]): DiagnosticList {
    const list = new DiagnosticList(diagnostics.map((d) => JSON.stringify(d)));
    list.parsed = [...diagnostics];
    return list;
  }

  /** One list of several, in order, without parsing or copying any of their texts. */
  static join(lists: ReadonlyArray<DiagnosticList | readonly Diagnostic[]>): DiagnosticList {
    const nonEmpty = lists.filter((l) => (l instanceof DiagnosticList ? l.parts.length > 0 : l.length > 0));
    if (nonEmpty.length === 1 && nonEmpty[0] instanceof DiagnosticList) return nonEmpty[0];
    return new DiagnosticList(nonEmpty.flatMap((l) => (l instanceof DiagnosticList ? l.parts : l.map((d) => JSON.stringify(d)))));
  }

  /** The JSON text of the `Diagnostic[]` (joined on first use). */
  get json(): string {
    return (this.text ??= `[${this.parts.join(',')}]`);
  }

  /** The diagnostics as objects (parsed on first use: hovers and code actions from the shown findings need them, publishing does not). */
  get items(): Diagnostic[] {
    return (this.parsed ??= JSON.parse(this.json) as Diagnostic[]);
  }
}

/**
 * JSON-RPC's `application/json` encoder, except that a `DiagnosticList` in a message's params is written as
 * its JSON texts instead of being serialized again.
 */
export const diagnosticListEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    const split = splitMessage(message);
    if (!split) return Promise.resolve(Buffer.from(JSON.stringify(message), options.charset));
    const { head, parts, tail } = split;
    if (!/^utf-?8$/i.test(options.charset)) return Promise.resolve(Buffer.from(`${head}[${parts.join(',')}]${tail}`, options.charset));
    // Each text encoded once, into the message's own buffer: no joined copy of a 500 KB list per keystroke.
    const brackets = 2;
    const commas = Math.max(0, parts.length - 1);
    let size = Buffer.byteLength(head) + Buffer.byteLength(tail) + brackets + commas;
    for (const part of parts) size += Buffer.byteLength(part);
    const bytes = Buffer.allocUnsafe(size);
    let at = bytes.write(head);
    bytes[at++] = 0x5b; // [
    parts.forEach((part, i) => {
      if (i > 0) bytes[at++] = 0x2c; // ,
      at += bytes.write(part, at);
    });
    bytes[at++] = 0x5d; // ]
    bytes.write(tail, at);
    return Promise.resolve(bytes);
  },
};

export function encodeMessage(message: Message): string {
  const split = splitMessage(message);
  return split ? `${split.head}[${split.parts.join(',')}]${split.tail}` : JSON.stringify(message);
}

/** A message with a `DiagnosticList` as its JSON text around the list's parts (undefined for any other message). */
function splitMessage(message: Message): { head: string; parts: readonly string[]; tail: string } | undefined {
  const params = (message as { params?: unknown }).params as { diagnostics?: unknown } | undefined;
  if (!params || typeof params !== 'object' || !(params.diagnostics instanceof DiagnosticList)) return undefined;
  // A placeholder no JSON string can contain unescaped (quotes inside strings are escaped), replaced once.
  const text = JSON.stringify({ ...message, params: { ...params, diagnostics: 0 } });
  const at = text.lastIndexOf('"diagnostics":0');
  return { head: `${text.slice(0, at)}"diagnostics":`, parts: params.diagnostics.parts, tail: text.slice(at + '"diagnostics":0'.length) };
}
