// A linter warm in one process: a worker thread (spectralWorker.mjs: Spectral + the OWASP ruleset;
// engineWorker.mjs: our engine) that stays alive between files, each lint bounded in time: beyond the bound the
// worker is stopped and the file marked skipped. Both are measured the same way, so their ratio is like for like.
import { Worker } from 'node:worker_threads';

export class WarmLinter {
  /** `warmUpText`: a small document linted once whenever a worker starts, so measured lints are warm. */
  constructor(script, limitMs, warmUpText) {
    this.script = script;
    this.limitMs = limitMs;
    this.warmUpText = warmUpText;
    this.worker = undefined;
    this.nextId = 0;
  }

  /** { ms, findings } or { timedOut: true } or { error }. */
  async lint(text, format) {
    if (!this.worker) {
      this.worker = new Worker(this.script, {
        env: { ...process.env, SCARF_ANALYTICS: 'false' },
        resourceLimits: { maxOldGenerationSizeMb: 6144 },
      });
      this.worker.unref();
      if (this.warmUpText) {
        const warm = await this.send(this.warmUpText, 'yaml');
        if (warm.ms === undefined) return warm;
      }
    }
    return this.send(text, format);
  }

  send(text, format) {
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const finish = (outcome) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        this.stop();
        finish({ timedOut: true });
      }, this.limitMs);
      const onMessage = (message) => {
        if (message.id === id) finish(message.error ? { error: message.error } : { ms: message.ms, findings: message.findings });
      };
      const onError = (error) => {
        this.worker = undefined;
        finish({ error: String(error) });
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, text, format });
    });
  }

  stop() {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
