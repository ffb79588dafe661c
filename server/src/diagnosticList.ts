/**
 * Diagnostics as the JSON text of an LSP `Diagnostic[]`, from the lint worker to the client. On a keystroke
 * in a big spec, 1,000 diagnostics cost more to copy between threads and encode again than to lint: the
 * worker writes each diagnostic's JSON once (and reuses it while the finding keeps its range), and over
 * stdio, sockets and pipes the server splices that text into `publishDiagnostics` as it is. Over Node IPC
 * (VS Code), where the channel encodes messages itself, the list is parsed back into objects.
 */
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Diagnostic, Message } from 'vscode-languageserver';

export class DiagnosticList {
  private parsed: Diagnostic[] | undefined;

  /** `json`: a JSON array of LSP diagnostics. */
  constructor(readonly json: string) {}

  static of(diagnostics: readonly Diagnostic[]): DiagnosticList {
    const list = new DiagnosticList(JSON.stringify(diagnostics));
    list.parsed = [...diagnostics];
    return list;
  }

  /** One list of several, in order, without parsing any of them. */
  static join(parts: ReadonlyArray<DiagnosticList | readonly Diagnostic[]>): DiagnosticList {
    const nonEmpty = parts.filter((p) => (p instanceof DiagnosticList ? p.json !== '[]' : p.length > 0));
    if (nonEmpty.length === 1 && nonEmpty[0] instanceof DiagnosticList) return nonEmpty[0];
    return new DiagnosticList(`[${nonEmpty.map((p) => (p instanceof DiagnosticList ? p.json : JSON.stringify(p)).slice(1, -1)).join(',')}]`);
  }

  /** The diagnostics as objects (parsed on first use: hovers and code actions from the shown findings need them, publishing does not). */
  get items(): Diagnostic[] {
    return (this.parsed ??= JSON.parse(this.json) as Diagnostic[]);
  }
}

/**
 * JSON-RPC's `application/json` encoder, except that a `DiagnosticList` in a message's params is written as
 * its JSON text instead of being serialized again.
 */
export const diagnosticListEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    return Promise.resolve(Buffer.from(encodeMessage(message), options.charset));
  },
};

export function encodeMessage(message: Message): string {
  const params = (message as { params?: unknown }).params as { diagnostics?: unknown } | undefined;
  if (!params || typeof params !== 'object' || !(params.diagnostics instanceof DiagnosticList)) return JSON.stringify(message);
  const list = params.diagnostics;
  // A placeholder no JSON string can contain unescaped (quotes inside strings are escaped), replaced once.
  const text = JSON.stringify({ ...message, params: { ...params, diagnostics: 0 } });
  const at = text.lastIndexOf('"diagnostics":0');
  return `${text.slice(0, at)}"diagnostics":${list.json}${text.slice(at + '"diagnostics":0'.length)}`;
}
