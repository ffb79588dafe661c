import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../server/src/engine';
import { rulesReference } from '../server/src/engine/docs/rulesReference';
import { withRulesTable } from '../server/src/engine/docs/rulesTable';
import { repoRoot } from './support/paths';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

describe('README', () => {
  it('has the rules table generated from the current rule metadata (npm run docs)', () => {
    assert.equal(readme, withRulesTable(readme, allRules));
  });

  it('has docs/rules.md generated from the current rule docs (npm run docs)', () => {
    assert.equal(readFileSync(path.join(repoRoot, 'docs', 'rules.md'), 'utf8'), rulesReference(allRules));
  });

  it('documents every setting that package.json contributes, with its default, in the settings table', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const properties: Record<string, { default: unknown }> = pkg.contributes.configuration.properties;
    const rows = new Map([...readme.matchAll(/^\| `(openapiSecurity\.[\w.]+)` \| `([^`]*)` \|/gm)].map((m) => [m[1], m[2]]));
    assert.deepEqual([...rows.keys()].sort(), Object.keys(properties).sort(), 'one row per setting');
    for (const [key, property] of Object.entries(properties)) assert.equal(rows.get(key), JSON.stringify(property.default), `${key} default`);
  });

  it('gives the setup commands that .ci/run runs', () => {
    const ci = readFileSync(path.join(repoRoot, '.ci/run'), 'utf8');
    for (const command of ci.split('\n').filter((l) => l.startsWith('npm'))) assert.ok(readme.includes(command), command);
  });
});
