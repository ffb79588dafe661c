import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { findRuleset } from './discover';

const scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'openapi-security-discover-')));
after(() => rmSync(scratch, { recursive: true, force: true }));
const write = (relative: string) => {
  const file = path.join(scratch, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'rules: {}\n');
  return file;
};

describe('finding the Spectral ruleset of a document', () => {
  const root = path.join(scratch, 'ws');
  it('takes the nearest ruleset from the folder of the document up to its workspace folder, never above', () => {
    write('.spectral.yaml'); // above the workspace: never used
    const top = write('ws/.spectral.json');
    const nested = write('ws/apis/orders/.spectral.yml');
    write('ws/apis/orders/v1/api.yaml');
    assert.equal(findRuleset(path.join(root, 'apis/orders/v1/api.yaml'), [root], ''), nested);
    assert.equal(findRuleset(path.join(root, 'apis/users/api.yaml'), [root], ''), top);
    assert.equal(findRuleset(path.join(scratch, 'elsewhere/api.yaml'), [root], ''), undefined, 'outside every workspace folder');
    const bare = path.join(scratch, 'bare');
    write('bare/specs/api.yaml');
    assert.equal(findRuleset(path.join(bare, 'specs/api.yaml'), [bare], ''), undefined, 'the ruleset above the root is not used');
  });

  it('prefers .yaml over .js in one folder, as Spectral does', () => {
    const yaml = write('pref/.spectral.yaml');
    write('pref/.spectral.js');
    assert.equal(findRuleset(path.join(scratch, 'pref/api.yaml'), [path.join(scratch, 'pref')], ''), yaml);
  });

  it('skips a ruleset that is a symlink out of the workspace folder', () => {
    const outside = write('outside/rules.yaml');
    mkdirSync(path.join(scratch, 'linked/api'), { recursive: true });
    symlinkSync(outside, path.join(scratch, 'linked/api/.spectral.yaml'));
    const parent = write('linked/.spectral.yaml');
    assert.equal(findRuleset(path.join(scratch, 'linked/api/api.yaml'), [path.join(scratch, 'linked')], ''), parent);
  });

  it('the setting names a ruleset relative to the workspace folder, or absolute', () => {
    assert.equal(findRuleset(path.join(root, 'apis/users/api.yaml'), [root], 'rules/team.yaml'), path.join(root, 'rules/team.yaml'));
    assert.equal(findRuleset(path.join(root, 'apis/users/api.yaml'), [root], '/etc/team.yaml'), '/etc/team.yaml');
  });
});
