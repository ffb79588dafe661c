// Writes dist/cliMain.cache: V8's code cache for the CLI bundle, taken after linting the bundled examples,
// so `openapi-security lint` starts without compiling the functions a lint runs (server/src/cli/launcher.ts
// checks that the cache was made from the very bundle beside it). Run by `npm run build` after bundle.mjs;
// `--outdir <dir>` for a bundle elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const flag = process.argv.indexOf('--outdir');
const outdir = flag >= 0 ? path.resolve(process.argv[flag + 1]) : path.join(root, 'dist');
const cache = path.join(outdir, 'cliMain.cache');
rmSync(cache, { force: true });
const run = spawnSync(process.execPath, [path.join(outdir, 'cli.js'), 'lint', 'examples', '--format', 'json', '--fail-on', 'never'], {
  cwd: root,
  env: { ...process.env, OPENAPI_SECURITY_WRITE_CODE_CACHE: cache },
  stdio: ['ignore', 'ignore', 'inherit'],
  timeout: 60_000,
});
if (run.status !== 0 || !existsSync(cache)) {
  console.error(`codeCache: the CLI exited with ${run.status ?? run.signal} and wrote no cache`);
  process.exit(1);
}
