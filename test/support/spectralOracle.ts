import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PathSegment } from '../../server/src/engine';

export interface SpectralFinding {
  code: string;
  path: PathSegment[];
  message: string;
}

export interface SpectralJob {
  text: string;
  format: 'yaml' | 'json';
}

/** Spectral + the OWASP ruleset on documents, in one worker; undefined when it takes longer than `limitMs`. */
export function runSpectralBatch(jobs: SpectralJob[], limitMs: number): Promise<SpectralFinding[][] | undefined> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'spectralWorker.js'), { workerData: jobs, env: { ...process.env, SCARF_ANALYTICS: 'false' } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve(undefined);
    }, limitMs);
    worker.once('message', (message: SpectralFinding[][] | { error: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if ('error' in message) reject(new Error(`Spectral failed: ${message.error}`));
      else resolve(message);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export type SpectralOutcome = { findings: SpectralFinding[] } | { timedOut: true };

export async function runSpectral(text: string, format: 'yaml' | 'json', limitMs: number): Promise<SpectralOutcome> {
  const results = await runSpectralBatch([{ text, format }], limitMs);
  return results ? { findings: results[0] } : { timedOut: true };
}
