import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { WorkspaceFiles } from './workspaceFiles';

const scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'openapi-security-files-')));
after(() => rmSync(scratch, { recursive: true, force: true }));
const workspace = path.join(scratch, 'workspace');
const outside = path.join(scratch, 'outside');
mkdirSync(workspace);
mkdirSync(outside);
const roots = [pathToFileURL(workspace).href];
const uriOf = (file: string) => pathToFileURL(file).href;
const textOf = (files: WorkspaceFiles, file: string) => files.loader(roots, [])(uriOf(file))?.text;

describe('WorkspaceFiles.loader', () => {
  it('reads files inside the workspace folders and re-reads one that changed', () => {
    const files = new WorkspaceFiles();
    const schema = path.join(workspace, 'schema.yaml');
    writeFileSync(schema, 'type: object\n');
    assert.equal(textOf(files, schema), 'type: object\n');
    writeFileSync(schema, 'type: string # longer now\n');
    utimesSync(schema, new Date(), new Date(Date.now() + 5_000));
    assert.equal(textOf(files, schema), 'type: string # longer now\n');
    assert.equal(textOf(files, path.join(workspace, 'missing.yaml')), undefined);
    assert.equal(files.loader(roots, [{ uri: uriOf(schema), version: 3, text: 'unsaved: true\n' }])(uriOf(schema))?.text, 'unsaved: true\n', 'an open document wins');
  });

  it('never reads outside them, also when a file read before is replaced by a symlink that leads outside', () => {
    const files = new WorkspaceFiles();
    const secret = path.join(outside, 'secret.yaml');
    writeFileSync(secret, 'password: hunter2\n');
    assert.equal(textOf(files, secret), undefined, 'a path outside');
    const link = path.join(workspace, 'link.yaml');
    symlinkSync(secret, link);
    assert.equal(textOf(files, link), undefined, 'a symlink inside that leads outside');

    // Read once while inside (its real path checked and remembered)...
    const shared = path.join(workspace, 'shared.yaml');
    writeFileSync(shared, 'type: object\n');
    assert.equal(textOf(files, shared), 'type: object\n');
    // ...then swapped for a symlink to a file outside with the same size: still refused.
    renameSync(shared, path.join(workspace, 'moved.yaml'));
    writeFileSync(path.join(outside, 'same-size.yaml'), 'type: secret\n');
    symlinkSync(path.join(outside, 'same-size.yaml'), shared);
    assert.equal(textOf(files, shared), undefined);

    // A folder of the workspace swapped for a symlink to one outside: refused too.
    const models = path.join(workspace, 'models');
    mkdirSync(models);
    writeFileSync(path.join(models, 'user.yaml'), 'type: object\n');
    assert.equal(textOf(files, path.join(models, 'user.yaml')), 'type: object\n');
    renameSync(models, path.join(workspace, 'models-old'));
    mkdirSync(path.join(outside, 'models'));
    writeFileSync(path.join(outside, 'models', 'user.yaml'), 'type: object\n');
    symlinkSync(path.join(outside, 'models'), models);
    assert.equal(textOf(files, path.join(models, 'user.yaml')), undefined);
  });
});

describe('WorkspaceFiles: disk answers within one generation', () => {
  it('reuses what the disk said for a while within a generation; a new generation asks again; no generation always asks', () => {
    const files = new WorkspaceFiles();
    const schema = path.join(workspace, 'fresh.yaml');
    writeFileSync(schema, 'type: object\n');
    const read = (generation?: number) => files.loader(roots, [], generation)(uriOf(schema))?.text;
    assert.equal(read(7), 'type: object\n');
    writeFileSync(schema, 'type: string # changed\n');
    utimesSync(schema, new Date(), new Date(Date.now() + 5_000));
    assert.equal(read(7), 'type: object\n', 'the same generation, moments later: not asked again');
    assert.equal(read(), 'type: string # changed\n', 'without a generation: asked');
    assert.equal(read(8), 'type: string # changed\n', 'the client reported a change: asked');

    const gone = path.join(workspace, 'gone.yaml');
    assert.equal(files.exists(uriOf(gone), 8), false);
    writeFileSync(gone, 'type: object\n');
    assert.equal(files.exists(uriOf(gone), 8), false, 'the same generation: the earlier answer');
    assert.equal(files.exists(uriOf(gone), 9), true);
    assert.equal(files.exists(uriOf(gone)), true);
  });

  it('asks again once the answer is older than the window', () => {
    const files = new WorkspaceFiles(0);
    const schema = path.join(workspace, 'window.yaml');
    writeFileSync(schema, 'type: object\n');
    assert.equal(files.loader(roots, [], 1)(uriOf(schema))?.text, 'type: object\n');
    writeFileSync(schema, 'type: string # changed\n');
    utimesSync(schema, new Date(), new Date(Date.now() + 5_000));
    assert.equal(files.loader(roots, [], 1)(uriOf(schema))?.text, 'type: string # changed\n');
  });
});
