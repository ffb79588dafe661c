import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentService } from './documentService';
import { HeldTexts, OUT_OF_SYNC, type ChangeLog } from './textSync';

export type WorkerMethod = 'lint' | 'hover' | 'codeActions' | 'resolveFixAll' | 'report' | 'rootsReferencing' | 'forget';
export interface WorkerRequest {
  id: number;
  method: string;
  params: unknown;
}
export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Why a request got no answer: it ran too long, ran out of memory, crashed, threw, or a newer one replaced it. */
export type Failure = 'timeout' | 'memory' | 'crash' | 'error' | 'superseded';
export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure; detail: string };

export interface WorkerLimits {
  /** One request may run this long before the worker is stopped. */
  timeoutMs: number;
  /** Heap limit of the worker (V8 old generation). */
  memoryMb: number;
}

export const DEFAULT_LIMITS: WorkerLimits = { timeoutMs: 30_000, memoryMb: 1536 };
/** Two lint workers: one huge document never holds up the others (and this is a 2-core kind of machine). */
export const DEFAULT_WORKERS = 2;

export interface RequestOptions {
  /** Requests with the same key replace each other while queued (one lint per document). */
  supersedeKey?: string;
  /** Hovers and code actions: queued before lints. */
  interactive?: boolean;
  /** Aborted: the request leaves the queue if it has not started. */
  signal?: AbortSignal;
}

interface Job {
  method: string;
  params: unknown;
  /** Jobs with the same key replace each other while queued (one lint per document). */
  supersedeKey?: string;
  interactive: boolean;
  settle: (outcome: Outcome<unknown>) => void;
  /** Sent again with whole texts after the worker refused its changes. */
  resent?: boolean;
}

/** A worker's service: methods taking one message-safe parameter (a promise's value is what comes back). */
type Service = object;
type Method<S extends Service> = { [K in keyof S]: S[K] extends (params: never) => unknown ? K : never }[keyof S] & string;
type Params<S extends Service, M extends Method<S>> = S[M] extends (params: infer P) => unknown ? P : never;
type Result<S extends Service, M extends Method<S>> = S[M] extends (params: never) => infer R ? Awaited<R> : never;

/**
 * Runs document work in one worker thread, a request at a time, with a time and memory limit
 * per request. A request that exceeds them stops the worker; the next request starts a fresh
 * one (every request carries its document, so nothing is lost but caches). The LSP connection
 * lives on the main thread and never waits on a lint.
 */
export class WorkerHost<S extends Service = DocumentService> {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private readonly queue: Job[] = [];
  private running: { job: Job; id: number; timer: NodeJS.Timeout | undefined } | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly limits: WorkerLimits,
    private readonly log: (message: string) => void,
    private readonly script = join(__dirname, 'lintWorker.js'),
    private readonly name = 'lint worker',
    /** Which document versions the worker holds, so that edits travel instead of texts (lint workers). */
    private readonly held?: HeldTexts,
  ) {}

  request<M extends Method<S>>(method: M, params: Params<S, M>, options: RequestOptions = {}): Promise<Outcome<Result<S, M>>> {
    return new Promise((resolve) => {
      const job: Job = { method, params, supersedeKey: options.supersedeKey, interactive: !!options.interactive, settle: resolve as Job['settle'] };
      // Nobody waits for it any more: while it is still queued, it is dropped (once running, it finishes).
      options.signal?.addEventListener('abort', () => {
        const at = this.queue.indexOf(job);
        if (at >= 0) this.queue.splice(at, 1)[0].settle({ ok: false, failure: 'superseded', detail: 'the caller stopped waiting' });
      }, { once: true });
      if (job.supersedeKey) {
        for (let i = this.queue.length - 1; i >= 0; i--) {
          if (this.queue[i].supersedeKey === job.supersedeKey) this.queue.splice(i, 1)[0].settle({ ok: false, failure: 'superseded', detail: 'a newer request replaced it' });
        }
      }
      // Hovers and code actions go before queued lints: the user is waiting for them.
      if (job.interactive) {
        const firstLint = this.queue.findIndex((j) => !j.interactive);
        this.queue.splice(firstLint === -1 ? this.queue.length : firstLint, 0, job);
      } else {
        this.queue.push(job);
      }
      void this.pump();
    });
  }

  /** It is running a lint (or other background work): a hover or code action would wait for it. */
  get busyWithBackgroundWork(): boolean {
    return !!this.running && !this.running.job.interactive;
  }

  /** Its worker thread exists (started by a request or `prestart`, and not stopped since). */
  get started(): boolean {
    return this.worker !== undefined;
  }

  /** Starts the worker thread now (loading the engine takes ~70 ms), so the first request does not wait for it. */
  prestart(): void {
    if (!this.disposed) this.start();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.settle({ ok: false, failure: 'superseded', detail: 'the server is shutting down' });
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private async pump(): Promise<void> {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    const id = this.nextId++;
    this.running = { job, id, timer: undefined };
    const worker = this.start();
    await this.ready;
    if (this.running?.id !== id || this.worker !== worker) return; // the worker died while starting; already settled
    this.running.timer = setTimeout(() => this.fail(`took longer than ${this.limits.timeoutMs} ms`, 'timeout'), this.limits.timeoutMs);
    this.post(worker, id, job);
  }

  private post(worker: Worker, id: number, job: Job): void {
    const params = this.held ? this.held.outgoing(job.method, job.params) : job.params;
    worker.postMessage({ id, method: job.method, params } satisfies WorkerRequest);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const thread = takeSpareWorker(this.script, this.limits.memoryMb) ?? startThread(this.script, this.limits.memoryMb);
    const worker = thread.worker;
    this.worker = worker;
    this.ready = thread.ready;
    this.held?.reset();
    worker.on('message', (reply: WorkerReply | { ready: true }) => {
      if (!('id' in reply) || this.running?.id !== reply.id) return;
      if (!reply.ok && reply.error.includes(OUT_OF_SYNC) && this.held && !this.running.job.resent) {
        this.running.job.resent = true;
        this.held.reset();
        this.post(worker, reply.id, this.running.job);
        return;
      }
      this.finish(reply.ok ? { ok: true, value: reply.result } : { ok: false, failure: 'error', detail: reply.error });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.fail(error.message, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash');
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.fail(`the ${this.name} exited with code ${code}`, 'crash');
    });
    return worker;
  }

  private finish(outcome: Outcome<unknown>): void {
    const running = this.running;
    if (!running) return;
    clearTimeout(running.timer);
    this.running = undefined;
    running.job.settle(outcome);
    void this.pump();
  }

  /** The running request failed in a way that leaves the worker unusable: stop it; the next request starts another. */
  private fail(detail: string, failure: Failure): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) {
      this.log(`The ${this.name} stopped: ${detail}.`);
      void worker.terminate();
    }
    this.finish({ ok: false, failure, detail });
  }
}

