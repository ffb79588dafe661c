import { parentPort, resourceLimits, threadId } from 'node:worker_threads';

/** A purpose-built worker for WorkerHost tests: `busy` keeps the thread busy for `ms` milliseconds, `echo` answers its parameter, `startedAt` says when the thread started, `threadId` which thread it is, `limits` its resource limits. */
export interface TestWorkerService {
  busy(ms: number): number;
  echo(value: string): string;
  /** When the worker thread started (epoch milliseconds). */
  startedAt(): number;
  /** Which thread answers. */
  threadId(): number;
  limits(): typeof resourceLimits;
}

const port = parentPort;
const startedAt = performance.timeOrigin + performance.now();
if (port) {
  port.on('message', (request: { id: number; method: string; params: unknown }) => {
    if (request.method === 'busy') {
      const until = Date.now() + (request.params as number);
      while (Date.now() < until) {
        // Work that holds the thread, like a long lint.
      }
    }
    const result = request.method === 'startedAt' ? startedAt : request.method === 'threadId' ? threadId : request.method === 'limits' ? resourceLimits : request.params;
    port.postMessage({ id: request.id, ok: true, result });
  });
  port.postMessage({ ready: true });
}
