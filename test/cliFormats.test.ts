import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import { allRules } from '../server/src/engine';
import { ruleAnchor } from '../server/src/engine/docs/rulesReference';
import { cliBundle, repoRoot } from './support/paths';

const scratch = mkdtempSync(path.join(tmpdir(), 'openapi-security-formats-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], cwd = repoRoot) {
  const result = spawnSync(process.execPath, [cliBundle, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
  partialFingerprints: Record<string, string>;
}
interface SarifRule {
  id: string;
  name: string;
  helpUri: string;
  help: { text: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string };
}
interface SarifLog {
  version: string;
  runs: Array<{ tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } }; results: SarifResult[]; properties: { scores: Array<{ file: string; score: number }> } }>;
}

const sarif = (args: string[], cwd?: string) => JSON.parse(cli(['lint', ...args, '--format', 'sarif'], cwd).stdout) as SarifLog;

describe('--format sarif', () => {
  it('is valid against the official SARIF 2.1.0 schema', () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
    // The schema's regexes predate the u flag; its formats are checked here rather than ignored.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    ajv.addFormat('uri-reference', (value: string) => !/\s/.test(value) && URL.canParse(value, 'file:///'));
    ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
    const validate = ajv.compile(schema);
    for (const args of [['examples/insecure-api.yaml', 'test/fixtures/pets-2.0.json', 'test/fixtures/orders-3.0.yaml'], ['test/fixtures/not-openapi.yaml']]) {
      const log = sarif(args);
      assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    }
  });

  it('describes every rule for code scanning: docs link, help, level, tags, security-severity', () => {
    const log = sarif(['examples/insecure-api.yaml']);
    const driver = log.runs[0].tool.driver;
    assert.equal(log.version, '2.1.0');
    assert.equal(driver.name, 'openapi-security');
    assert.match(driver.informationUri, /^https:\/\//);
    for (const rule of allRules) {
      const descriptor = driver.rules.find((r) => r.id === rule.id);
      assert.ok(descriptor, rule.id);
      assert.ok(descriptor.helpUri.endsWith(`docs/rules.md#${ruleAnchor(rule.id)}`), descriptor.helpUri);
      assert.ok(descriptor.help.text.includes(rule.docs.why));
      assert.equal(descriptor.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[rule.severity]);
      assert.ok(descriptor.properties.tags.includes('security'));
      assert.ok(descriptor.properties.tags.includes(`OWASP-${rule.owasp}`));
      for (const cwe of rule.cwe) assert.ok(descriptor.properties.tags.includes(`CWE-${cwe}`));
      assert.match(descriptor.properties['security-severity'], /^\d+\.\d$/);
    }
    const results = log.runs[0].results;
    assert.ok(results.length > 0);
    for (const result of results) assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
    const http = results.find((r) => r.ruleId === 'owasp:api8:2023-no-server-http')!;
    assert.equal(http.level, 'error');
    assert.deepEqual(http.locations[0].physicalLocation.artifactLocation.uri, 'examples/insecure-api.yaml');
    assert.deepEqual(http.locations[0].physicalLocation.region, { startLine: 7, startColumn: 10, endLine: 7, endColumn: 35 });
    assert.ok(log.runs[0].properties.scores[0].score < 100);
  });

  it('makes artifact URIs relative to the working directory, whatever path was given', () => {
    const log = sarif([path.join(repoRoot, 'examples/insecure-api.yaml')], path.join(repoRoot, 'examples'));
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'insecure-api.yaml');
  });

  it('keeps fingerprints stable under an unrelated edit above the finding, and distinct per finding', () => {
    const original = readFileSync(path.join(repoRoot, 'examples/insecure-api.yaml'), 'utf8');
    const file = path.join(scratch, 'api.yaml');
    writeFileSync(file, original);
    const before = sarif([file]).runs[0].results;
    const edited = original.replace(/^info:\n/m, 'info:\n  description: |\n    A new paragraph\n    of two lines.\n');
    assert.notEqual(edited, original);
    writeFileSync(file, edited);
    const afterEdit = sarif([file]).runs[0].results;
    const key = (r: SarifResult) => `${r.ruleId} ${r.message.text}`;
    const http = (list: SarifResult[]) => list.find((r) => r.ruleId === 'owasp:api8:2023-no-server-http')!;
    assert.equal(http(afterEdit).locations[0].physicalLocation.region.startLine, http(before).locations[0].physicalLocation.region.startLine + 3, 'the finding moved down');
    assert.deepEqual(afterEdit.map((r) => r.partialFingerprints).sort(), before.map((r) => r.partialFingerprints).sort());
    assert.deepEqual(afterEdit.map(key).sort(), before.map(key).sort());
    const fingerprints = new Set(before.map((r) => JSON.stringify(r.partialFingerprints)));
    assert.equal(fingerprints.size, before.length, 'no two findings share a fingerprint');
  });
});

describe('--format github', () => {
  it('prints one workflow command per finding, escaped as GitHub requires', () => {
    const file = path.join(scratch, 'odd, name%.yaml');
    writeFileSync(file, readFileSync(path.join(repoRoot, 'examples/insecure-api.yaml'), 'utf8'));
    const { code, stdout } = cli(['lint', path.relative(repoRoot, file), '--format', 'github']);
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    assert.ok(lines.length > 3);
    for (const line of lines) assert.match(line, /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]+::[^\n\r]+$/);
    const http = lines.find((l) => l.includes('no-server-http'))!;
    assert.ok(http.startsWith(`::error file=${path.relative(repoRoot, file).replace('%', '%25').replace(',', '%2C')},line=7,col=10,endLine=7,endColumn=35,title=owasp%3Aapi8%3A2023-no-server-http::`), http);
    assert.ok(lines.some((l) => l.startsWith('::warning ')));
  });

  it('uses notice for info findings', () => {
    const { stdout } = cli(['lint', 'examples/insecure-api.yaml', '--format', 'github', '--rule', 'owasp:api8:2023-no-server-http=info']);
    assert.match(stdout, /^::notice file=examples\/insecure-api\.yaml,line=7,col=10,.*title=owasp%3Aapi8%3A2023-no-server-http::/m);
  });
});

describe('--format markdown', () => {
  it('prints a summary table and findings per file', () => {
    const { stdout } = cli(['lint', 'examples/insecure-api.yaml', 'test/fixtures/orders-3.0.yaml', '--format', 'markdown']);
    assert.match(stdout, /^# OpenAPI security report\n\n\| File \| Score \| Errors \| Warnings \| Info \| Hints \|\n/);
    assert.match(stdout, /^\| examples\/insecure-api\.yaml \| \d+ \| \d+ \| \d+ \| 0 \| 0 \|$/m);
    assert.match(stdout, /^## test\/fixtures\/orders-3\.0\.yaml$/m);
    assert.match(stdout, /^\| 7:10 \| error \| \[Server URL uses plain http\]\(https:\/\/.+#owasp-api8-2023-no-server-http\) \| Server URLs must not use http:\/\/\. /m);
  });
});
