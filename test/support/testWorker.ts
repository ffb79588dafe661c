import { parentPort } from 'node:worker_threads';

/** A purpose-built worker for WorkerHost tests: `busy` keeps the thread busy for `ms` milliseconds, `echo` answers its parameter. */
export interface TestWorkerService {
  busy(ms: number): number;
  echo(value: string): string;
}

const port = parentPort;
if (port) {
  port.on('message', (request: { id: number; method: string; params: unknown }) => {
    if (request.method === 'busy') {
      const until = Date.now() + (request.params as number);
      while (Date.now() < until) {
        // Work that holds the thread, like a long lint.
      }
    }
    port.postMessage({ id: request.id, ok: true, result: request.params });
  });
  port.postMessage({ ready: true });
}
