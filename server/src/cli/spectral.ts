import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allRules, isSecurityTxtPath, type SeverityOverride } from '../engine';
import type { SpectralFinding } from '../spectral/types';
import type { SpectralService } from '../spectralWorker';
import type { WorkerHost as Host } from '../workerHost';

/** The CLI waits longer than the editor: nobody is typing, and Spectral needs minutes on the largest specs. */
export const DEFAULT_CLI_SPECTRAL_TIMEOUT_S = 300;

export interface CliSpectralOptions {
  ruleset: string;
  timeoutMs: number;
  root: string;
  cwd: string;
}

export interface CliSpectralRun {
  /** Per file (as given): Spectral's findings and what the ruleset says of our codes. */
  files: Map<string, { findings: SpectralFinding[]; ourSeverities: Record<string, SeverityOverride> }>;
  notes: string[];
  /** The ruleset could not be loaded: exit code 2, our findings are still printed. */
  broken: boolean;
}

/**
 * Runs the user's Spectral ruleset on each OpenAPI/AsyncAPI file, one at a time in the Spectral worker,
 * each bounded by the time limit. The CLI runs what it is told: JavaScript rulesets and custom functions
 * are allowed (the editor allows them only in a trusted workspace). Nothing is fetched over the network.
 */
export async function runSpectralOnFiles(files: readonly string[], options: CliSpectralOptions): Promise<CliSpectralRun> {
  const run: CliSpectralRun = { files: new Map(), notes: [], broken: false };
  const rulesetPath = path.resolve(options.cwd, options.ruleset);
  // Required here, not at the top: node:worker_threads loads only for runs with a Spectral ruleset.
  const { WorkerHost } = require('../workerHost') as { WorkerHost: typeof Host };
  const host = new WorkerHost<SpectralService>({ timeoutMs: options.timeoutMs, memoryMb: 4096 }, () => undefined, path.join(__dirname, 'spectralWorker.js'), 'Spectral worker');
  const ourCodes = allRules.map((r) => r.id);
  try {
    for (const file of files) {
      if (file === '-' || isSecurityTxtPath(file)) continue;
      const absolute = path.resolve(options.cwd, file);
      let text: string;
      try {
        text = readFileSync(absolute, 'utf8');
      } catch {
        continue; // lintFiles reports unreadable files
      }
      if (!/^["']?(openapi|swagger|asyncapi)["']?\s*:/m.test(text)) continue;
      const format = /\.json$/i.test(file) || text.trimStart().startsWith('{') ? 'json' : 'yaml';
      const outcome = await host.request('run', { documentPath: absolute, text, format, rulesetPath, trusted: true, roots: [options.root], ourCodes });
      if (!outcome.ok) {
        const why = outcome.failure === 'timeout' ? `took longer than ${options.timeoutMs / 1000} s (--spectral-timeout)` : `failed (${outcome.detail.split('\n')[0]})`;
        run.notes.push(`spectral: ${file}: Spectral ${why}; its findings for this file are missing`);
        continue;
      }
      const response = outcome.value;
      if (!response.ok) {
        const where = response.problem.line !== undefined ? `:${response.problem.line + 1}:${(response.problem.character ?? 0) + 1}` : '';
        run.notes.push(`spectral: ${path.relative(options.cwd, response.problem.file) || response.problem.file}${where}: the ruleset is not run: ${response.problem.message}`);
        run.broken = true;
        break; // the same ruleset fails the same way on every file
      }
      run.files.set(file, { findings: response.findings, ourSeverities: response.ourSeverities });
    }
  } finally {
    await host.dispose();
  }
  return run;
}
