import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { cliBundle } from './support/paths';
import { NO_SERVER_HTTP, RATE_LIMIT, TITLE_RANGE, writeSpectralFixtures } from './support/spectralFixtures';

const scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'openapi-security-cli-spectral-')));
const outside = realpathSync(mkdtempSync(path.join(tmpdir(), 'openapi-security-cli-spectral-outside-')));
after(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});
const fx = writeSpectralFixtures(scratch);

interface Finding {
  file: string;
  code: string;
  severity: string;
  message: string;
  range: typeof TITLE_RANGE;
  source?: string;
}

function lint(args: string[]) {
  const result = spawnSync(process.execPath, [cliBundle, 'lint', '--format', 'json', ...args], { cwd: scratch, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  const findings = result.stdout ? (JSON.parse(result.stdout) as { findings: Finding[] }).findings : [];
  return { code: result.status, stderr: result.stderr, findings, ours: findings.filter((f) => !f.source), spectral: findings.filter((f) => f.source === 'spectral') };
}

describe('openapi-security lint --spectral-ruleset', () => {
  it('adds the findings of a declarative ruleset (a custom rule, extends: spectral:oas) beside ours', () => {
    const plain = lint(['declarative/apis/v1/api.yaml']);
    const run = lint(['declarative/apis/v1/api.yaml', '--spectral-ruleset', 'declarative/.spectral.yaml']);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(run.ours, plain.ours, 'ours unchanged');
    const title = run.spectral.filter((f) => f.code === 'title-capitalised');
    assert.deepEqual(title.map((f) => [f.severity, f.message, f.range]), [['warning', 'Title must start with a capital letter', TITLE_RANGE]]);
    assert.ok(run.spectral.some((f) => f.code === 'info-contact'), 'spectral:oas');
    const sarif = spawnSync(process.execPath, [cliBundle, 'lint', 'declarative/apis/v1/api.yaml', '--format', 'sarif', '--spectral-ruleset', 'declarative/.spectral.yaml'], { cwd: scratch, encoding: 'utf8' });
    const log = JSON.parse(sarif.stdout);
    const rules: Array<{ id: string }> = log.runs[0].tool.driver.rules;
    for (const result of log.runs[0].results) assert.equal(rules[result.ruleIndex].id, result.ruleId, 'each SARIF result points at its own rule');
  });

  it('with the OWASP ruleset: each code reported once (by us), its severity changes and overrides applied to ours', () => {
    const main = lint(['owasp/api.yaml', '--spectral-ruleset', 'owasp/.spectral.yaml']);
    assert.ok(main.spectral.every((f) => !f.code.startsWith('owasp:')), 'Spectral does not double our codes');
    assert.deepEqual(main.ours.filter((f) => f.code === RATE_LIMIT).map((f) => f.severity), ['info']);
    assert.ok(main.ours.some((f) => f.code === NO_SERVER_HTTP));
    const legacy = lint(['owasp/legacy/api.yaml', '--spectral-ruleset', 'owasp/.spectral.yaml']);
    assert.ok(!legacy.ours.some((f) => f.code === NO_SERVER_HTTP), 'the override for legacy/** turns ours off');
    // --rule is the user's last word, above the ruleset.
    const ruled = lint(['owasp/api.yaml', '--spectral-ruleset', 'owasp/.spectral.yaml', '--rule', `${RATE_LIMIT}=warning`]);
    assert.deepEqual(ruled.ours.filter((f) => f.code === RATE_LIMIT).map((f) => f.severity), ['warning']);
  });

  it('runs JavaScript rulesets: the CLI runs what it is told', () => {
    assert.equal(existsSync(fx.jsMarker), false);
    const run = lint(['js/api.yaml', '--spectral-ruleset', 'js/.spectral.js']);
    assert.deepEqual(run.spectral.map((f) => f.message), ['From the JavaScript ruleset: add a contact']);
    assert.ok(existsSync(fx.jsMarker));
  });

  it('a broken or missing ruleset: exit code 2 and one clear note; our findings are still printed', () => {
    const broken = lint(['broken/api.yaml', 'owasp/api.yaml', '--spectral-ruleset', 'broken/.spectral.yaml']);
    assert.equal(broken.code, 2);
    assert.equal(broken.stderr.trim().split('\n').length, 1, broken.stderr);
    assert.match(broken.stderr, /broken\/\.spectral\.yaml:3:6: the ruleset is not run: syntax error at line 3, column 6/);
    assert.ok(broken.ours.length > 20 && broken.spectral.length === 0);
    const missing = lint(['broken/api.yaml', '--spectral-ruleset', 'nowhere/.spectral.yaml']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /does not exist/);
    assert.ok(missing.ours.length > 10);
  });

  it("reads $ref'd files for Spectral inside the root only: not outside it, not through a symlink, not over the network", () => {
    writeFileSync(path.join(outside, 'secret.yaml'), 'Secret:\n  type: string\n');
    mkdirSync(path.join(scratch, 'refs'), { recursive: true });
    writeFileSync(path.join(scratch, 'refs/inside.yaml'), 'Pet:\n  type: object\n');
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(scratch, 'refs/link.yaml'));
    const refs = ["'./inside.yaml#/Pet'", `'${path.relative(path.join(scratch, 'refs'), path.join(outside, 'secret.yaml'))}#/Secret'`, "'./link.yaml#/Secret'", "'https://example.com/x.yaml#/X'"];
    writeFileSync(path.join(scratch, 'refs/api.yaml'), `openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n${refs.map((r, i) => `    S${i}: {$ref: ${r}}\n`).join('')}`);
    const run = lint(['refs/api.yaml', '--spectral-ruleset', 'declarative/.spectral.yaml', '--fail-on', 'never']);
    const invalid = run.spectral.filter((f) => f.code === 'invalid-ref');
    assert.deepEqual(invalid.map((f) => [f.range.start.line, /outside the workspace: not read/.test(f.message)]), [[6, true], [7, true]], 'outside and through the symlink: refused; inside: read; https: not fetched (ours reports it)');
    assert.ok(run.ours.some((f) => f.code === 'remote-ref'));
  });

  it('--spectral-timeout stops a run that takes too long, with a note', () => {
    const run = lint(['declarative/apis/v1/api.yaml', '--spectral-ruleset', 'declarative/.spectral.yaml', '--spectral-timeout', '0.001']);
    assert.match(run.stderr, /took longer than 0\.001 s/);
    assert.equal(run.spectral.length, 0);
    assert.ok(run.ours.length > 10);
    assert.equal(run.code, 1, 'the exit code still follows our findings');
  });
});
