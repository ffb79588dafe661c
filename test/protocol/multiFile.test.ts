import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lspClient';

/** Issue #9 over the protocol: a spec split over files, findings published where they are written. */
const scratch = mkdtempSync(path.join(tmpdir(), 'oas-multi-lsp-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const workspace = path.join(scratch, 'ws');
function write(relative: string, text: string): string {
  const file = path.join(workspace, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return pathToFileURL(file).href;
}
const ROOT = [
  'openapi: 3.0.3',
  'info: {title: t, version: "1"}',
  'servers: [{url: "https://api.example.com", x-internal: false, description: production}]',
  'security: [{bearer: []}]',
  'paths:',
  '  /users/{id}:',
  "    $ref: 'paths/user.yaml'",
  'components:',
  '  securitySchemes:',
  '    bearer: {type: http, scheme: bearer, bearerFormat: JWT}',
  '',
].join('\n');
const PATH_ITEM = ['get:', '  responses:', "    '200':", '      description: OK', '      content:', '        application/json:', "          schema: {$ref: '../schemas/user.yaml#/User'}", ''].join('\n');
const SCHEMA = ['User:', '  type: object', '  additionalProperties: false', '  properties:', '    name:', '      type: string', '      pattern: "^[a-z]+$"', ''].join('\n');
const rootUri = write('api/openapi.yaml', ROOT);
const pathUri = write('api/paths/user.yaml', PATH_ITEM);
const schemaUri = write('api/schemas/user.yaml', SCHEMA);
const folder = pathToFileURL(workspace).href;
const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();

describe('multi-file specs over the protocol', () => {
  it('publishes findings in the files where they are written, with the referencing $ref as related information', async () => {
    const client = await LspTestClient.start({ initializationOptions: { debounceMs: 0 }, workspaceFolders: [folder] });
    try {
      await client.open(rootUri, 'yaml', ROOT);
      await client.diagnosticsFor(rootUri, 1);
      const inSchema = await client.waitForDiagnostics(schemaUri, (p) => p.diagnostics.some((d) => d.code === 'owasp:api4:2023-string-limit'));
      const limit = inSchema.diagnostics.find((d) => d.code === 'owasp:api4:2023-string-limit')!;
      assert.equal(inSchema.version, undefined, 'a closed file: no version');
      assert.deepEqual([limit.range.start.line, limit.range.start.character], [5, 12]);
      assert.deepEqual(limit.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]), [[pathUri, 6, 'referenced here: ../schemas/user.yaml#/User']]);
      const inPath = await client.waitForDiagnostics(pathUri, (p) => p.diagnostics.length > 0);
      assert.ok(codes(inPath.diagnostics).includes('owasp:api8:2023-define-error-responses-401'), 'operation findings stay at the operation, in its file');

      // Editing the fragment (unsaved) re-lints the spec with the new text.
      await client.open(schemaUri, 'yaml', SCHEMA);
      const fixed = SCHEMA.replace('      pattern: "^[a-z]+$"', '      pattern: "^[a-z]+$"\n      maxLength: 64');
      await client.change(schemaUri, 2, [{ text: fixed }]);
      await client.waitForDiagnostics(schemaUri, (p) => p.version === 2 && !p.diagnostics.some((d) => d.code === 'owasp:api4:2023-string-limit') && client.published.filter((q) => q.uri === rootUri).length >= 2);
      assert.equal(readFileSync(path.join(workspace, 'api/schemas/user.yaml'), 'utf8'), SCHEMA, 'nothing was written to disk');
    } finally {
      await client.stop();
    }
  });

  it('a fragment opened alone gets its findings through the specs that use it, and no document-level ones', async () => {
    const client = await LspTestClient.start({ initializationOptions: { debounceMs: 0 }, workspaceFolders: [folder] });
    try {
      await client.open(schemaUri, 'yaml', SCHEMA);
      const published = await client.waitForDiagnostics(schemaUri, (p) => p.diagnostics.some((d) => d.code === 'owasp:api4:2023-string-limit'), 30_000);
      assert.ok(!codes(published.diagnostics).includes('owasp:api8:2023-define-cors-origin'), 'document-level findings belong to the spec, not the fragment');
      assert.ok(!client.published.some((p) => p.uri === rootUri && p.diagnostics.length > 0), 'the closed spec itself gets nothing published');

      // The spec changes on disk (the client reports it): the fragment's findings follow.
      write('api/paths/user.yaml', PATH_ITEM.replace("schema: {$ref: '../schemas/user.yaml#/User'}", 'schema: {type: object, additionalProperties: false}'));
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathUri, type: FileChangeType.Changed }] });
      await client.waitForDiagnostics(schemaUri, (p) => p.diagnostics.length === 0, 30_000);
    } finally {
      write('api/paths/user.yaml', PATH_ITEM);
      await client.stop();
    }
  });
});
