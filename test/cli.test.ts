import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { cliBundle, repoRoot } from './support/paths';
import { specWithOperations } from './support/syntheticSpec';

const scratch = mkdtempSync(path.join(tmpdir(), 'openapi-security-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [cliBundle, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
function scratchFile(name: string, text: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, text);
  return file;
}

describe('openapi-security lint', () => {
  it('stops quietly with its exit code when the reader of its output goes away (`| head`)', async () => {
    const file = scratchFile('many-findings.yaml', specWithOperations(400));
    const child = spawn(process.execPath, [cliBundle, 'lint', file, '--format', 'json'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    // Like `head -c`: read the first chunk, then close the pipe while the CLI is still writing.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1, 'the lint found errors');
    assert.equal(stderr, '', 'no EPIPE stack trace');
  });

  it('prints stylish findings and exits 1 on errors', () => {
    const { code, stdout, stderr } = cli('lint', 'examples/insecure-api.yaml');
    assert.equal(code, 1, stderr);
    assert.match(stdout, /^examples\/insecure-api\.yaml  security score \d+\/100\n/);
    assert.match(stdout, /\n {2}7:10 +error +Server URLs must not use http:\/\/\. Use https:\/\/ or wss:\/\/ instead\. +owasp:api8:2023-no-server-http\n/);
    assert.match(stdout, /✖ \d+ problems \(\d+ errors, \d+ warnings\)/);
    assert.doesNotMatch(stdout, /\x1b\[/, 'NO_COLOR is honoured');
  });

  it('prints JSON with 0-based LSP ranges and JSON paths, the same findings the server publishes', () => {
    const { code, stdout } = cli('lint', 'test/fixtures/orders-3.0.yaml', '--format', 'json');
    assert.equal(code, 1);
    const output = JSON.parse(stdout);
    assert.deepEqual(output.files.map((f: { file: string }) => f.file), ['test/fixtures/orders-3.0.yaml']);
    assert.ok(output.files[0].score >= 0 && output.files[0].score < 100, 'the score is reported per file');
    const findings = output.findings;
    assert.deepEqual(Object.keys(findings[0]).sort(), ['code', 'file', 'message', 'path', 'range', 'severity']);
    const http = findings.find((f: { code: string }) => f.code === 'owasp:api8:2023-no-server-http');
    assert.deepEqual(http, {
      file: 'test/fixtures/orders-3.0.yaml',
      code: 'owasp:api8:2023-no-server-http',
      message: 'Server URLs must not use http://. Use https:// or wss:// instead.',
      severity: 'error',
      range: { start: { line: 5, character: 9 }, end: { line: 5, character: 34 } },
      path: ['servers', 0, 'url'],
    });
    const watched = ['owasp:api1:2023-no-numeric-ids', 'owasp:api3:2023-no-additionalProperties', 'owasp:api8:2023-define-error-responses-401', 'owasp:api8:2023-no-server-http'];
    assert.deepEqual(findings.map((f: { code: string }) => f.code).filter((c: string) => watched.includes(c)).sort(), [
      'owasp:api1:2023-no-numeric-ids',
      'owasp:api3:2023-no-additionalProperties',
      'owasp:api8:2023-define-error-responses-401',
      'owasp:api8:2023-no-server-http',
    ]);
  });

  it('exits 0 when only warnings remain, and honours --rule overrides', () => {
    const code = 'owasp:api3:2023-no-additionalProperties';
    const file = scratchFile('warn.yaml', 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents: {schemas: {A: {type: object, additionalProperties: true}}}\n');
    const warn = cli('lint', file, '--format=json');
    const findings = JSON.parse(warn.stdout).findings as Array<{ code: string; severity: string }>;
    assert.deepEqual(findings.filter((f) => f.severity === 'error'), [], 'this fixture has warnings only');
    assert.equal(warn.code, 0);
    assert.equal(findings.find((f) => f.code === code)?.severity, 'warning');
    const promoted = cli('lint', file, '--rule', `${code}=error`);
    assert.equal(promoted.code, 1);
    const off = cli('lint', file, `--rule=${code}=off`, '--format', 'json');
    assert.deepEqual(JSON.parse(off.stdout).findings.filter((f: { code: string }) => f.code === code), []);
    assert.match(cli('lint', file).stdout, new RegExp(`${findings.length} problems? \\(${findings.length} warnings?\\) · security score \\d+/100`));
  });

  it('exits 2 on bad usage with a clear message', () => {
    for (const args of [[], ['lint'], ['explain'], ['explain', 'nope'], ['lint', 'x.yaml', '--fail-on', 'sometimes'], ['lint', 'nothing/**/*.yaml'], ['frobnicate', 'x.yaml'], ['lint', 'x.yaml', '--format', 'xml'], ['lint', 'x.yaml', '--bogus'], ['lint', 'x.yaml', '--rule', 'nope=error'], ['lint', 'x.yaml', '--rule', 'owasp:api8:2023-no-server-http=loud']]) {
      const { code, stderr } = cli(...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /^openapi-security: .+\n\nUsage: openapi-security lint/, args.join(' '));
    }
    assert.equal(cli('--help').code, 0);
    assert.match(cli('--version').stdout, /^\d+\.\d+\.\d+/);
  });

  it('exits 2 on unreadable and unparsable files, still linting the rest', () => {
    const broken = scratchFile('broken.json', '{"openapi": "3.0.0", "servers": [{"url": "http://a.example.com"}], "paths": {');
    const missing = cli('lint', path.join(scratch, 'missing.yaml'), 'examples/insecure-api.yaml', '--format', 'json');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*missing\.yaml: ENOENT/);
    assert.ok(JSON.parse(missing.stdout).findings.length > 0, 'the readable file is still linted');
    const unparsable = cli('lint', broken);
    assert.equal(unparsable.code, 2);
    assert.match(unparsable.stderr, /broken\.json:1:\d+: cannot be parsed cleanly/);
    assert.match(unparsable.stdout, /parse-error/);
    assert.match(unparsable.stdout, /owasp:api8:2023-no-server-http/);
  });

  it('honours suppressions written in the document, as the editor does', () => {
    const code = 'owasp:api8:2023-no-server-http';
    const yaml = scratchFile('suppressed.yaml', `openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\nservers:\n  # openapi-security-ignore ${code} -- local mock\n  - url: http://mock.example.com\n  - url: http://api.example.com\n`);
    const json = scratchFile('suppressed.json', JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, servers: [{ url: 'http://mock.example.com', 'x-openapi-security-ignore': [code] }] }));
    const paths = (file: string) => (JSON.parse(cli('lint', file, '--format', 'json').stdout).findings as Array<{ code: string; path: unknown[] }>).filter((f) => f.code === code).map((f) => f.path.join('.'));
    assert.deepEqual(paths(yaml), ['servers.1.url']);
    assert.deepEqual(paths(json), []);
  });

  it('skips files that are not OpenAPI with a note', () => {
    const { code, stdout, stderr } = cli('lint', 'test/fixtures/not-openapi.yaml');
    assert.equal(code, 0);
    assert.match(stderr, /skipped test\/fixtures\/not-openapi\.yaml: .*not an OpenAPI document/);
    assert.match(stdout, /No problems found/);
  });
});
