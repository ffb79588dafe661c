// `npm run bench`: measures the language server through the real LSP protocol on each file of
// the corpus (../shared/corpus, or --corpus DIR): full lint from open, hover and code-action
// latency (medians). Prints a markdown table and writes .bench/results.json.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { LspTestClient } = require('../out/test/support/lspClient.js');
const { HoverRequest, CodeActionRequest } = require('vscode-languageserver-protocol/node');
const { corpusDir } = require('../out/test/support/paths.js');

const dir = corpusDir();
if (!existsSync(dir)) {
  console.log(`No corpus at ${dir}: pass --corpus DIR. Nothing measured.`);
  process.exit(0);
}
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

const rows = [];
for (const name of files) {
  const text = readFileSync(path.join(dir, name), 'utf8');
  const languageId = name.endsWith('.json') ? 'json' : 'yaml';
  const client = await LspTestClient.start({ settings: () => ({}) });
  try {
    const uri = `file:///bench/${name}`;
    const opened = process.hrtime.bigint();
    await client.open(uri, languageId, text);
    const published = await client.diagnosticsFor(uri, 1);
    const openMs = ms(opened);
    // Hovers and code actions where users point: on findings, spread over the document.
    const targets = published.diagnostics.filter((_, i, all) => i % Math.max(1, Math.floor(all.length / 25)) === 0).slice(0, 25);
    const hoverTimes = [];
    const actionTimes = [];
    for (const d of targets) {
      let start = process.hrtime.bigint();
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start });
      hoverTimes.push(ms(start));
      start = process.hrtime.bigint();
      await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      actionTimes.push(ms(start));
    }
    rows.push({ file: name, bytes: text.length, findings: published.diagnostics.length, openMs, hoverMs: median(hoverTimes), codeActionMs: median(actionTimes) });
  } finally {
    await client.stop();
  }
  const last = rows[rows.length - 1];
  console.error(`${name}: open ${last.openMs.toFixed(0)} ms, hover ${last.hoverMs.toFixed(1)} ms, code action ${last.codeActionMs.toFixed(1)} ms`);
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const table = [
  `Language server through LSP (stdio), ${machine}. Medians over up to 25 requests per file.`,
  '',
  '| file | size | findings | open → diagnostics | hover | code action |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.file} | ${(r.bytes / 1024).toFixed(0)} KB | ${r.findings} | ${r.openMs.toFixed(0)} ms | ${r.hoverMs.toFixed(1)} ms | ${r.codeActionMs.toFixed(1)} ms |`),
].join('\n');
console.log(table);
mkdirSync('.bench', { recursive: true });
writeFileSync('.bench/results.json', JSON.stringify({ machine, rows }, null, 2));
