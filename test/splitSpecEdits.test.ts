import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DocumentService, type DocumentRequest, type LintResult } from '../server/src/documentService';
import { ReceivedDiagnostics } from '../server/src/diagnosticDelta';
import { EMPTY_CONFIG, formatFor, lintText, parse, type FileLoader } from '../server/src/engine';
import { lastFileFallback } from '../server/src/engine/incremental/files';
import { DEFAULT_SETTINGS } from '../server/src/protocol';
import { corpusDir } from './support/paths';
import { writerUnder } from './support/scratch';

/**
 * Issue #9: a keystroke in one file of a split spec re-lints the spec from caches (parsed files, `$ref` lists,
 * strings, other files' diagnostics as JSON). Whatever is cached, the answer must be what a service that has
 * never seen the spec gives for the same texts.
 */
const scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'oas-split-edits-')));
after(() => rmSync(scratch, { recursive: true, force: true }));

const write = writerUnder(scratch);

function request(root: string, folder: string, fragment: string, version: number, text: string, othersBase?: string, diagnosticsBase?: string): DocumentRequest {
  return {
    othersBase,
    diagnosticsBase,
    document: { uri: pathToFileURL(root).href, languageId: 'yaml', version: -1 },
    settings: DEFAULT_SETTINGS,
    config: EMPTY_CONFIG,
    roots: [pathToFileURL(folder).href],
    maxDiagnostics: 1000,
    overlays: [{ uri: pathToFileURL(fragment).href, version, text }],
    generation: 0,
  };
}

/**
 * Lints each text of the fragment in turn with one service, and each from scratch with a new one: the same results,
 * and in each other file what the engine itself finds there (code, range, message, referencing site).
 */
function assertSameAsFresh(root: string, folder: string, fragment: string, texts: string[]): LintResult[] {
  const service = new DocumentService();
  const results: LintResult[] = [];
  // What the server would hold: each lint after the first says only what changed since the one before.
  const held = new Map<string, string>();
  let base: string | undefined;
  const received = new ReceivedDiagnostics();
  const rootUri = pathToFileURL(root).href;
  texts.forEach((text, i) => {
    const changes = service.lint(request(root, folder, fragment, i + 1, text, base, received.baseOf(rootUri)));
    assert.equal(changes.diagnosticsDelta?.base, i === 0 ? undefined : received.baseOf(rootUri), `edit ${i}: the root's diagnostics as changes since the list the server has`);
    const diagnostics = received.decode(rootUri, changes);
    assert.ok(diagnostics, `edit ${i}: changes from the list held`);
    assert.equal(changes.othersDelta?.base, base, `edit ${i}: changes since the lint the server has`);
    if (!changes.othersDelta) held.clear();
    for (const uri of changes.othersDelta?.removed ?? []) held.delete(uri);
    for (const { uri, diagnostics } of changes.others) held.set(uri, diagnostics);
    base = changes.othersId;
    const kept = { ...changes, diagnostics: [...diagnostics], diagnosticsId: '', diagnosticsDelta: undefined, others: [...held].map(([uri, diagnostics]) => ({ uri, diagnostics })).sort((a, b) => (a.uri < b.uri ? -1 : 1)) };
    const fresh = new DocumentService().lint(request(root, folder, fragment, i + 1, text));
    fresh.others.sort((a, b) => (a.uri < b.uri ? -1 : 1));
    assert.deepEqual(kept.diagnostics, fresh.diagnostics, `edit ${i}: the root's diagnostics`);
    assert.deepEqual(kept.others, fresh.others, `edit ${i}: the other files' diagnostics`);
    assert.deepEqual(kept.files, fresh.files, `edit ${i}: the files of the spec`);
    assert.deepEqual(kept.counts, fresh.counts);
    const engine = engineLint(root, folder, fragment, text);
    for (const { uri, diagnostics } of kept.others) {
      const shown = (JSON.parse(diagnostics) as Diagnostic[]).map((d) => [d.code, d.range, d.message, d.relatedInformation?.map((r) => [r.location.uri, r.location.range])]);
      const found = engine.diagnostics.filter((d) => d.uri === uri).map((d) => [d.code, d.range, d.message, d.related?.map((r) => [r.uri ?? pathToFileURL(root).href, r.range])]);
      assert.deepEqual(shown, found.slice(0, 1000), `edit ${i}: ${uri}`);
    }
    results.push({ ...kept, othersId: undefined, othersDelta: undefined });
  });
  return results;
}

