// Bundles the client, the language server and the CLI into single files for the VSIX and `bin`.
// `--outdir <dir>` writes elsewhere than dist/ (the reproducibility test builds twice and compares).
// The output depends only on the sources, package.json and esbuild's version: no timestamps, no
// absolute paths (the working directory is pinned to the repository), so the same inputs give the same bytes.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const flag = process.argv.indexOf('--outdir');
const outdir = flag >= 0 ? path.resolve(process.argv[flag + 1]) : path.join(root, 'dist');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const common = {
  absWorkingDir: root,
  // node_modules may be a symlink (a worktree sharing another checkout's): keep the paths the bundle's
  // comments show relative to this checkout, or the bytes would depend on where node_modules lives.
  preserveSymlinks: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
};

await Promise.all([
  // The client is minified: VS Code loads it on activation, and half the bytes load in about half the
  // time. The server and the CLI keep readable stack traces for bug reports.
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: path.join(outdir, 'client.js'), external: ['vscode'], minify: true }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: path.join(outdir, 'server.js') }),
  // `openapi-security` is a small launcher that loads the CLI bundle with the V8 code cache
  // scripts/codeCache.mjs writes beside it (see server/src/cli/launcher.ts).
  build({ ...common, entryPoints: ['server/src/cli/launcher.ts'], outfile: path.join(outdir, 'cli.js') }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: path.join(outdir, 'cliMain.js') }),
  // The server starts it as a worker thread from its own folder.
  build({ ...common, entryPoints: ['server/src/lintWorker.ts'], outfile: path.join(outdir, 'lintWorker.js') }),
  // Users' Spectral rulesets run here (server and CLI), loaded only when a document has a ruleset. Minified:
  // Spectral, its rulesets and their schemas are most of the VSIX otherwise.
  build({ ...common, entryPoints: ['server/src/spectralWorker.ts'], outfile: path.join(outdir, 'spectralWorker.js'), minify: true }),
]);
