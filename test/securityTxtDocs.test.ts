import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { parseConfig, rfcSectionUrl, securityTxtRules } from '../server/src/engine';
import { repoRoot } from './support/paths';

describe('README security.txt section', () => {
  it('has a row for every security.txt rule with its current title, severity, RFC section and fix', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| `securitytxt:'));
    assert.deepEqual(
      rows,
      securityTxtRules.map((r) => `| \`${r.id}\` | ${r.title} | ${r.severity} | [${r.section}](${rfcSectionUrl(r.section)}) | ${r.fixable ? 'yes' : '—'} |`),
    );
  });

  it('marks as fixable exactly the rules whose findings offer fixes somewhere in the tests', () => {
    const tests = ['server/src/engine/securityTxt/fixes.test.ts'].map((f) => readFileSync(path.join(repoRoot, f), 'utf8')).join('\n');
    for (const rule of securityTxtRules) assert.equal(tests.includes(`'${rule.id}'`), rule.fixable, `${rule.id}: fixable ${rule.fixable}, fix tested ${tests.includes(`'${rule.id}'`)}`);
  });
});

describe('schemas/openapi-security.schema.json and security.txt rules', () => {
  it('accepts security.txt rule ids in rules and ignore.findings, as the config parser does', () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/openapi-security.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    const text = 'rules:\n  securitytxt:expires-too-far: off\nignore:\n  findings:\n    - { rule: securitytxt:unknown-field, path: /X-Bug-Bounty }\n';
    assert.deepEqual(parseConfig(text).problems, []);
    assert.ok(validate(parseYaml(text)), JSON.stringify(validate.errors));
    for (const rule of securityTxtRules) assert.ok(schema.properties.rules.properties[rule.id], rule.id);
    assert.ok(!validate(parseYaml('rules: {securitytxt:no-such-rule: off}')));
  });
});