/** The engine's lint of the spec with the fragment's text, files read afresh. */
function engineLint(root: string, folder: string, fragment: string, fragmentText: string) {
  const load: FileLoader = (uri) => {
    const file = fileURLToPath(uri);
    if (!existsSync(file)) return undefined;
    const text = file === fragment ? fragmentText : readFileSync(file, 'utf8');
    return parse(text, formatFor(file, text));
  };
  const text = readFileSync(root, 'utf8');
  return lintText(text, { fileName: root, refs: { documentUri: pathToFileURL(root).href, roots: [pathToFileURL(folder).href], fileExists: (uri) => existsSync(fileURLToPath(uri)) }, load });
}

describe('keystrokes in one file of a split spec', () => {
  const folder = path.join(scratch, 'api');
  const root = write(
    'api/openapi.yaml',
    [
      'openapi: 3.0.3',
      'info: {title: t, version: "1"}',
      'servers: [{url: "https://api.example.com"}]',
      'paths:',
      '  /users/{id}:',
      '    get:',
      "      $ref: 'ops/getUser.yaml'",
      '  /orders:',
      '    get:',
      "      $ref: 'ops/listOrders.yaml'",
      '',
    ].join('\n'),
  );
  write(
    'api/ops/getUser.yaml',
    [
      'parameters:',
      '  - {name: id, in: path, required: true, schema: {type: integer}}',
      'responses:',
      "  '200':",
      '    description: OK',
      '    content:',
      "      application/json: {schema: {$ref: '../models/user.yaml'}}",
      "  '404': {$ref: '../shared.yaml#/NotFound'}",
      '',
    ].join('\n'),
  );
  write(
    'api/ops/listOrders.yaml',
    ['responses:', "  '200':", '    description: OK', '    content:', "      application/json: {schema: {type: array, items: {$ref: '../models/user.yaml'}}}", "  '404': {$ref: '../shared.yaml#/NotFound'}", ''].join('\n'),
  );
  const user = write('api/models/user.yaml', ['type: object', 'properties:', '  name: {type: string}', '  password: {type: string}', ''].join('\n'));
  write('api/shared.yaml', ['NotFound:', '  description: not found', '  content:', '    application/json: {schema: {type: object, additionalProperties: true}}', ''].join('\n'));

  it('gives what a fresh service gives, edit after edit (findings added, removed, moved; refs broken and mended)', () => {
    const text = readFileSync(user, 'utf8');
    const texts = [
      text,
      `# a comment\n${text}`,
      text.replace('  name: {type: string}', '  name: {type: string, maxLength: 64, pattern: "^[a-z]+$"}'),
      text.replace('type: object\n', 'type: object\nadditionalProperties: true\n'),
      `${text}  token: {type: string, example: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789}\n`,
      `${text}  friend: {$ref: './missing.yaml'}\n`,
      `${text}  friend: {$ref: '../shared.yaml#/NotFound'}\n`,
      'type: object\nproperties: {name: [unclosed\n',
      text,
    ];
    const results = assertSameAsFresh(root, folder, user, texts);
    const userUri = pathToFileURL(user).href;
    const inUser = (r: LintResult) => JSON.parse(r.others.find((o) => o.uri === userUri)?.diagnostics ?? '[]') as Array<{ code: string }>;
    // The edits did reach the results (not the same answer every time).
    assert.ok(inUser(results[0]).some((d) => d.code === 'owasp:api4:2023-string-limit'));
    assert.ok(inUser(results[3]).some((d) => d.code === 'owasp:api3:2023-no-additionalProperties'));
    assert.ok(!inUser(results[0]).some((d) => d.code === 'owasp:api3:2023-no-additionalProperties'));
    assert.ok(inUser(results[4]).some((d) => d.code === 'owasp:api8:2023-no-secrets-in-examples'));
    assert.ok(inUser(results[5]).some((d) => d.code === 'unresolved-ref'));
    assert.ok(!inUser(results[6]).some((d) => d.code === 'unresolved-ref'));
    assert.deepEqual(results[8], results[0], 'back to the first text: the first answer');
  });

  it('re-lints an edit of a file the other path items do not reach from that file alone, and says when it cannot', () => {
    const userText = readFileSync(user, 'utf8');
    const service = new DocumentService();
    service.lint(request(root, folder, user, 1, userText));
    service.lint(request(root, folder, user, 2, `# a comment\n${userText}`));
    assert.equal(lastFileFallback.reason, undefined, 'incremental');
    service.lint(request(root, folder, user, 3, `${userText}  friend: {$ref: './missing.yaml'}\n`));
    assert.equal(lastFileFallback.reason, 'the edit reaches other files');
  });

  it('lints in full when the edited path item alone reaches a part of a shared file (added, removed, added again)', () => {
    write('api/defs.yaml', ['A: {type: string}', 'B: {type: integer}', ''].join('\n'));
    const orders = path.join(folder, 'ops', 'listOrders.yaml');
    const text = readFileSync(orders, 'utf8');
    writeFileSync(orders, `${text}parameters: [{name: q, in: query, schema: {$ref: '../defs.yaml#/B'}}]\n`);
    const operation = path.join(folder, 'ops', 'getUser.yaml');
    const withA = readFileSync(operation, 'utf8').replace('responses:', "  - {name: f, in: query, schema: {$ref: '../defs.yaml#/A'}}\nresponses:");
    const withoutA = readFileSync(operation, 'utf8');
    try {
      const results = assertSameAsFresh(root, folder, operation, [withA, withoutA, withA]);
      const defsUri = pathToFileURL(path.join(folder, 'defs.yaml')).href;
      const lines = (r: LintResult) => (JSON.parse(r.others.find((o) => o.uri === defsUri)?.diagnostics ?? '[]') as Diagnostic[]).map((d) => d.range.start.line);
      assert.ok(lines(results[0]).includes(0) && !lines(results[1]).includes(0) && lines(results[2]).includes(0), 'defs.yaml#/A is reported only while getUser reaches it');
    } finally {
      writeFileSync(orders, text);
      writeFileSync(operation, withoutA);
    }
  });

  it('reports the `$ref`s into an edited file that no longer lead anywhere, and stops when they do again', () => {
    const shared = path.join(folder, 'shared.yaml');
    const text = readFileSync(shared, 'utf8');
    const results = assertSameAsFresh(root, folder, shared, [text, text.replace('NotFound:', 'Gone:'), text]);
    const unresolved = (r: LintResult) => r.others.flatMap((o) => (JSON.parse(o.diagnostics) as Diagnostic[]).filter((d) => d.code === 'unresolved-ref').map(() => o.uri));
    assert.equal(unresolved(results[1]).length, 2, 'both operations point to shared.yaml#/NotFound');
    assert.deepEqual(unresolved(results[2]), []);
  });

  it('moves the referencing site of findings in unchanged files when the file that references them is edited', () => {
    const operation = path.join(folder, 'ops', 'getUser.yaml');
    const text = readFileSync(operation, 'utf8');
    const results = assertSameAsFresh(root, folder, operation, [text, `# one\n# two\n${text}`, text]);
    const sharedUri = pathToFileURL(path.join(folder, 'shared.yaml')).href;
    const related = (r: LintResult) => (JSON.parse(r.others.find((o) => o.uri === sharedUri)!.diagnostics) as Diagnostic[])[0].relatedInformation![0].location.range.start.line;
    assert.equal(related(results[1]), related(results[0]) + 2);
  });

  it('lints the root again from its earlier parse while its own text is unchanged', () => {
    const loader: FileLoader = (uri) => {
      const file = fileURLToPath(uri);
      if (!existsSync(file)) return undefined;
      const text = readFileSync(file, 'utf8');
      return parse(text, formatFor(file, text));
    };
    const text = readFileSync(root, 'utf8');
    const options = { fileName: root, refs: { documentUri: pathToFileURL(root).href, roots: [pathToFileURL(folder).href] }, load: loader };
    const first = lintText(text, options);
    assert.ok(first.files.length > 0 && !first.reuse, 'a multi-file analysis, never edited in place');
    const again = lintText(text, options, first);
    assert.equal(again.document, first.document, 'the same parse');
    assert.deepEqual(again.diagnostics.map((d) => [d.code, d.uri, d.offset]), first.diagnostics.map((d) => [d.code, d.uri, d.offset]));
    const edited = lintText(`${text}# end\n`, options, again);
    assert.notEqual(edited.document, again.document, 'its own text changed: parsed again');
  });
});

describe('keystrokes in one file of the DigitalOcean spec', () => {
  const folder = path.join(corpusDir(), 'digitalocean-multi');
  const root = path.join(folder, 'specification', 'DigitalOcean-public.v2.yaml');
  const fragment = path.join(folder, 'specification', 'resources', '1-clicks', 'models', 'oneClicks.yml');

  it('gives what a fresh service gives, for edits of a schema fragment', (t) => {
    if (!existsSync(root) || !existsSync(fragment)) return t.skip(`the corpus is not at ${folder} (set it with --corpus DIR)`);
    const text = readFileSync(fragment, 'utf8');
    assertSameAsFresh(root, folder, fragment, [text, `#${text}`, text.replace('type: string', 'type: string\n    maxLength: 10'), `${text}additionalProperties: true\n`]);
  });
});
