import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionRequest, HoverRequest, type CodeAction, type Diagnostic, type MarkupContent, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol/node';
import { expiresValue, EXPIRES_FIX_DAYS } from '../../server/src/engine';
import { LspTestClient } from '../support/lspClient';

// No Expires at all, so what the server reports does not depend on today's date.
const text = ['# Example', 'contact: mailto:security@example.com', 'Policy: http://example.com/policy', 'Canonical: https://example.com/security.txt', ''].join('\n');
const uri = 'file:///w/site/.well-known/security.txt';

describe('security.txt over LSP', () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ settings: () => ({}), initializationOptions: { clientCommands: ['openapiSecurity.disableRule'] } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  const actionsFor = async (d: Diagnostic) =>
    (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } })) as CodeAction[];
  const edited = (action: CodeAction, source: string, version: number) => {
    const change = action.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(change.textDocument.version, version, 'the fix carries the version it was computed on');
    return TextDocument.applyEdits(TextDocument.create(uri, 'securitytxt', version, source), change.edits as TextEdit[]);
  };

  it('publishes RFC 9116 diagnostics with their rule, range and RFC section', async () => {
    await client.open(uri, 'securitytxt', text);
    const published = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        ['securitytxt:expires-required', 1, 1, 0, 7],
        ['securitytxt:field-name-case', 3, 1, 0, 7],
        ['securitytxt:https-required', 1, 2, 8, 33],
        ['securitytxt:canonical-mismatch', 2, 3, 11, 43],
      ],
    );
    const https = published.diagnostics.find((d) => d.code === 'securitytxt:https-required')!;
    assert.equal(https.source, 'openapi-security');
    assert.equal(https.codeDescription?.href, 'https://www.rfc-editor.org/rfc/rfc9116#section-2.5');
    assert.deepEqual(https.data, { ruleId: 'securitytxt:https-required', fixable: true });
    const score = await client.scoreFor(uri, 1);
    assert.equal(score.isOpenApi, false, 'no OpenAPI score in the status bar');
    assert.deepEqual(score.counts, { error: 2, warning: 1, info: 1, hint: 0 });
  });

  it('hovers with the finding (why, how, RFC section) and the field meaning', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 3 } });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /^\*\*No Expires field\*\* · error · `securitytxt:expires-required`/);
    assert.match(value, /\*\*Field name not in its registered spelling\*\* · info · `securitytxt:field-name-case`/);
    assert.match(value, /\[RFC 9116, section 2\.5\.5\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc9116#section-2\.5\.5\)/);
    assert.match(value, /\*\*Contact\*\* · security\.txt field\n\nWhere to report a vulnerability/);
    assert.match(value, /\[RFC 9116, section 2\.5\.3\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc9116#section-2\.5\.3\)/);
    assert.deepEqual(hover?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } });
    const comment = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 3 } });
    assert.equal(comment, null);
  });

  it('replaces http: by https: and fixes the field name exactly, with the document version', async () => {
    const published = await client.diagnosticsFor(uri, 1);
    const https = await actionsFor(published.diagnostics.find((d) => d.code === 'securitytxt:https-required')!);
    assert.deepEqual(https.map((a) => a.title), ['Use https:', 'Disable securitytxt:https-required in this workspace']);
    assert.equal(https[0].isPreferred, true);
    assert.equal(edited(https[0], text, 1), text.replace('Policy: http://', 'Policy: https://'));
    const name = await actionsFor(published.diagnostics.find((d) => d.code === 'securitytxt:field-name-case')!);
    assert.equal(edited(name[0], text, 1), text.replace('contact:', 'Contact:'));
  });

  it('adds the missing Expires, and the finding is gone once applied', async () => {
    const published = await client.diagnosticsFor(uri, 1);
    const before = new Date();
    const [add] = await actionsFor(published.diagnostics.find((d) => d.code === 'securitytxt:expires-required')!);
    const after = new Date();
    const result = edited(add, text, 1);
    // The server uses the real clock; a run across midnight UTC may see either day.
    const expected = [before, after].map((now) => text.replace('contact: mailto:security@example.com\n', `contact: mailto:security@example.com\nExpires: ${expiresValue(now, EXPIRES_FIX_DAYS)}\n`));
    assert.ok(expected.includes(result), result);
    await client.change(uri, 2, [{ text: result }]);
    const next = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(next.diagnostics.map((d) => d.code), ['securitytxt:field-name-case', 'securitytxt:https-required', 'securitytxt:canonical-mismatch']);
    const [https] = await actionsFor(next.diagnostics.find((d) => d.code === 'securitytxt:https-required')!);
    assert.equal(edited(https, result, 2), result.replace('http://', 'https://'));
  });

  it('lints a file named security.txt whatever language id the editor sends, and honours rule settings', async () => {
    const other = await LspTestClient.start({ settings: () => ({ rules: { 'securitytxt:field-name-case': 'off', 'securitytxt:https-required': 'warning' } }) });
    try {
      const plain = 'file:///w/security.txt';
      await other.open(plain, 'plaintext', text);
      const published = await other.diagnosticsFor(plain, 1);
      assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [['securitytxt:expires-required', 1], ['securitytxt:https-required', 2]], 'outside .well-known, Canonical is not checked');
      await other.open('file:///w/notes.txt', 'plaintext', text);
      assert.deepEqual((await other.diagnosticsFor('file:///w/notes.txt', 1)).diagnostics, [], 'other text files get nothing');
    } finally {
      assert.equal(await other.stop(), 0);
    }
  });
});
