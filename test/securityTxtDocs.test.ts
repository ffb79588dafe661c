import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { rfcSectionUrl, securityTxtRules } from '../server/src/engine';
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
