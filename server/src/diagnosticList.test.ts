import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticList, diagnosticListEncoder, encodeMessage } from './diagnosticList';

const at = (line: number, message: string): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 4 } }, severity: 2, code: 'x', source: 'openapi-security', message });
const a = [at(1, 'one'), at(2, 'two "quoted" \\ and \u2028')];
const b = [at(3, 'three')];

describe('DiagnosticList', () => {
  it('joins lists and arrays in order without changing a diagnostic', () => {
    const joined = DiagnosticList.join([DiagnosticList.fromJson(JSON.stringify(a)), [], b, DiagnosticList.fromJson('[]')]);
    assert.deepEqual(JSON.parse(joined.json), [...a, ...b]);
    assert.deepEqual(joined.items, [...a, ...b]);
    assert.equal(DiagnosticList.join([]).json, '[]');
    assert.equal(DiagnosticList.join([[], DiagnosticList.fromJson('[]')]).json, '[]');
  });

  it('hands back the one non-empty list as it is (no copy of a big text per publish)', () => {
    const only = DiagnosticList.fromJson(JSON.stringify(a));
    assert.equal(DiagnosticList.join([only, []]), only);
    assert.deepEqual(DiagnosticList.of(b).items, b);
  });
});

describe('the stdio encoder', () => {
  it('writes a DiagnosticList in publishDiagnostics as its text: the client reads the same message', async () => {
    // A URI holding the placeholder's text: only the real field may be replaced.
    const uri = 'file:///specs/"diagnostics":0.yaml';
    const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 7, diagnostics: DiagnosticList.join([a, b]) } };
    const text = encodeMessage(message);
    assert.deepEqual(JSON.parse(text), { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 7, diagnostics: [...a, ...b] } });
    const bytes = await diagnosticListEncoder.encode(message, { charset: 'utf-8' });
    assert.equal(Buffer.from(bytes).toString('utf8'), text);
  });

  it('writes the bytes JSON.stringify would, for lists empty, of one, and of many parts with multi-byte text', async () => {
    const emoji = [at(4, 'caf\u00e9 \u{1F600} \u2028 "x"')];
    for (const list of [DiagnosticList.join([]), DiagnosticList.fromJson('[]'), DiagnosticList.of(b), DiagnosticList.join([a, DiagnosticList.fromJson(JSON.stringify(emoji)), b]), DiagnosticList.fromParts(emoji.map((d) => JSON.stringify(d)))]) {
      const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///\u00e9.yaml', diagnostics: list } };
      const bytes = Buffer.from(await diagnosticListEncoder.encode(message, { charset: 'utf-8' }));
      assert.deepEqual(bytes, Buffer.from(JSON.stringify({ ...message, params: { ...message.params, diagnostics: list.items } }), 'utf8'));
    }
  });

  it('writes every other message exactly as JSON.stringify does', () => {
    for (const message of [
      { jsonrpc: '2.0', id: 1, result: { contents: 'hover', diagnostics: a } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.yaml', diagnostics: a } },
      { jsonrpc: '2.0', method: 'exit' },
    ]) {
      assert.equal(encodeMessage(message), JSON.stringify(message));
    }
  });
});
