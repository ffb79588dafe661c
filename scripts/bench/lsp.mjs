// Measurements through the real LSP protocol (stdio) against the bundled server (dist/server.js):
// full lint from cold, keystroke → diagnostics, server peak RSS, hover and code-action latency while a
// full lint runs. The debounce is set to 0 so keystroke timings are the server's work only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { editSites, positionAt } from './inputs.mjs';
import { msSince } from './stats.mjs';

const require = createRequire(import.meta.url);
const { FULL_CAPABILITIES, LspTestClient } = require('../../out/test/support/lspClient.js');
const { specWithOperations } = require('../../out/test/support/syntheticSpec.js');
const { HoverRequest, CodeActionRequest } = require('vscode-languageserver-protocol/node');

/** Longer than any lint here: the bench measures, it does not stop slow lints. */
const WAIT_MS = 600_000;
const KEYSTROKE_BUDGET_MS = 60_000;
// The default memory limit, as users run it (the worker the server starts before `initialize` has it).
const OPTIONS = { debounceMs: 0, limits: { lintTimeoutMs: WAIT_MS } };

/**
 * As VS Code: code actions resolved lazily (`codeAction/resolve` for `edit`), so a code-action request does
 * not compute "fix all" edits. A client without resolve support gets them computed eagerly, which costs
 * several full re-lints on a big file.
 */
const CAPABILITIES = {
  ...FULL_CAPABILITIES,
  textDocument: { ...FULL_CAPABILITIES.textDocument, codeAction: { ...FULL_CAPABILITIES.textDocument.codeAction, dataSupport: true, resolveSupport: { properties: ['edit'] } } },
};
const startServer = () => LspTestClient.start({ settings: () => ({}), initializationOptions: OPTIONS, capabilities: CAPABILITIES });
const languageOf = (file) => (/\.json$/i.test(file) ? 'json' : 'yaml');
const uriOf = (name, suffix = '') => `file:///bench/${encodeURIComponent(name)}${suffix}`;

/** didOpen → publishDiagnostics in a fresh server each time (a cold worker, nothing cached). */
export async function coldOpens(input, text, reps) {
  const times = [];
  let findings;
  for (let i = 0; i < reps; i++) {
    const client = await startServer();
    try {
      const uri = uriOf(input.name);
      const start = process.hrtime.bigint();
      await client.open(uri, languageOf(input.file), text);
      const published = await client.diagnosticsFor(uri, 1, WAIT_MS);
      times.push(msSince(start));
      findings = published.diagnostics.length;
    } finally {
      await client.stop();
    }
  }
  return { times, findings };
}

/** VmHWM (peak) and VmRSS of a process, in MB, from /proc (Linux only; undefined elsewhere). */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return { peakMb: undefined, rssMb: undefined };
  }
}

/**
 * One server with the document open: `keystrokes` one-character edits (type a character, then delete
 * it, at sites inside operations spread over the document), each timed from didChange to the
 * publishDiagnostics of its version; then the server's peak RSS; then `warmOpens` full lints in this warm server
 * (closed and opened again, each timed from didOpen to its diagnostics); then `duringLintReps` times the
 * document is closed and opened again (a full lint from scratch) and hovers / code actions are sent, on it
 * and on a small other document, for as long as that lint runs.
 */
/** Keystrokes sent (and answered) before the timed ones. */
const WARMUP_KEYSTROKES = 4;

