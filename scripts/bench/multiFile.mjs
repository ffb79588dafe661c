// Issue #9's numbers for a spec split over many files (../shared/corpus/digitalocean-multi): the time to
// parse every file of it with `yaml` (the floor), our full lint from cold through the real LSP protocol
// (root opened in a workspace folder, so file `$ref`s are followed), and a keystroke in one fragment →
// the spec's diagnostics again.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, msSince } from './stats.mjs';

const require = createRequire(import.meta.url);
const { parseDocument } = require('yaml');
const { LspTestClient } = require('../../out/test/support/lspClient.js');

/** Untimed keystrokes before the timed ones, as in lsp.mjs. */
const WARMUP_KEYSTROKES = 4;
const WAIT_MS = 600_000;
// The default memory limit, as users run it (the worker the server starts before `initialize` has it).
const OPTIONS = { debounceMs: 0, limits: { lintTimeoutMs: WAIT_MS } };

function yamlFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...yamlFiles(full));
    else if (/\.ya?ml$/i.test(entry.name)) found.push(full);
  }
  return found;
}

/** `root`: the spec's entry file; `fragment`: a file of it to type in. */
export async function benchMultiFile(root, fragment, reps) {
  const folder = path.dirname(root);
  const texts = yamlFiles(folder).map((file) => readFileSync(file, 'utf8'));
  const parseAll = () => {
    const start = process.hrtime.bigint();
    for (const text of texts) parseDocument(text, { prettyErrors: false, merge: true, uniqueKeys: false, strict: false, keepSourceTokens: false });
    return msSince(start);
  };
  parseAll();
  const parseTimes = Array.from({ length: reps.parse }, parseAll);

  const coldTimes = [];
  const keystrokeTimes = [];
  const warmupTimes = [];
  let findings = 0;
  for (let run = 0; run < reps.open; run++) {
    const client = await LspTestClient.start({ settings: () => ({}), initializationOptions: OPTIONS, workspaceFolders: [pathToFileURL(folder).href] });
    try {
      const rootUri = pathToFileURL(root).href;
      const start = process.hrtime.bigint();
      await client.open(rootUri, 'yaml', readFileSync(root, 'utf8'));
      await client.diagnosticsFor(rootUri, 1, WAIT_MS);
      coldTimes.push(msSince(start));
      // The spec's findings in its other files are sent right after the root's.
      await client.waitForDiagnostics(pathToFileURL(fragment).href, () => true, WAIT_MS);
      findings = new Set(client.published.map((p) => p.uri)).size;
      if (run > 0) continue;
      // Keystrokes in one fragment (open, unsaved): each ends when the spec has been linted again.
      const fragmentUri = pathToFileURL(fragment).href;
      const text = readFileSync(fragment, 'utf8');
      await client.open(fragmentUri, 'yaml', text);
      let rootPublishes = client.published.filter((p) => p.uri === rootUri).length;
      // As for single files (lsp.mjs): the first keystrokes are untimed, the worker's compiler warms up on them.
      for (let k = 0; k < WARMUP_KEYSTROKES + reps.keystrokes; k++) {
        const at = { line: 0, character: 0 };
        const change = k % 2 === 0 ? { range: { start: at, end: at }, text: '#' } : { range: { start: at, end: { line: 0, character: 1 } }, text: '' };
        const started = process.hrtime.bigint();
        await client.change(fragmentUri, k + 2, [change]);
        await client.waitForDiagnostics(rootUri, () => client.published.filter((p) => p.uri === rootUri).length > rootPublishes, WAIT_MS);
        if (k >= WARMUP_KEYSTROKES) keystrokeTimes.push(msSince(started));
        else warmupTimes.push(msSince(started));
        rootPublishes = client.published.filter((p) => p.uri === rootUri).length;
      }
    } finally {
      await client.stop();
    }
  }
  return {
    files: texts.length,
    filesWithFindings: findings,
    parseAllMs: median(parseTimes),
    coldMs: median(coldTimes),
    keystrokeMs: median(keystrokeTimes),
    keystrokeTimes,
    warmupKeystrokeTimes: warmupTimes,
  };
}
