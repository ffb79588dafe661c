import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../server/src/engine';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { OWASP_CATEGORIES } from '../server/src/engine/owasp';
import { TOPIC_CONTROLS } from '../server/src/engine/reference/compliance';
import { repoRoot } from './support/paths';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);

describe('architecture', () => {
  it('keeps the engine and the rules free of editor and LSP imports', () => {
    for (const file of [...sources(path.join(repoRoot, 'server/src/engine')), ...sources(path.join(repoRoot, 'rules'))]) {
      for (const spec of importsOf(file)) {
        assert.ok(!/^vscode/.test(spec), `${path.relative(repoRoot, file)} imports ${spec}`);
      }
    }
  });

  it('lets the client import only the shared protocol module from the server', () => {
    for (const file of sources(path.join(repoRoot, 'client/src'))) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = path.resolve(path.dirname(file), spec);
        // The client's own modules are fine; from the server, only the protocol.
        if (target.startsWith(path.join(repoRoot, 'client/src') + path.sep)) continue;
        assert.equal(target, path.join(repoRoot, 'server/src/protocol'), `${file} imports ${spec}`);
      }
    }
    assert.deepEqual(importsOf(path.join(repoRoot, 'server/src/protocol.ts')), [], 'the protocol module imports nothing');
  });

  it('gives every rule its own file, complete metadata and docs, and a test beside it', () => {
    const ids = new Set<string>();
    const files = readdirSync(path.join(repoRoot, 'rules')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');
    assert.equal(files.length, allRules.length, 'one file per registered rule');
    for (const rule of allRules) {
      assert.match(rule.id, /^owasp:api(10|[1-9]):2023-[a-z0-9-]+$/i);
      assert.ok(!ids.has(rule.id), `duplicate ${rule.id}`);
      ids.add(rule.id);
      assert.ok(OWASP_CATEGORIES[rule.owasp], rule.id);
      assert.equal(rule.id.split(':')[1].toUpperCase() + ':2023', rule.owasp, `${rule.id} sits in its OWASP category`);
      assert.ok(rule.cwe.length > 0 && rule.versions.length > 0 && rule.versions.every((v) => ALL_VERSIONS.includes(v)), rule.id);
      for (const field of ['summary', 'why', 'howToFix'] as const) assert.ok(rule.docs[field].length > 20, `${rule.id} docs.${field}`);
      assert.ok(rule.topics.length > 0 && rule.topics.every((t) => TOPIC_CONTROLS[t]?.length > 0), `${rule.id} names the security topics it supports`);
      for (const divergence of rule.docs.divergences ?? []) assert.ok(divergence.reason.length > 20, `${rule.id} explains each divergence`);
      const file = files.find((f) => readFileSync(path.join(repoRoot, 'rules', f), 'utf8').includes(`'${rule.id}'`));
      assert.ok(file, `${rule.id} has a file`);
      const test = readFileSync(path.join(repoRoot, 'rules', file.replace(/\.ts$/, '.test.ts')), 'utf8');
      assert.ok(test.includes(rule.id), `${file} has a test naming ${rule.id}`);
    }
  });
});
