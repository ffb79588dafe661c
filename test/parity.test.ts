import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from './support/lspClient';
import { cliBundle, corpusDir } from './support/paths';

const dir = corpusDir();
// Single-file specs only: the multi-file folder (digitalocean) needs $ref resolution across files.
const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && statSync(path.join(dir, f)).isFile()).sort() : [];
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };

interface Comparable {
  code: string;
  range: Diagnostic['range'];
  severity: number;
}
const key = (d: Comparable) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code}`;

describe('the CLI and the language server report the same findings', () => {
  if (files.length === 0) {
    it(`needs the corpus at ${dir} (pass --corpus DIR or set OPENAPI_SECURITY_CORPUS)`, (t) => {
      t.skip(`corpus not found at ${dir}`);
    });
    return;
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'openapi-security-parity-'));
  let client: LspTestClient;
  let cliFindings: Array<Comparable & { file: string }>;
  before(async () => {
    // An empty config: whatever sits above the working directory must not change the CLI's view.
    const config = path.join(scratch, 'empty.yaml');
    writeFileSync(config, '{}\n');
    const result = spawnSync(process.execPath, [cliBundle, 'lint', ...files.map((f) => path.join(dir, f)), '--format', 'json', '--config', config], { cwd: scratch, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    cliFindings = JSON.parse(result.stdout).findings.map((f: { file: string; code: string; range: Diagnostic['range']; severity: string }) => ({ file: path.basename(f.file), code: f.code, range: f.range, severity: SEVERITY[f.severity] }));
    // Every finding, as the CLI prints them: the editor's default cap (1,000) is tested elsewhere.
    client = await LspTestClient.start({ initializationOptions: { maxDiagnostics: 1_000_000 } });
  });
  after(async () => {
    await client?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  for (const name of files) {
    it(name, async () => {
      const uri = pathToFileURL(path.join(dir, name)).href;
      await client.open(uri, name.endsWith('.json') ? 'json' : 'yaml', readFileSync(path.join(dir, name), 'utf8'));
      const published = await client.diagnosticsFor(uri, 1);
      await client.close(uri);
      const fromServer = published.diagnostics.map((d) => key({ code: String(d.code), range: d.range, severity: d.severity ?? 1 })).sort();
      const fromCli = cliFindings.filter((f) => f.file === name).map(key).sort();
      assert.ok(fromCli.length > 0 || name.startsWith('discord'), `${name} has findings`);
      assert.deepEqual(fromServer, fromCli);
    });
  }
});
