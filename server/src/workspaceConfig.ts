/**
 * `.openapi-security.yaml` for documents in the editor: searched from the document's folder
 * up to its workspace folder and never above it, so the server reads nothing outside the
 * workspace. Documents outside every workspace folder (and untitled ones) get no config.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, isFileIgnored, parseConfig, type ProjectConfig } from './engine';

export interface DocumentConfig {
  config: ProjectConfig;
  /** The config file in force, if any. */
  file: string | undefined;
  /** `ignore.files` excludes this document. */
  ignored: boolean;
}

const NO_CONFIG: DocumentConfig = { config: EMPTY_CONFIG, file: undefined, ignored: false };

function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

const isInside = (root: string, candidate: string) => {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

export class WorkspaceConfigs {
  private folderUris: string[] = [];
  private roots: string[] = [];
  /** Parsed files by path, reused while their modification time is unchanged. */
  private readonly parsed = new Map<string, { mtimeMs: number; config: ProjectConfig; problems: string[] }>();

  constructor(private readonly onProblems: (file: string, problems: string[]) => void) {}

  setFolders(uris: readonly string[]): void {
    this.folderUris = [...uris];
    // Innermost folder first, for nested workspace folders.
    this.roots = uris.map(filePath).filter((p): p is string => !!p).sort((a, b) => b.length - a.length);
  }

  changeFolders(added: readonly string[], removed: readonly string[]): void {
    this.setFolders([...this.folderUris.filter((u) => !removed.includes(u)), ...added]);
  }

  /** The workspace folder URIs: documents may reference files inside them, nothing else. */
  folders(): string[] {
    return [...this.folderUris];
  }

  /** Forget parsed files, e.g. when the client reports a change to one. */
  invalidate(): void {
    this.parsed.clear();
  }

  forDocument(uri: string): DocumentConfig {
    const documentPath = filePath(uri);
    if (!documentPath) return NO_CONFIG;
    const root = this.roots.find((r) => isInside(r, documentPath));
    if (!root) return NO_CONFIG;
    for (let dir = path.dirname(documentPath); isInside(root, dir); dir = path.dirname(dir)) {
      const file = path.join(dir, CONFIG_FILE_NAME);
      const config = this.read(file, root);
      if (config) return { config, file, ignored: isFileIgnored(config, path.relative(dir, documentPath).split(path.sep).join('/')) };
      if (dir === root) break;
    }
    return NO_CONFIG;
  }

  private read(file: string, root: string): ProjectConfig | undefined {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
      // A symlink may not lead the server outside the workspace either.
      if (!isInside(realpathSync(root), realpathSync(file))) return undefined;
    } catch {
      return undefined;
    }
    const cached = this.parsed.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached.config;
    try {
      const { config, problems } = parseConfig(readFileSync(file, 'utf8'));
      this.parsed.set(file, { mtimeMs, config, problems });
      if (problems.length) this.onProblems(file, problems);
      return config;
    } catch {
      return undefined;
    }
  }
}
