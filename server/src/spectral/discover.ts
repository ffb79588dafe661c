import { existsSync, lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { RULESET_FILE_NAMES } from './types';

/**
 * The Spectral ruleset for a document: the configured one (absolute, or relative to the document's root),
 * else the nearest `.spectral.*` beside the document or in a parent folder, up to and including its root.
 * vscode-spectral looks at the workspace root only; monorepos keep one ruleset per API folder.
 */
export function findRuleset(documentPath: string, roots: readonly string[], configured: string): string | undefined {
  const root = roots.filter((r) => isInside(documentPath, r)).sort((a, b) => b.length - a.length)[0];
  if (configured) return path.resolve(root ?? roots[0] ?? path.dirname(documentPath), configured);
  if (!root) return undefined;
  for (let dir = path.dirname(documentPath); isInside(dir, root); dir = path.dirname(dir)) {
    for (const name of RULESET_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate) && staysInside(candidate, root)) return candidate;
    }
    if (dir === root || path.dirname(dir) === dir) break;
  }
  return undefined;
}

/** A ruleset that is a symlink out of the workspace is not the workspace's ruleset. */
function staysInside(file: string, root: string): boolean {
  try {
    return !lstatSync(file).isSymbolicLink() || isInside(realpathSync(file), realpathSync(root));
  } catch {
    return false;
  }
}

export function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
