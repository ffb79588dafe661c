// Imported first by main.ts, so this runs before the LSP library loads: the lint worker's ~100 ms start then
// overlaps the server's own start and the client's handshake instead of delaying the first lint.
import { setFlagsFromString } from 'node:v8';
import { startSpareWorker } from './workerHost';

/** Whether the command line asks for a server (not `--version` or `--help`). */
export const SERVES = process.argv.slice(2).some((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a)) && !process.argv.slice(2).some((a) => /^(--version|-v|--help|-h)$/.test(a));

if (SERVES) {
  // Old generation grows 2x past what the last full collection kept, not V8's up to 4x: each keystroke in a 3 MB
  // spec leaves its lint's temporaries behind, and after 30 keystrokes in openai-2971k.yaml the server peaked at
  // ~440 MB with 4x, ~305 MB with 2x, keystrokes as fast (1.5x: ~285 MB, but keystrokes ~8 ms slower). Set before
  // the workers start: it applies to them.
  setFlagsFromString('--heap-growing-percent=100');
  startSpareWorker();
}
