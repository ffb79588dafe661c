import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { spareWorkerThreadId, startSpareWorker, WorkerHost, YOUNG_GENERATION_MB } from '../server/src/workerHost';
import type { TestWorkerService } from './support/testWorker';

/** The worker host's queue: what an aborted request does, and when the host counts as busy with background work. */
describe('WorkerHost', () => {
  it('drops a queued request whose caller stopped waiting; the others are answered in order', async () => {
    const host = new WorkerHost<TestWorkerService>({ timeoutMs: 60_000, memoryMb: 256 }, () => undefined, path.join(__dirname, 'support', 'testWorker.js'), 'test worker');
    try {
      assert.equal(host.busyWithBackgroundWork, false);
      const lint = host.request('busy', 300);
      assert.equal(host.busyWithBackgroundWork, true, 'a non-interactive request is running');
      const stop = new AbortController();
      const dropped = host.request('echo', 'dropped', { interactive: true, signal: stop.signal });
      const kept = host.request('echo', 'kept', { interactive: true });
      stop.abort();
      assert.deepEqual(await dropped, { ok: false, failure: 'superseded', detail: 'the caller stopped waiting' });
      assert.deepEqual(await lint, { ok: true, value: 300 });
      assert.deepEqual(await kept, { ok: true, value: 'kept' });
      assert.equal(host.busyWithBackgroundWork, false);
      // Aborting a request that already ran changes nothing.
      const late = new AbortController();
      const done = host.request('echo', 'done', { signal: late.signal });
      assert.deepEqual(await done, { ok: true, value: 'done' });
      late.abort();
      const interactive = host.request('busy', 50, { interactive: true });
      assert.equal(host.busyWithBackgroundWork, false, 'an interactive request is not background work');
      await interactive;
    } finally {
      await host.dispose();
    }
  });

  it('starts its thread with the memory limit it was given and a small young generation', async () => {
    const host = new WorkerHost<TestWorkerService>({ timeoutMs: 60_000, memoryMb: 300 }, () => undefined, path.join(__dirname, 'support', 'testWorker.js'), 'test worker');
    try {
      const answer = await host.request('limits', undefined);
      assert.ok(answer.ok);
      assert.equal(answer.value.maxOldGenerationSizeMb, 300);
      assert.equal(answer.value.maxYoungGenerationSizeMb, YOUNG_GENERATION_MB);
    } finally {
      await host.dispose();
    }
  });

  it('prestart() starts the worker thread at once; requests then use that thread', async () => {
    const testWorker = path.join(__dirname, 'support', 'testWorker.js');
    const early = new WorkerHost<TestWorkerService>({ timeoutMs: 60_000, memoryMb: 256 }, () => undefined, testWorker, 'test worker');
    const lazy = new WorkerHost<TestWorkerService>({ timeoutMs: 60_000, memoryMb: 256 }, () => undefined, testWorker, 'test worker');
    try {
      assert.equal(early.started, false);
      early.prestart();
      assert.equal(early.started, true, 'the thread exists before any request');
      early.prestart();
      assert.equal(lazy.started, false, 'a host starts its thread on its first request otherwise');
      const first = await early.request('startedAt', undefined);
      const second = await early.request('startedAt', undefined);
      assert.ok(first.ok && second.ok);
      assert.equal(second.value, first.value, 'one thread, started once');
      const lazyFirst = lazy.request('startedAt', undefined);
      assert.equal(lazy.started, true);
      assert.ok((await lazyFirst).ok);
    } finally {
      await Promise.all([early.dispose(), lazy.dispose()]);
    }
  });
  it('a spare worker started before the limits are known is taken by a host with the same limits, stopped by one with others', async () => {
    const testWorker = path.join(__dirname, 'support', 'testWorker.js');
    startSpareWorker(testWorker, 256);
    const spare = spareWorkerThreadId();
    assert.ok(spare !== undefined);
    // The same file by another name: the spare is kept for the host of its own script.
    const other = new WorkerHost<TestWorkerService>({ timeoutMs: 60_000, memoryMb: 256 }, () => undefined, `${path.join(__dirname, 'support')}/../support/testWorker.js`, 'other');
    const same = new WorkerHost<TestWorkerService>({ timeoutMs: 60_000, memoryMb: 256 }, () => undefined, testWorker, 'test worker');
    try {
      const elsewhere = await other.request('threadId', undefined);
      assert.ok(elsewhere.ok && elsewhere.value !== spare, 'a host of another script starts its own thread');
      assert.equal(spareWorkerThreadId(), spare, 'and leaves the spare waiting');
      assert.deepEqual(await same.request('threadId', undefined), { ok: true, value: spare }, 'the spare thread answers');
      assert.equal(spareWorkerThreadId(), undefined, 'taken');
    } finally {
      await Promise.all([other.dispose(), same.dispose()]);
    }
    startSpareWorker(testWorker, 256);
    const unused = spareWorkerThreadId();
    const bigger = new WorkerHost<TestWorkerService>({ timeoutMs: 60_000, memoryMb: 512 }, () => undefined, testWorker, 'test worker');
    try {
      const answer = await bigger.request('threadId', undefined);
      assert.ok(answer.ok && answer.value !== unused, 'a host with another memory limit starts its own thread');
      assert.equal(spareWorkerThreadId(), undefined, 'the spare is stopped, not left waiting');
    } finally {
      await bigger.dispose();
    }
  });
});
