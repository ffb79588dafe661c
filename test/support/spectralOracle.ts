import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PathSegment } from '../../server/src/engine';

export interface SpectralFinding {
  code: string;
  path: PathSegment[];
  message: string;
}

export type SpectralOutcome = { findings: SpectralFinding[] } | { timedOut: true };

/** Spectral + the OWASP ruleset on one document, stopped (and reported as such) past `limitMs`. */
export function runSpectral(text: string, format: 'yaml' | 'json', limitMs: number): Promise<SpectralOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'spectralWorker.js'), { workerData: { text, format }, env: { ...process.env, SCARF_ANALYTICS: 'false' } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ timedOut: true });
    }, limitMs);
    worker.once('message', (message: SpectralFinding[] | { error: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if ('error' in message) reject(new Error(`Spectral failed: ${message.error}`));
      else resolve({ findings: message });
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
