import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from './support/paths';

/** Entry names of a zip file, read from its central directory (a VSIX is a zip). */
export function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'end of central directory found');
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, 'central directory entry');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const MAX_VSIX_BYTES = 3 * 1024 * 1024;
const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'openapi-security-packaging-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('VSIX (vsce package, as npm run package does, from the built dist/)', () => {
  let vsix: string;
  let entries: string[];
  before(() => {
    vsix = path.join(scratch, 'extension.vsix');
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { cwd: repoRoot, stdio: 'pipe', timeout: 180_000 });
    entries = zipEntries(readFileSync(vsix));
  });

  it(`is at most 3 MB`, () => {
    const size = statSync(vsix).size;
    assert.ok(size <= MAX_VSIX_BYTES, `${size} bytes`);
    console.log(`# VSIX: ${(size / 1024).toFixed(0)} KiB, ${entries.length} entries`);
  });

  it('ships the bundles, the manifest, the icon, the schema and the documents users read', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const lower = entries.map((e) => e.toLowerCase());
    for (const file of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/lintWorker.js', 'extension/dist/spectralWorker.js', 'extension/dist/cli.js', 'extension/dist/cliMain.js', 'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/license.txt', `extension/${pkg.icon}`, 'extension/schemas/openapi-security.schema.json', 'extension/docs/rules.md', 'extension/syntaxes/securitytxt.tmLanguage.json', 'extension/syntaxes/securitytxt.language-configuration.json']) {
      assert.ok(lower.includes(file.toLowerCase()), `${file} in ${JSON.stringify(entries)}`);
    }
    assert.equal(`./${path.posix.relative('.', pkg.main)}`, './dist/client.js');
  });

  it('ships no source maps, sources, tests, fixtures, node_modules, screenshots or build output other than the bundles', () => {
    const unwanted = entries.filter(
      (e) =>
        e.endsWith('.map') ||
        /\.(ts|mts|cts|tsbuildinfo)$/.test(e) ||
        /(^|\/)(node_modules|test|tests|fixtures|out|client|server|rules|scripts|test-results|\.vscode-test|\.git|\.ci)\//.test(e) ||
        e.startsWith('extension/docs/images/') ||
        e.endsWith('.vsix'),
    );
    assert.deepEqual(unwanted, []);
    const extensionFiles = entries.filter((e) => e.startsWith('extension/'));
    const dist = extensionFiles.filter((e) => e.startsWith('extension/dist/'));
    assert.deepEqual(dist.sort(), ['extension/dist/cli.js', 'extension/dist/cliMain.js', 'extension/dist/client.js', 'extension/dist/lintWorker.js', 'extension/dist/server.js', 'extension/dist/spectralWorker.js']);
  });
});

describe('bundles are reproducible', () => {
  it('two builds, from two checkouts at different paths, give the same bytes', () => {
    // A second checkout of the bundle's inputs elsewhere on disk, sharing node_modules through a symlink.
    const copy = path.join(scratch, 'checkout');
    for (const part of ['client', 'server', 'rules', 'scripts', 'package.json', 'tsconfig.json']) cpSync(path.join(repoRoot, part), path.join(copy, part), { recursive: true });
    symlinkSync(realpathSync(path.join(repoRoot, 'node_modules')), path.join(copy, 'node_modules'), 'dir');
    const first = path.join(scratch, 'first');
    const second = path.join(scratch, 'second');
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'bundle.mjs'), '--outdir', first], { cwd: repoRoot, stdio: 'pipe', timeout: 120_000 });
    execFileSync(process.execPath, [path.join(copy, 'scripts', 'bundle.mjs'), '--outdir', second], { cwd: os.tmpdir(), stdio: 'pipe', timeout: 120_000 });
    const files = readdirSync(first).sort();
    assert.deepEqual(files, ['cli.js', 'cliMain.js', 'client.js', 'lintWorker.js', 'server.js', 'spectralWorker.js']);
    assert.deepEqual(readdirSync(second).sort(), files);
    for (const file of files) {
      const a = readFileSync(path.join(first, file));
      const b = readFileSync(path.join(second, file));
      assert.ok(a.equals(b), `${file} differs between the two builds`);
      assert.ok(!a.includes(repoRoot) && !a.includes(scratch), `${file} contains an absolute path of the build machine`);
    }
  });
});
