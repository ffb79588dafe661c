import { parentPort } from 'node:worker_threads';
import { DocumentService } from './documentService';
import type { WorkerReply, WorkerRequest } from './workerHost';

/** The lint worker: answers one request at a time from the main thread's queue. */
const service = new DocumentService();
const port = parentPort;
if (!port) throw new Error('lintWorker must run in a worker thread');

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const result = (service[request.method as keyof DocumentService] as (params: unknown) => unknown).call(service, request.params);
    reply = { id: request.id, ok: true, result };
  } catch (error) {
    reply = { id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
