import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, found from the compiled test's location (out/...) or the source tree. */
export const repoRoot = (() => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
})();

export const serverBundle = path.join(repoRoot, 'dist', 'server.js');
export const cliBundle = path.join(repoRoot, 'dist', 'cli.js');

/**
 * The shared corpus of real specs: `--corpus DIR` (after `--` in npm) or OPENAPI_SECURITY_CORPUS
 * override the default `../shared/corpus`.
 */
export function corpusDir(): string {
  const flag = process.argv.indexOf('--corpus');
  if (flag > 0 && process.argv[flag + 1]) return path.resolve(process.argv[flag + 1]);
  return path.resolve(process.env.OPENAPI_SECURITY_CORPUS ?? path.join(repoRoot, '..', 'shared', 'corpus'));
}