/** A worker thread and when it said it is ready (or exited: nothing will come). */
interface Thread {
  worker: Worker;
  ready: Promise<void>;
  script: string;
  memoryMb: number;
  exited: boolean;
}

/**
 * The young generation of a worker's heap, where each lint's temporaries live: V8's default for a 1.5 GB heap
 * keeps ~32 MB of it resident per worker. With 16 MB the server's peak RSS with openai-2971k.yaml open, after
 * 14 keystrokes, went from 294-320 MB to 283-291 MB (twilio: 191 to 175 MB), cold lints and keystrokes as fast.
 */
export const YOUNG_GENERATION_MB = 16;

function startThread(script: string, memoryMb: number): Thread {
  const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  const thread: Thread = { worker, script, memoryMb, exited: false, ready: Promise.resolve() };
  thread.ready = new Promise((resolve) => {
    const onReady = (message: unknown) => {
      if ((message as { ready?: boolean } | undefined)?.ready) {
        worker.off('message', onReady);
        resolve();
      }
    };
    worker.on('message', onReady);
    worker.once('exit', () => {
      thread.exited = true;
      resolve();
    });
  });
  // Its host listens from when it takes the thread; an error before that must not go unheard (it would throw).
  worker.on('error', () => undefined);
  return thread;
}

let spare: Thread | undefined;

/**
 * Starts a lint worker as the process starts, with the default limits, before `initialize` says which: loading
 * Node and the engine in a thread takes ~100 ms, which then overlaps the server's own start and the handshake
 * instead of delaying the first lint. The first host of that script takes it if its memory limit is the same;
 * otherwise it is stopped. It does not keep the process alive meanwhile.
 */
export function startSpareWorker(script = join(__dirname, 'lintWorker.js'), memoryMb = DEFAULT_LIMITS.memoryMb): void {
  if (spare) return;
  spare = startThread(script, memoryMb);
  spare.worker.unref();
}

/** The thread id of the spare worker waiting for a host, if one is (for tests). */
export function spareWorkerThreadId(): number | undefined {
  return spare?.worker.threadId;
}

function takeSpareWorker(script: string, memoryMb: number): Thread | undefined {
  if (!spare || spare.script !== script) return undefined;
  const thread = spare;
  spare = undefined;
  if (!thread.exited && thread.memoryMb === memoryMb) {
    thread.worker.ref();
    return thread;
  }
  void thread.worker.terminate();
  return undefined;
}

/**
 * Several worker hosts, each document pinned to one: a huge document linting on one worker leaves the
 * others free, so the rest of the workspace keeps its diagnostics, hovers and code actions meanwhile.
 * A new document goes to the worker with the least text assigned.
 */
export class WorkerPool {
  private readonly hosts: WorkerHost[];
  private readonly assigned = new Map<string, { host: number; size: number }>();

  /** With `changes`, the log of the open documents' edits, a worker holding a document's last version is sent only its edits. */
  constructor(size: number, limits: WorkerLimits, log: (message: string) => void, changes?: ChangeLog) {
    this.hosts = Array.from({ length: Math.max(1, size) }, () => new WorkerHost(limits, log, undefined, undefined, changes && new HeldTexts(changes)));
  }

  request<M extends WorkerMethod>(uri: string, textLength: number, method: M, params: Params<DocumentService, M>, options: RequestOptions = {}): Promise<Outcome<Result<DocumentService, M>>> {
    let entry = this.assigned.get(uri);
    if (!entry) {
      const loads = this.hosts.map(() => 0);
      for (const { host, size } of this.assigned.values()) loads[host] += size;
      const host = loads.indexOf(Math.min(...loads));
      entry = { host, size: textLength };
      this.assigned.set(uri, entry);
    }
    entry.size = textLength;
    return this.hosts[entry.host].request(method, params, options);
  }

  /** The first document's worker starts at once: an editor opens one right after initializing. */
  prestart(): void {
    this.hosts[0].prestart();
  }

  /** The worker of this document is running a lint (of it or of another document on the same worker). */
  busyWithLint(uri: string): boolean {
    const entry = this.assigned.get(uri);
    return !!entry && this.hosts[entry.host].busyWithBackgroundWork;
  }

  /** The document was closed: its worker drops its caches, and its weight no longer counts. */
  forget(uri: string): void {
    const entry = this.assigned.get(uri);
    if (!entry) return;
    this.assigned.delete(uri);
    void this.hosts[entry.host].request('forget', uri);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.hosts.map((h) => h.dispose()));
  }
}
