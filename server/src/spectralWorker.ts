import { parentPort } from 'node:worker_threads';
import { runSpectral } from './spectral/runSpectral';
import type { SpectralRequest, SpectralResponse } from './spectral/types';
import type { WorkerReply, WorkerRequest } from './workerHost';

/** The Spectral worker: one run at a time, separate from the lint workers, which must stay fast. */
export class SpectralService {
  run(request: SpectralRequest): Promise<SpectralResponse> {
    return runSpectral(request);
  }
}

const port = parentPort;
if (port) {
  const service = new SpectralService();
  port.on('message', (request: WorkerRequest) => {
    const reply = (message: WorkerReply) => port.postMessage(message);
    if (request.method !== 'run') return reply({ id: request.id, ok: false, error: `unknown method ${request.method}` });
    service.run(request.params as SpectralRequest).then(
      (result) => reply({ id: request.id, ok: true, result }),
      (error: unknown) => reply({ id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  port.postMessage({ ready: true });
}
