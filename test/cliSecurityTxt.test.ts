import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import { securityTxtRules } from '../server/src/engine';
import { cliBundle, repoRoot } from './support/paths';

const scratch = mkdtempSync(path.join(tmpdir(), 'openapi-security-securitytxt-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], cwd = scratch) {
  const result = spawnSync(process.execPath, [cliBundle, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
function write(name: string, text: string): string {
  mkdirSync(path.dirname(path.join(scratch, name)), { recursive: true });
  writeFileSync(path.join(scratch, name), text);
  return name;
}

// Dates far from any day the tests may run, or relative to now: the CLI uses the real clock.
const soon = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
const broken = write('site/security.txt', ['contact: security@example.com', 'Expires: 2020-01-01T00:00:00Z', 'Policy: http://example.com/policy', ''].join('\n'));
const fine = write('site/.well-known/security.txt', ['Contact: mailto:security@example.com', `Expires: ${soon}`, 'Canonical: https://example.com/.well-known/security.txt', ''].join('\n'));
const farOff = write('far/security.txt', ['Contact: https://example.com/report', 'Expires: 2999-01-01T00:00:00Z', ''].join('\n'));

describe('openapi-security lint on security.txt files', () => {
  it('prints stylish findings per file and exits 1 on errors', () => {
    const { code, stdout, stderr } = cli(['lint', broken, fine]);
    assert.equal(code, 1, stderr);
    assert.equal(stderr, '');
    const lines = stdout.split('\n');
    assert.match(lines[0], /^site\/security\.txt {2}security score \d+\/100$/);
    assert.deepEqual(lines.slice(1, 5).map((l) => l.trim().split(/\s{2,}/)), [
      ['1:1', 'info', "Write 'Contact', the registered spelling, not 'contact'.", 'securitytxt:field-name-case'],
      ['1:10', 'error', 'Contact must be a mailto:, tel: or https: URI: it has no URI scheme (such as https:, mailto: or tel:).', 'securitytxt:contact-uri'],
      ['2:10', 'error', 'This security.txt expired on 2020-01-01T00:00:00Z; clients must not use it.', 'securitytxt:expired'],
      ['3:9', 'error', 'Policy must use https://, not http://.', 'securitytxt:https-required'],
    ]);
    assert.match(stdout, /\nsite\/\.well-known\/security\.txt {2}security score 100\/100\n/);
    assert.match(stdout, /✖ 4 problems \(3 errors, 1 info\)/);
  });

  it('finds security.txt files in folders, next to OpenAPI documents, and lints each with its own rules', () => {
    write('site/api.yaml', readFileSync(path.join(repoRoot, 'test', 'fixtures', 'orders-3.0.yaml'), 'utf8'));
    const { stdout } = cli(['lint', 'site', '--format', 'json']);
    const output = JSON.parse(stdout);
    assert.deepEqual(output.files.map((f: { file: string }) => f.file), ['site/.well-known/security.txt', 'site/api.yaml', 'site/security.txt']);
    const codes = (file: string) => new Set(output.findings.filter((f: { file: string }) => f.file === file).map((f: { code: string }) => f.code.split(':')[0]));
    assert.deepEqual(codes('site/api.yaml'), new Set(['owasp']));
    assert.deepEqual(codes('site/security.txt'), new Set(['securitytxt']));
    const expired = output.findings.find((f: { code: string }) => f.code === 'securitytxt:expired');
    assert.deepEqual(expired, {
      file: 'site/security.txt',
      code: 'securitytxt:expired',
      message: 'This security.txt expired on 2020-01-01T00:00:00Z; clients must not use it.',
      severity: 'error',
      range: { start: { line: 1, character: 9 }, end: { line: 1, character: 29 } },
      path: ['Expires', 0],
    });
  });

  it('warns about an Expires more than a year ahead, and --fail-on decides the exit code', () => {
    const result = cli(['lint', farOff, '--format', 'json']);
    assert.equal(result.code, 0);
    assert.deepEqual(JSON.parse(result.stdout).findings.map((f: { code: string; severity: string }) => [f.code, f.severity]), [['securitytxt:expires-too-far', 'warning']]);
    assert.equal(cli(['lint', farOff, '--fail-on', 'warning']).code, 1);
    assert.equal(cli(['lint', farOff, '--rule', 'securitytxt:expires-too-far=off', '--fail-on', 'warning']).code, 0, '--rule knows security.txt rules');
  });

  it('writes valid SARIF 2.1.0 describing the security.txt rules with their RFC 9116 sections', () => {
    const { stdout } = cli(['lint', broken, fine, '--format', 'sarif']);
    const log = JSON.parse(stdout);
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    ajv.addFormat('uri-reference', (value: string) => !/\s/.test(value) && URL.canParse(value, 'file:///'));
    const validate = ajv.compile(schema);
    assert.ok(validate(log as object), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const driver = log.runs[0].tool.driver;
    for (const rule of securityTxtRules) {
      const descriptor = driver.rules.find((r: { id: string }) => r.id === rule.id);
      assert.ok(descriptor, rule.id);
      assert.equal(descriptor.helpUri, `https://www.rfc-editor.org/rfc/rfc9116#section-${rule.section}`);
      assert.ok(descriptor.properties.tags.includes('RFC-9116'));
    }
    const results = log.runs[0].results;
    assert.deepEqual(results.map((r: { ruleId: string }) => r.ruleId), ['securitytxt:field-name-case', 'securitytxt:contact-uri', 'securitytxt:expired', 'securitytxt:https-required']);
    for (const r of results) assert.equal(driver.rules[r.ruleIndex].id, r.ruleId);
    const expired = results[2];
    assert.equal(expired.level, 'error');
    assert.deepEqual(expired.locations[0].physicalLocation.artifactLocation.uri, 'site/security.txt');
    assert.deepEqual(expired.locations[0].physicalLocation.region, { startLine: 2, startColumn: 10, endLine: 2, endColumn: 30 });
    assert.match(expired.partialFingerprints['openapiSecurity/v1'], /^[0-9a-f]{64}$/);
  });

  it('prints GitHub annotations and a Markdown summary linking the RFC', () => {
    const github = cli(['lint', broken, '--format', 'github']).stdout;
    assert.match(github, /^::error file=site\/security\.txt,line=2,col=10,endLine=2,endColumn=30,title=securitytxt%3Aexpired::This security\.txt expired on 2020-01-01T00:00:00Z; clients must not use it\.$/m);
    assert.match(github, /^::notice file=site\/security\.txt,line=1,col=1,.*title=securitytxt%3Afield-name-case::/m);
    const markdown = cli(['lint', broken, '--format', 'markdown']).stdout;
    assert.match(markdown, /\| 2:10 \| error \| \[Expires is in the past\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc9116#section-2\.5\.5\) \| This security\.txt expired/);
  });

  it('honours .openapi-security.yaml: rule severities and ignored findings by rule and field path', () => {
    write('configured/.openapi-security.yaml', 'rules:\n  securitytxt:field-name-case: off\nignore:\n  findings:\n    - { rule: securitytxt:https-required, path: /Policy }\n');
    write('configured/security.txt', readFileSync(path.join(scratch, broken), 'utf8'));
    const output = JSON.parse(cli(['lint', 'security.txt', '--format', 'json'], path.join(scratch, 'configured')).stdout);
    assert.deepEqual(output.findings.map((f: { code: string }) => f.code), ['securitytxt:contact-uri', 'securitytxt:expired']);
  });

  it('explains a security.txt rule', () => {
    const { code, stdout } = cli(['explain', 'securitytxt:expires-required']);
    assert.equal(code, 0);
    assert.match(stdout, /^securitytxt:expires-required: No Expires field \(error\)\n\nsecurity\.txt must have an Expires field\./);
    assert.match(stdout, /RFC 9116, section 2\.5\.5: https:\/\/www\.rfc-editor\.org\/rfc\/rfc9116#section-2\.5\.5/);
  });
});