export async function editingSession(input, text, { keystrokes, warmOpens = 0, duringLintReps }) {
  const client = await startServer();
  try {
    const languageId = languageOf(input.file);
    const other = { uri: uriOf('other-small.yaml'), text: specWithOperations(20) };
    await client.open(other.uri, 'yaml', other.text);
    const otherDiagnostic = (await client.diagnosticsFor(other.uri, 1, WAIT_MS)).diagnostics[0];

    const uri = uriOf(input.name);
    await client.open(uri, languageId, text);
    const opened = await client.diagnosticsFor(uri, 1, WAIT_MS);
    const sites = editSites(text, 4);
    const keystrokeTimes = [];
    let version = 1;
    const began = process.hrtime.bigint();
    // While each keystroke is a full re-lint, big files would take many minutes: past a minute, 4 suffice.
    const enough = (k) => k >= keystrokes || (k >= 4 && msSince(began) > KEYSTROKE_BUDGET_MS);
    // Even: type "x" at the site; odd: delete it again, so the document returns to the original.
    const keystroke = async (k) => {
      const site = sites[Math.floor(k / 2) % sites.length];
      const at = positionAt(text, site);
      const change = k % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
      version++;
      const start = process.hrtime.bigint();
      await client.change(uri, version, [change]);
      await client.diagnosticsFor(uri, version, WAIT_MS);
      return msSince(start);
    };
    // Untimed first, as in a real session: the worker's compiler warms up on the first few edits of a file.
    for (let k = 0; k < WARMUP_KEYSTROKES && sites.length > 0 && msSince(began) < KEYSTROKE_BUDGET_MS; k++) await keystroke(k);
    for (let k = 0; !enough(k) && sites.length > 0; k++) keystrokeTimes.push(await keystroke(k));
    const memory = memoryOf(client.child.pid);

    // A full lint in a warm server: the document closed and opened again (its analysis is dropped on close), as
    // when a user opens another spec in a session. Spectral is measured warm too: this is the like-for-like time.
    const warmOpenTimes = [];
    for (let rep = 0; rep < warmOpens; rep++) {
      const { start, linted } = await reopen(client, uri, languageId, text);
      await linted;
      warmOpenTimes.push(msSince(start));
    }

    const target = opened.diagnostics[Math.floor(opened.diagnostics.length / 2)];
    const samples = { hoverSame: [], actionSame: [], hoverOther: [], actionOther: [] };
    for (let rep = 0; rep < duringLintReps && target && otherDiagnostic; rep++) {
      // A full lint from scratch, on the worker it gets (the small document keeps its own).
      let linting = true;
      const { linted } = await reopen(client, uri, languageId, text);
      const done = linted.then(() => (linting = false));
      const isLinting = () => linting;
      // The two documents in parallel: a request waiting on the busy document must not delay the other's.
      const rounds = async (on, diagnostic, hovers, actions) => {
        // Bounded: a slow lint must not turn into thousands of requests.
        for (let round = 0; round < 20 && linting; round++) {
          // Together, as an editor asks on a cursor move: neither waits for the other's answer.
          await Promise.all([timeIfLinting(isLinting, hovers, () => hover(client, on, diagnostic)), timeIfLinting(isLinting, actions, () => codeAction(client, on, diagnostic))]);
        }
      };
      await Promise.all([rounds(uri, target, samples.hoverSame, samples.actionSame), rounds(other.uri, otherDiagnostic, samples.hoverOther, samples.actionOther)]);
      await done;
    }
    return { keystrokeTimes, warmOpenTimes, editSites: sites.length, ...memory, samples };
  } finally {
    await client.stop();
  }
}

/**
 * The document closed (once its diagnostics are cleared) and opened again, so the server lints it from scratch.
 * Resolves when the open is sent, with when that was and the promise of that open's diagnostics.
 */
async function reopen(client, uri, languageId, text) {
  const after = (from, version) => (p) => p.version === version && client.published.indexOf(p) >= from;
  const closedFrom = client.published.length;
  await client.close(uri);
  await client.waitForDiagnostics(uri, after(closedFrom, undefined), WAIT_MS);
  const from = client.published.length;
  const start = process.hrtime.bigint();
  await client.open(uri, languageId, text);
  return { start, linted: client.waitForDiagnostics(uri, after(from, 1), WAIT_MS) };
}

/** Times `request` and keeps the time only if the lint was still running when it was sent. */
async function timeIfLinting(linting, into, request) {
  if (!linting()) return;
  const start = process.hrtime.bigint();
  await request();
  into.push(msSince(start));
}

const hover = (client, uri, diagnostic) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: diagnostic.range.start });

const codeAction = (client, uri, diagnostic) =>
  client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
