// Worker thread of the benchmark: @stoplight/spectral-core with @stoplight/spectral-owasp-ruleset, loaded
// once and kept warm; each message is one lint, timed from the text (its parse and spectral.run). A fresh Spectral and
// resolver per lint, since reusing one changes results, and external references are refused (nothing
// fetched or read): see shared/notes/spectral-gotchas.md and test/support/spectralWorker.ts.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const { Document, Spectral } = require('@stoplight/spectral-core');
const Parsers = require('@stoplight/spectral-parsers');
const { Resolver } = require('@stoplight/spectral-ref-resolver');
const rulesetModule = require('@stoplight/spectral-owasp-ruleset');
const ruleset = rulesetModule.default ?? rulesetModule;

parentPort.on('message', async ({ id, text, format }) => {
  try {
    const refuse = { resolve: () => Promise.reject(new Error('external references are not followed in the benchmark')) };
    const spectral = new Spectral({ resolver: new Resolver({ resolvers: { http: refuse, https: refuse, file: refuse } }) });
    spectral.setRuleset(ruleset);
    // From the text, as our engine is timed: `new Document` parses it (Spectral's own parse, part of every lint).
    const start = performance.now();
    const document = new Document(text, format === 'json' ? Parsers.Json : Parsers.Yaml, 'document');
    const results = await spectral.run(document);
    const ms = performance.now() - start;
    parentPort.postMessage({ id, ms, findings: results.filter((r) => String(r.code).startsWith('owasp:')).length });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.stack : String(error) });
  }
});
