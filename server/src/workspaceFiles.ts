import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatFor, looksLikeOpenApi, parse, type FileLoader, type ParsedDocument } from './engine';

/** An open document's text, which wins over what is on disk. */
export interface Overlay {
  uri: string;
  version: number;
  text: string;
}

/** Folders below which roots are looked for: never these. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', '.vscode-test']);
/** A workspace with more files than this is not searched for the roots of a fragment. */
const MAX_SCANNED_FILES = 20_000;
const SPEC_FILE = /\.(ya?ml|json)$/i;
/**
 * How long what the disk said about a file is trusted without asking again, while the client reports no change
 * (a client that watches files bumps the generation at once): a keystroke in a 1,500-file spec re-lints it, and
 * 3,000 stat calls per keystroke cost ~25 ms.
 */
export const DISK_FRESH_MS = 2_000;

/**
 * The other files of multi-file specs, as the lint worker reads them: only inside the workspace folders
 * (symlinks resolved before the check), open documents' unsaved text first, every file parsed once and
 * re-parsed only when its text changes (open documents: version; on disk: modification time and size).
 */
export class WorkspaceFiles {
  private readonly parsed = new Map<string, { key: string; document: ParsedDocument }>();
  /**
   * Files whose real path was found inside the workspace folders, by the identity of the file then: a spec of
   * 1,500 files is linted again on each keystroke, and resolving every path each time cost ~100 ms.
   */
  private readonly verified = new Map<string, { identity: string; rootsKey: string; resolved: string }>();
  /** Disk answers (a parsed file or none; whether a path exists) of the current generation, and when they were given. */
  private readonly recent = new Map<string, { generation: number; rootsKey: string; at: number; document: ParsedDocument | undefined }>();
  private readonly recentExists = new Map<string, { generation: number; at: number; exists: boolean }>();

  constructor(private readonly freshMs = DISK_FRESH_MS) {}

  /**
   * Reads workspace files. With a `generation` (bumped by the server whenever the client reports changed files),
   * what the disk said is reused for `freshMs` (DISK_FRESH_MS) within that generation; without one, every call asks the disk.
   */
  loader(roots: readonly string[], overlays: readonly Overlay[], generation?: number): FileLoader {
    const open = new Map(overlays.map((o) => [o.uri, o]));
    const realRoots = roots.flatMap((r) => {
      try {
        return [realpathSync.native(fileURLToPath(r))];
      } catch {
        return [];
      }
    });
    const rootsKey = realRoots.join('\n');
    const fromDisk = (uri: string) => this.fromDisk(uri, realRoots, rootsKey);
    return (uri) => {
      const overlay = open.get(uri);
      if (overlay) return this.cached(uri, `v${overlay.version}`, () => overlay.text);
      if (generation === undefined) return fromDisk(uri);
      const now = Date.now();
      const known = this.recent.get(uri);
      if (known && known.generation === generation && known.rootsKey === rootsKey && now - known.at < this.freshMs) return known.document;
      const document = fromDisk(uri);
      this.recent.set(uri, { generation, rootsKey, at: now, document });
      return document;
    };
  }

  /** Whether a file (or folder) exists; within a generation, the answer is reused as the loader's are. */
  exists(uri: string, generation?: number): boolean {
    const now = Date.now();
    const known = generation === undefined ? undefined : this.recentExists.get(uri);
    if (known && known.generation === generation && now - known.at < this.freshMs) return known.exists;
    let exists = false;
    try {
      exists = existsSync(fileURLToPath(uri));
    } catch {
      // Not a file: URI.
    }
    if (generation !== undefined) this.recentExists.set(uri, { generation, at: now, exists });
    return exists;
  }

  private fromDisk(uri: string, realRoots: readonly string[], rootsKey: string): ParsedDocument | undefined {
    try {
      const file = fileURLToPath(uri);
      // stat follows symlinks: the file itself, wherever the path leads.
      const stat = statSync(file);
      if (!stat.isFile()) return undefined;
      const identity = `${stat.dev}:${stat.ino}:${stat.mtimeMs}:${stat.size}`;
      let real = this.verified.get(file);
      // The very same file (device and inode) as when its real path was checked: it is still that file,
      // inside the workspace. A path that now leads elsewhere (a symlink swapped in) leads to another inode.
      if (!real || real.identity !== identity || real.rootsKey !== rootsKey) {
        const resolved = realpathSync.native(file);
        if (!realRoots.some((root) => isInside(root, resolved))) return undefined;
        this.verified.set(file, (real = { identity, rootsKey, resolved }));
      }
      const { resolved } = real;
      return this.cached(uri, `m${stat.mtimeMs}:${stat.size}`, () => readFileSync(resolved, 'utf8'));
    } catch {
      return undefined;
    }
  }

  /** Text of a workspace file on disk (a closed root being re-linted), or undefined outside the workspace. */
  read(uri: string, roots: readonly string[]): string | undefined {
    const document = this.loader(roots, [])(uri);
    return document?.text;
  }

  /**
   * Files in the workspace folders that look like OpenAPI roots (`openapi:` or `swagger:` near the top):
   * the candidates for "which specs use this fragment".
   */
  discoverRoots(roots: readonly string[]): string[] {
    const found: string[] = [];
    let scanned = 0;
    const walk = (dir: string) => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (scanned >= MAX_SCANNED_FILES) return;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
        } else if (entry.isFile() && SPEC_FILE.test(entry.name)) {
          scanned++;
          if (looksLikeRoot(full)) found.push(pathToFileURL(full).href);
        }
      }
    };
    for (const root of roots) {
      try {
        walk(fileURLToPath(root));
      } catch {
        // Not a file: URI; nothing to scan.
      }
    }
    return found;
  }

  private cached(uri: string, key: string, text: () => string): ParsedDocument {
    const known = this.parsed.get(uri);
    if (known && known.key === key) return known.document;
    const content = text();
    const document = parse(content, formatFor(uri, content));
    this.parsed.set(uri, { key, document });
    return document;
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Reads only the head of the file: a workspace scan must not read every large file whole. */
function looksLikeRoot(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(4096);
    const length = readSync(fd, head, 0, head.length, 0);
    return looksLikeOpenApi(head.toString('utf8', 0, length));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
