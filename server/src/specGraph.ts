import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticList } from './diagnosticList';

/**
 * Which specs (roots) are made of which files, and what each root found in each of its files. A file
 * shared by several specs shows the union of what they found in it; a root's new lint replaces only
 * its own contributions.
 */
/** A lint's findings in a spec's other files: all of them, or (`delta`) only what changed since the lint `base`. */
export interface OthersUpdate {
  files: readonly string[];
  others: ReadonlyArray<{ uri: string; diagnostics: string }>;
  /** Names this lint's findings, for the next lint to say what changed since. */
  id?: string;
  delta?: { base: string; removed: readonly string[] };
}

export class SpecGraph {
  private readonly filesOfRoot = new Map<string, Set<string>>();
  private readonly contributions = new Map<string, Map<string, DiagnosticList>>();
  /** The lint each root's recorded findings came from. */
  private readonly lintIds = new Map<string, string>();

  /** The lint whose findings are recorded for this root: the base a worker may send only the changes from. */
  lintIdOf(root: string): string | undefined {
    return this.lintIds.get(root);
  }

  /**
   * Records a root's lint, whole or as changes; returns the files to publish again, or undefined when the changes
   * are from another base than what is recorded (the caller lints again in full).
   */
  apply(root: string, update: OthersUpdate): string[] | undefined {
    const { delta } = update;
    if (!delta) {
      const touched = this.update(root, update.files, update.others);
      if (update.id) this.lintIds.set(root, update.id);
      return touched;
    }
    if (delta.base !== this.lintIds.get(root)) return undefined;
    this.filesOfRoot.set(root, new Set(update.files));
    const touched = new Set<string>();
    for (const { uri, diagnostics } of update.others) {
      if (uri === root) continue;
      let byRoot = this.contributions.get(uri);
      if (!byRoot) this.contributions.set(uri, (byRoot = new Map()));
      if (byRoot.get(root)?.json !== diagnostics) touched.add(uri);
      byRoot.set(root, DiagnosticList.fromJson(diagnostics));
    }
    for (const uri of delta.removed) {
      const byRoot = this.contributions.get(uri);
      if (!byRoot?.delete(root)) continue;
      touched.add(uri);
      if (byRoot.size === 0) this.contributions.delete(uri);
    }
    if (update.id) this.lintIds.set(root, update.id);
    else this.lintIds.delete(root);
    return [...touched];
  }

  /**
   * Records a root's lint; returns the files whose diagnostics changed (to publish again): a keystroke in one
   * file of a big split spec must not send the same findings to its hundred other files again.
   */
  update(root: string, files: readonly string[], others: ReadonlyArray<{ uri: string; diagnostics: string }>): string[] {
    this.lintIds.delete(root);
    const before = new Map<string, DiagnosticList>();
    for (const [file, byRoot] of this.contributions) {
      const previous = byRoot.get(root);
      if (!previous) continue;
      before.set(file, previous);
      byRoot.delete(root);
      if (byRoot.size === 0) this.contributions.delete(file);
    }
    this.filesOfRoot.set(root, new Set(files));
    const touched = new Set<string>();
    for (const { uri, diagnostics } of others) {
      if (uri === root) continue;
      let byRoot = this.contributions.get(uri);
      if (!byRoot) this.contributions.set(uri, (byRoot = new Map()));
      byRoot.set(root, DiagnosticList.fromJson(diagnostics));
      const previous = before.get(uri);
      before.delete(uri);
      if (previous?.json !== diagnostics) touched.add(uri);
    }
    // Files where this root found something before and nothing now.
    for (const file of before.keys()) touched.add(file);
    return [...touched];
  }

  /** Forgets a root (no longer a spec, or gone); returns the files to publish again. */
  remove(root: string): string[] {
    const touched = this.update(root, [], []);
    this.filesOfRoot.delete(root);
    return touched;
  }

  /** The roots whose spec includes this file. */
  rootsOf(file: string): string[] {
    return [...this.filesOfRoot].filter(([, files]) => files.has(file)).map(([root]) => root);
  }

  filesOf(root: string): string[] {
    return [...(this.filesOfRoot.get(root) ?? [])];
  }

  isRoot(uri: string): boolean {
    return this.filesOfRoot.has(uri);
  }

  /** What the roots found in this file, without duplicates (two specs sharing a schema report it once). */
  diagnosticsIn(file: string): DiagnosticList {
    const lists = [...(this.contributions.get(file)?.values() ?? [])];
    if (lists.length <= 1) return lists[0] ?? EMPTY;
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const list of lists) {
      for (const d of list.items) {
        const key = `${d.code}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(d);
      }
    }
    return DiagnosticList.of(out);
  }
}

const EMPTY = DiagnosticList.fromJson('[]');
