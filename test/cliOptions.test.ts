import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { allRules } from '../server/src/engine';
import { rulesReference } from '../server/src/engine/docs/rulesReference';
import { cliBundle, repoRoot } from './support/paths';

const scratch = mkdtempSync(path.join(tmpdir(), 'openapi-security-cli-options-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], cwd = repoRoot) {
  const result = spawnSync(process.execPath, [cliBundle, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
function write(relative: string, text: string): string {
  const file = path.join(scratch, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
const json = (stdout: string) => JSON.parse(stdout) as { files: Array<{ file: string; score: number }>; findings: Array<{ file: string; code: string; severity: string; path: unknown[] }> };

/** Only warnings (no error-severity finding) with default settings. */
const WARNINGS_ONLY = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents: {schemas: {A: {type: object, additionalProperties: true}}}\n';
const INSECURE = readFileSync(path.join(repoRoot, 'examples/insecure-api.yaml'), 'utf8');

describe('openapi-security lint: files and globs', () => {
  it('expands quoted globs itself (**, *, ?, braces) and walks directories', () => {
    write('globs/specs/a.yaml', INSECURE);
    write('globs/specs/v1/b.yaml', INSECURE);
    write('globs/specs/v2/c.json', '{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}');
    write('globs/specs/notes.txt', 'not a spec');
    write('globs/specs/readme.yaml', 'title: not an API\n');
    const cwd = path.join(scratch, 'globs');
    const files = (args: string[]) => json(cli(['lint', ...args, '--format', 'json', '--fail-on', 'never'], cwd).stdout).files.map((f) => f.file);
    assert.deepEqual(files(['specs/**/*.yaml']), ['specs/a.yaml', 'specs/v1/b.yaml']);
    assert.deepEqual(files(['specs/*.yaml']), ['specs/a.yaml']);
    assert.deepEqual(files(['specs/v?/*.{yaml,json}']), ['specs/v1/b.yaml', 'specs/v2/c.json']);
    assert.deepEqual(files(['specs']), ['specs/a.yaml', 'specs/v1/b.yaml', 'specs/v2/c.json']);
    const skipped = cli(['lint', 'specs/**/*.yaml', 'specs/*.yaml', '--format', 'json'], cwd);
    assert.match(skipped.stderr, /skipped specs\/readme\.yaml: .*not an OpenAPI document/);
    assert.equal(json(skipped.stdout).files.length, 2, 'a file named twice is linted once');
  });
});

describe('openapi-security lint: exit codes and output options', () => {
  it('--fail-on decides exit 1', () => {
    const file = write('fail-on/warn.yaml', WARNINGS_ONLY);
    assert.equal(cli(['lint', file]).code, 0, 'default: error');
    assert.equal(cli(['lint', file, '--fail-on', 'warning']).code, 1);
    assert.equal(cli(['lint', file, '--fail-on=info']).code, 1);
    assert.equal(cli(['lint', 'examples/insecure-api.yaml', '--fail-on', 'never']).code, 0);
    assert.equal(cli(['lint', 'examples/insecure-api.yaml', '--fail-on', 'error']).code, 1);
  });

  it('--quiet prints errors only but still exits on what it hid', () => {
    const quiet = json(cli(['lint', 'examples/insecure-api.yaml', '--quiet', '--format', 'json']).stdout);
    assert.ok(quiet.findings.length > 0 && quiet.findings.every((f) => f.severity === 'error'));
    const file = write('quiet/warn.yaml', WARNINGS_ONLY);
    const hidden = cli(['lint', file, '--quiet', '--fail-on', 'warning']);
    assert.equal(hidden.code, 1);
    assert.match(hidden.stdout, /No problems found/);
  });

  it('--output writes the file and nothing to stdout', () => {
    const out = path.join(scratch, 'out.json');
    const result = cli(['lint', 'examples/insecure-api.yaml', '--format', 'json', '--output', out]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.ok(json(readFileSync(out, 'utf8')).findings.length > 0);
  });
});

describe('.openapi-security.yaml', () => {
  it('is found in the current folder or a parent, and applies rules, ignores and failOn', () => {
    const project = path.join(scratch, 'project');
    write('project/.openapi-security.yaml', [
      'rules:',
      '  owasp:api8:2023-no-server-http: off',
      'ignore:',
      "  files: ['legacy/**']",
      '  findings:',
      '    - { rule: owasp:api9:2023-inventory-access }',
      '    - /paths/~1orders~1{orderId}',
      'failOn: warning',
      '',
    ].join('\n'));
    write('project/specs/api.yaml', INSECURE);
    write('project/legacy/old.yaml', INSECURE);
    const bare = json(cli(['lint', path.join(project, 'specs/api.yaml'), '--format', 'json'], scratch).stdout);
    assert.ok(bare.findings.some((f) => f.code === 'owasp:api8:2023-no-server-http'), 'no config above scratch');
    const result = cli(['lint', 'api.yaml', '../legacy/old.yaml', '--format', 'json'], path.join(project, 'specs'));
    const output = json(result.stdout);
    assert.deepEqual(output.files.map((f) => f.file), ['api.yaml'], 'ignore.files is relative to the config file');
    const codes = new Set(output.findings.map((f) => f.code));
    assert.ok(!codes.has('owasp:api8:2023-no-server-http'), 'rules: off');
    assert.ok(!codes.has('owasp:api9:2023-inventory-access'), 'ignored by rule');
    assert.ok(output.findings.length > 0);
    assert.ok(!output.findings.some((f) => f.path[0] === 'paths' && f.path[1] === '/orders/{orderId}'), 'ignored by JSON Pointer');
    assert.ok(bare.findings.some((f) => f.path[0] === 'paths' && f.path[1] === '/orders/{orderId}'));
    const onlyWarnings = write('project/specs/warn.yaml', WARNINGS_ONLY);
    assert.equal(cli(['lint', onlyWarnings], project).code, 1, 'failOn: warning from the file');
    assert.equal(cli(['lint', onlyWarnings, '--fail-on', 'error'], project).code, 0, '--fail-on wins over the file');
    const promoted = json(cli(['lint', 'specs/api.yaml', '--rule', 'owasp:api8:2023-no-server-http=error', '--format', 'json'], project).stdout);
    assert.ok(promoted.findings.some((f) => f.code === 'owasp:api8:2023-no-server-http'), '--rule wins over the file');
  });

  it('--config names the file; a missing or broken one is exit 2', () => {
    const config = write('explicit/custom.yaml', 'rules: {owasp:api8:2023-no-server-http: off}\n');
    const output = json(cli(['lint', 'examples/insecure-api.yaml', '--config', config, '--format', 'json']).stdout);
    assert.ok(!output.findings.some((f) => f.code === 'owasp:api8:2023-no-server-http'));
    assert.equal(cli(['lint', 'examples/insecure-api.yaml', '--config', path.join(scratch, 'nope.yaml')]).code, 2);
    assert.equal(cli(['lint', 'examples/insecure-api.yaml', '--config', write('explicit/broken.yaml', 'rules: [')]).code, 2);
    const noted = cli(['lint', 'examples/insecure-api.yaml', '--config', write('explicit/odd.yaml', 'colour: red\n')]);
    assert.match(noted.stderr, /odd\.yaml: unknown key 'colour'/);
  });
});

describe('openapi-security explain', () => {
  it("prints the rule's docs/rules.md section as plain text", () => {
    const rule = allRules.find((r) => r.id === 'owasp:api8:2023-no-server-http')!;
    const { code, stdout } = cli(['explain', rule.id]);
    assert.equal(code, 0);
    assert.match(stdout, /^owasp:api8:2023-no-server-http\n/);
    assert.ok(stdout.includes(`Why it matters. ${rule.docs.why}`));
    assert.ok(stdout.includes(rule.docs.howToFix.replace(/`/g, '')));
    assert.doesNotMatch(stdout, /\*\*|<a id=/, 'no Markdown markup');
    const markdown = cli(['explain', rule.id, '--format', 'markdown']).stdout;
    const section = rulesReference([rule]).split('\n').slice(4).join('\n').trim();
    assert.ok(markdown.startsWith(section), 'the same text as docs/rules.md');
  });
});

describe('openapi-security lint: $refs stay inside --root', () => {
  it('reports refs outside the root, missing files and remote URLs, reading none of them', () => {
    write('refs/project/api/common.yaml', 'Error: {type: object}\n');
    write('refs/outside.yaml', 'never: read\n');
    const spec = [
      'openapi: 3.0.3',
      'info: {title: t, version: "1"}',
      'paths: {}',
      'components:',
      '  schemas:',
      "    Common: {$ref: './common.yaml#/Error'}",
      "    Up: {$ref: '../../outside.yaml'}",
      "    Missing: {$ref: './missing.yaml'}",
      "    Remote: {$ref: 'https://example.com/schemas.yaml'}",
      '',
    ].join('\n');
    write('refs/project/api/spec.yaml', spec);
    const cwd = path.join(scratch, 'refs', 'project');
    const refCodes = (args: string[], dir: string) =>
      json(cli(['lint', ...args, '--format', 'json', '--fail-on', 'never'], dir).stdout)
        .findings.filter((f) => /ref/.test(f.code))
        .map((f) => f.code);
    assert.deepEqual(refCodes(['api/spec.yaml'], cwd), ['ref-outside-workspace', 'unresolved-ref', 'remote-ref']);
    // A wider root lets the sibling in: it exists, so nothing is reported for it.
    assert.deepEqual(refCodes(['project/api/spec.yaml', '--root', '.'], path.join(scratch, 'refs')), ['unresolved-ref', 'remote-ref']);
    assert.deepEqual(refCodes(['api/spec.yaml', '--root', 'api'], cwd), ['ref-outside-workspace', 'unresolved-ref', 'remote-ref']);
  });
});
