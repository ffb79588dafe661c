import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, it } from 'node:test';
import { ConfigurationRequest, ResponseError, WorkDoneProgress, WorkDoneProgressCreateRequest, type ProgressToken } from 'vscode-languageserver-protocol/node';
import { PROGRESS_TITLE } from '../../server/src/lintProgress';
import { FULL_CAPABILITIES, LspTestClient } from '../support/lspClient';
import { repoRoot } from '../support/paths';
import { API, writeSpectralFixtures } from '../support/spectralFixtures';

const orders = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'orders-3.0.yaml'), 'utf8');
const WITH_PROGRESS = { ...FULL_CAPABILITIES, window: { workDoneProgress: true } };
const WAIT_MS = 15_000;
/** An edit: a comment line inserted after the document's first line. */
const commentLine = (text: string) => ({ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text });

interface ProgressEvent {
  kind: 'create' | 'begin' | 'report' | 'end';
  token: ProgressToken;
  title?: string;
  message?: string;
  /** Diagnostics the client had received for the document when the event arrived. */
  publishedBefore: number;
}

/** What the server says of progress, in the order the client received it (with the publishes before each). */
function recordProgress(client: LspTestClient, uri: string, { refuse = false } = {}) {
  const events: ProgressEvent[] = [];
  const waiters: Array<() => void> = [];
  const publishedFor = () => client.published.filter((p) => p.uri === uri).length;
  const record = (event: ProgressEvent) => {
    events.push(event);
    waiters.splice(0).forEach((wake) => wake());
  };
  client.connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
    record({ kind: 'create', token, publishedBefore: publishedFor() });
    if (refuse) throw new ResponseError(-32603, 'this client shows no progress');
    client.connection.onProgress(WorkDoneProgress.type, token, (value) =>
      record({ kind: value.kind, token, title: 'title' in value ? value.title : undefined, message: value.message, publishedBefore: publishedFor() }),
    );
  });
  /** Resolves once `done()` holds, checked on each progress event; fails with the events so far after WAIT_MS. */
  const until = (done: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT_MS} ms; progress so far: ${JSON.stringify(events)}`)), WAIT_MS);
      const check = () => {
        if (done()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  const kindsOf = (token: ProgressToken) => events.filter((e) => e.token === token).map((e) => e.kind);
  return { events, until, kinds: () => events.map((e) => e.kind), kindsOf };
}

describe('window progress while a lint runs (window/workDoneProgress)', () => {
  let client: LspTestClient | undefined;
  afterEach(async () => {
    if (client) assert.equal(await client.stop(), 0, `server exited uncleanly: ${client.stderr}`);
    client = undefined;
  });

  it('a lint running past the delay shows progress that begins before its diagnostics and ends after them', async () => {
    client = await LspTestClient.start({ capabilities: WITH_PROGRESS, initializationOptions: { debounceMs: 0, progressDelayMs: 0 } });
    const uri = 'file:///work/big%20orders.yaml';
    const progress = recordProgress(client, uri);
    // The lint waits for the document's settings: held until the progress has begun, so the lint is provably running.
    client.connection.onRequest(ConfigurationRequest.type, async (params) => {
      await progress.until(() => progress.kinds().includes('begin'), 'progress begin');
      return params.items.map(() => ({}));
    });
    await client.open(uri, 'yaml', orders);
    const published = await client.diagnosticsFor(uri, 1);
    assert.ok(published.diagnostics.length > 0);
    await progress.until(() => progress.kinds().includes('end'), 'progress end');
    assert.deepEqual(progress.kinds(), ['create', 'begin', 'end']);
    const [create, begin, end] = progress.events;
    assert.ok(begin.token === create.token && end.token === create.token, 'one token from create to end');
    assert.equal(begin.title, PROGRESS_TITLE);
    assert.equal(begin.message, 'Linting big orders.yaml');
    assert.equal(begin.publishedBefore, 0, 'begun while the lint ran');
    assert.equal(end.publishedBefore, 1, 'ended once the diagnostics were out');
  });

  it('every progress begun is ended: a busy stretch of edits, then each document quiet', async () => {
    client = await LspTestClient.start({ capabilities: WITH_PROGRESS, initializationOptions: { debounceMs: 0, progressDelayMs: 0 } });
    const uri = 'file:///work/edited.yaml';
    const progress = recordProgress(client, uri);
    await client.open(uri, 'yaml', orders);
    // Edits sent without waiting: lints overlap and are superseded.
    for (let version = 2; version <= 6; version++) {
      await client.change(uri, version, [commentLine(`# edit ${version}\n`)]);
    }
    await client.diagnosticsFor(uri, 6);
    const balanced = () => {
      const begun = progress.events.filter((e) => e.kind === 'begin').map((e) => e.token);
      const ended = progress.events.filter((e) => e.kind === 'end').map((e) => e.token);
      return begun.length > 0 && begun.length === ended.length && begun.every((t) => ended.includes(t));
    };
    await progress.until(balanced, 'end for every begin');
    for (const token of new Set(progress.events.map((e) => e.token))) {
      assert.deepEqual(
        progress.events.filter((e) => e.token === token).map((e) => e.kind),
        ['create', 'begin', 'end'],
        `token ${token}: created, begun, ended, once each`,
      );
    }
  });

  it('one progress spans a lint superseded by an edit and the debounce before the next; closing the document ends it', async () => {
    client = await LspTestClient.start({ capabilities: WITH_PROGRESS, initializationOptions: { debounceMs: 600_000, progressDelayMs: 0 } });
    const uri = 'file:///work/typing.yaml';
    const progress = recordProgress(client, uri);
    let changeSent!: () => void;
    const changed = new Promise<void>((resolve) => (changeSent = resolve));
    // The open's lint waits for the settings until the progress has begun and the edit is on its way: the edit supersedes it.
    client.connection.onRequest(ConfigurationRequest.type, async (params) => {
      await progress.until(() => progress.kinds().includes('begin'), 'progress begin');
      await changed;
      return params.items.map(() => ({}));
    });
    await client.open(uri, 'yaml', orders);
    await progress.until(() => progress.kinds().includes('begin'), 'progress begin');
    await client.change(uri, 2, [commentLine('# typing\n')]);
    changeSent();
    // Another document's diagnostics: by then the superseded lint has returned (it does on the settings' answer).
    const sentinel = 'file:///work/sentinel.yaml';
    await client.open(sentinel, 'yaml', orders);
    await client.diagnosticsFor(sentinel, 1);
    // The sentinel's lint has a progress of its own.
    const typing = progress.events[0].token;
    assert.deepEqual(progress.kindsOf(typing), ['create', 'begin'], 'still busy: the next lint is due after the debounce');
    assert.deepEqual(client.published.filter((p) => p.uri === uri), [], 'nothing published for a superseded version');
    await client.close(uri);
    await progress.until(() => progress.kindsOf(typing).includes('end'), 'progress end after the close');
    assert.deepEqual(progress.kindsOf(typing), ['create', 'begin', 'end']);
  });

  it("says when the workspace's Spectral ruleset runs, after our findings are out, and ends once its findings are", async () => {
    const scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'openapi-security-progress-')));
    try {
      const fx = writeSpectralFixtures(scratch);
      client = await LspTestClient.start({ settings: () => ({}), capabilities: WITH_PROGRESS, workspaceFolders: [pathToFileURL(scratch).href], initializationOptions: { debounceMs: 0, progressDelayMs: 0 } });
      const uri = pathToFileURL(fx.file('declarative/apis/v1/api.yaml')).href;
      const progress = recordProgress(client, uri);
      await client.open(uri, 'yaml', API);
      // Spectral's first run starts its worker: seconds on a busy machine.
      await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.some((d) => d.source === 'spectral'), 90_000);
      await progress.until(() => progress.kinds().includes('end'), 'progress end');
      const messages = progress.events.filter((e) => e.kind === 'begin' || e.kind === 'report').map((e) => e.message);
      assert.ok(messages.includes('Running the Spectral ruleset .spectral.yaml on api.yaml'), JSON.stringify(progress.events));
      const end = progress.events.find((e) => e.kind === 'end')!;
      assert.equal(end.publishedBefore, 2, 'ended after our findings and then both together');
    } finally {
      if (client) assert.equal(await client.stop(), 0, client.stderr);
      client = undefined;
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('nothing is sent to a client without window.workDoneProgress, or for a lint shorter than the delay', async () => {
    for (const [capabilities, options] of [
      [FULL_CAPABILITIES, { debounceMs: 0, progressDelayMs: 0 }],
      [WITH_PROGRESS, { debounceMs: 0, progressDelayMs: 600_000 }],
    ] as const) {
      client = await LspTestClient.start({ settings: () => ({}), capabilities, initializationOptions: options });
      const uri = 'file:///work/quiet.yaml';
      const progress = recordProgress(client, uri);
      await client.open(uri, 'yaml', orders);
      await client.diagnosticsFor(uri, 1);
      await client.change(uri, 2, [commentLine('# edit\n')]);
      await client.diagnosticsFor(uri, 2);
      assert.deepEqual(progress.events, [], JSON.stringify(options));
      assert.equal(await client.stop(), 0, client.stderr);
      client = undefined;
    }
  });

  it('a client refusing the progress token still gets every lint', async () => {
    client = await LspTestClient.start({ settings: () => ({}), capabilities: WITH_PROGRESS, initializationOptions: { debounceMs: 0, progressDelayMs: 0 } });
    const uri = 'file:///work/refused.yaml';
    const progress = recordProgress(client, uri, { refuse: true });
    await client.open(uri, 'yaml', orders);
    assert.ok((await client.diagnosticsFor(uri, 1)).diagnostics.length > 0);
    await client.change(uri, 2, [commentLine('# edit\n')]);
    assert.ok((await client.diagnosticsFor(uri, 2)).diagnostics.length > 0);
    await progress.until(() => progress.kinds().includes('create'), 'a create request');
    assert.ok(progress.events.every((e) => e.kind === 'create'), 'no begin or end for a refused token');
  });
});
