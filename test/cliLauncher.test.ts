import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { cliBundle, repoRoot } from './support/paths';

// The launcher (dist/cli.js) loads dist/cliMain.js with the code cache the build wrote; whatever state the
// cache is in, the command must behave exactly as the bundle run directly.
const dist = path.dirname(cliBundle);
const scratch = mkdtempSync(path.join(tmpdir(), 'openapi-security-launcher-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const example = path.join(repoRoot, 'examples', 'insecure-api.yaml');

function run(launcher: string) {
  const result = spawnSync(process.execPath, [launcher, 'lint', example, '--format', 'json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, OPENAPI_SECURITY_DEBUG_CODE_CACHE: '1' },
  });
  return { code: result.status, stdout: result.stdout, cache: /code cache (\w+)/.exec(result.stderr)?.[1] };
}

/** A copy of the launcher and the bundle in a folder of its own, with `cache` as its code cache (or none). */
function copyWith(name: string, cache: Buffer | 'a folder' | undefined): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir);
  copyFileSync(path.join(dist, 'cli.js'), path.join(dir, 'cli.js'));
  copyFileSync(path.join(dist, 'cliMain.js'), path.join(dir, 'cliMain.js'));
  if (cache === 'a folder') mkdirSync(path.join(dir, 'cliMain.cache'));
  else if (cache) writeFileSync(path.join(dir, 'cliMain.cache'), cache);
  return path.join(dir, 'cli.js');
}

describe('the CLI launcher and its code cache', () => {
  const direct = spawnSync(process.execPath, [path.join(dist, 'cliMain.js'), 'lint', example, '--format', 'json'], { cwd: repoRoot, encoding: 'utf8' });
  const built = readFileSync(path.join(dist, 'cliMain.cache'));

  it('uses the cache the build wrote, with the same output and exit code as the bundle run directly', () => {
    assert.ok(existsSync(path.join(dist, 'cliMain.cache')), 'npm run build writes dist/cliMain.cache');
    const result = run(cliBundle);
    assert.equal(result.cache, 'used');
    assert.equal(result.code, direct.status);
    assert.equal(result.stdout, direct.stdout);
    assert.match(result.stdout, /"owasp:api2:2023-no-security|"findings"/);
  });

  it('runs the same without a cache, with an unreadable one, with one of other sources, and with one V8 refuses', () => {
    // The cache starts with the bundle it was made from: its byte length, then its bytes.
    const header = 4 + built.readUInt32LE(0);
    assert.ok(built.subarray(4, header).equals(readFileSync(path.join(dist, 'cliMain.js'))), 'the built cache names the built bundle');
    const otherSources = Buffer.from(built);
    otherSources[header - 2] ^= 1; // one bit of the remembered bundle changed: as if the bundle had been edited since
    const garbage = Buffer.concat([built.subarray(0, header), Buffer.from('not a V8 code cache at all')]);
    for (const [name, cache, state] of [['absent', undefined, 'absent'], ['unreadable', 'a folder', 'absent'], ['stale', otherSources, 'stale'], ['refused', garbage, 'rejected']] as const) {
      const result = run(copyWith(name, cache));
      assert.equal(result.cache, state, name);
      assert.equal(result.code, direct.status, name);
      assert.equal(result.stdout, direct.stdout, name);
    }
  });
});
