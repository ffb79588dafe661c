import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, globBase, globToRegExp, hasGlobMagic, isSecurityTxtPath, parseConfig, type ProjectConfig } from '../engine';
import { UsageError } from './args';

const SPEC_EXTENSIONS = /\.(ya?ml|json)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

const toPosix = (p: string) => p.split(path.sep).join('/');

function walk(dir: string, visit: (file: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(full, visit);
    } else if (entry.isFile()) visit(full);
  }
}

/**
 * Files to lint, in order and without duplicates. Globs are expanded here, so a quoted
 * 'specs/**\/*.yaml' works the same in every shell; directories mean the YAML, JSON and security.txt files below them.
 * Paths stay as the user wrote them (relative to `cwd` when they were).
 */
export function expandInputs(inputs: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  const add = (file: string) => {
    if (!files.includes(file)) files.push(file);
  };
  for (const input of inputs) {
    if (input === '-') {
      add(input);
      continue;
    }
    const pattern = toPosix(input);
    if (hasGlobMagic(pattern)) {
      const base = globBase(pattern);
      const matcher = globToRegExp(pattern.replace(/^\.\//, ''));
      let matched = 0;
      walk(path.resolve(cwd, base), (full) => {
        const shown = path.isAbsolute(pattern) ? toPosix(full) : toPosix(path.relative(cwd, full));
        if (matcher.test(shown)) {
          matched++;
          add(shown);
        }
      });
      if (matched === 0) throw new UsageError(`no files match '${input}'`);
    } else if (existsSync(path.resolve(cwd, input)) && statSync(path.resolve(cwd, input)).isDirectory()) {
      walk(path.resolve(cwd, input), (full) => {
        if (SPEC_EXTENSIONS.test(full) || isSecurityTxtPath(full)) add(toPosix(path.relative(cwd, full)));
      });
    } else add(input);
  }
  return files;
}

export interface LoadedConfig {
  config: ProjectConfig;
  /** The config file, or undefined when none was found. */
  file: string | undefined;
  problems: string[];
}

/** `--config`, else `.openapi-security.yaml` in `cwd` or the nearest parent. */
export function loadConfig(explicit: string | undefined, cwd: string): LoadedConfig {
  let file = explicit ? path.resolve(cwd, explicit) : undefined;
  if (!file) {
    for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, CONFIG_FILE_NAME))) {
        file = path.join(dir, CONFIG_FILE_NAME);
        break;
      }
      if (path.dirname(dir) === dir) return { config: EMPTY_CONFIG, file: undefined, problems: [] };
    }
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config ${explicit ?? file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const { config, problems } = parseConfig(text);
  if (problems.some((p) => p.startsWith('not valid YAML'))) throw new UsageError(`${file}: ${problems[0]}`);
  return { config, file, problems: problems.map((p) => `${file}: ${p}`) };
}
