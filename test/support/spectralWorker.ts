// Runs @stoplight/spectral-core with @stoplight/spectral-owasp-ruleset on documents, in a
// worker so the caller can bound its time. External references are refused: nothing is
// fetched or read (Spectral's default resolver would do both). A fresh Spectral per
// document, since reusing one changes results (shared/notes/spectral-gotchas.md).
import { Document, Spectral } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import { Resolver } from '@stoplight/spectral-ref-resolver';
import { parentPort, workerData } from 'node:worker_threads';

interface Job {
  text: string;
  format: 'yaml' | 'json';
}

async function lint(job: Job, ruleset: unknown) {
  const refuse = { resolve: () => Promise.reject(new Error('external references are not followed in tests')) };
  const spectral = new Spectral({ resolver: new Resolver({ resolvers: { http: refuse, https: refuse, file: refuse } }) });
  spectral.setRuleset(ruleset as never);
  const document = new Document(job.text, (job.format === 'json' ? Parsers.Json : Parsers.Yaml) as never, 'document');
  const results = await spectral.run(document);
  return results
    .filter((r) => String(r.code).startsWith('owasp:'))
    .map((r) => ({ code: String(r.code), path: r.path.map((s) => (typeof s === 'number' ? s : String(s))), message: r.message }));
}

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rulesetModule = require('@stoplight/spectral-owasp-ruleset');
  const ruleset = rulesetModule.default ?? rulesetModule;
  const results = [];
  for (const job of workerData as Job[]) results.push(await lint(job, ruleset));
  parentPort!.postMessage(results);
}

main().catch((error) => {
  parentPort!.postMessage({ error: error instanceof Error ? error.stack : String(error) });
});
