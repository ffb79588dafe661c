// Worker thread of the benchmark: our engine (parse, model, rules, diagnostics) warm in one process, as
// spectralWorker.mjs runs Spectral; each message is one full lint of the text, timed from the text to the
// diagnostics. No server, no LSP: the engine against Spectral's engine, like for like.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const { lintText } = require('../../out/server/src/engine/index.js');

parentPort.on('message', ({ id, text, format }) => {
  try {
    const start = performance.now();
    const analysis = lintText(text, { format });
    const ms = performance.now() - start;
    parentPort.postMessage({ id, ms, findings: analysis.diagnostics.length });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.stack : String(error) });
  }
});
