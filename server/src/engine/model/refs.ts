import { asArray, child, stringValue, type AstNode } from '../ast';
import type { ParsedDocument } from '../parse';
import { PairCache } from './pairCache';

const MAX_REF_HOPS = 64;

/** Decodes a JSON pointer fragment (`#/components/schemas/a~1b`) into segments. */
export function pointerSegments(ref: string): string[] | undefined {
  if (!ref.startsWith('#')) return undefined;
  const pointer = ref.slice(1);
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => {
      let decoded = s;
      try {
        decoded = decodeURIComponent(s);
      } catch {
        // A stray `%` is kept literally.
      }
      return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

export function refOf(node: AstNode | undefined): string | undefined {
  return node && node.kind === 'object' ? stringValue(child(node, '$ref')) : undefined;
}

/** One parsed file of a multi-file spec, and where it lives. */
export interface SourceFile {
  uri: string;
  document: ParsedDocument;
}

/**
 * Other files of a multi-file spec, by absolute URI. The caller decides what may be read (the workspace
 * only, never the network) and caches parses; the engine itself never touches the file system.
 */
export type FileLoader = (uri: string) => ParsedDocument | undefined;

/**
 * Resolves `$ref`s, following chains with a hop limit so that `A -> B -> A` ends. Local pointers
 * (`#/...`) resolve in the file where they are written; relative file references (`common.yaml#/Error`)
 * resolve through the loader, when there is one, against the referencing file's URI.
 */
export class RefResolver {
  private readonly files = new Map<AstNode, SourceFile>();
  private readonly byUri = new Map<string, SourceFile | null>();
  /** For each other file, the `$ref` (in some file) through which it was first reached. */
  private readonly firstReferrer = new Map<AstNode, AstNode>();

  constructor(
    private readonly root: AstNode | undefined,
    private readonly main?: SourceFile,
    private readonly load?: FileLoader,
  ) {
    if (root && main) {
      this.files.set(root, main);
      this.byUri.set(withoutHash(main.uri), main);
    }
  }

  /** Targets already looked up, per file: specs repeat the same references thousands of times. */
  private readonly memo = new Map<AstNode | undefined, Map<string, AstNode | undefined>>();

  /** The target of `ref` written in `from` (default: the main document's root). */
  lookup(ref: string, from?: AstNode): AstNode | undefined {
    const fromRoot = from ? rootOf(from) : this.root;
    let known = this.memo.get(fromRoot);
    if (!known) this.memo.set(fromRoot, (known = new Map()));
    if (known.has(ref)) return known.get(ref);
    const target = this.find(ref, fromRoot, from);
    known.set(ref, target);
    return target;
  }

  private find(ref: string, fromRoot: AstNode | undefined, from: AstNode | undefined): AstNode | undefined {
    const hash = ref.indexOf('#');
    if (hash === 0) return navigate(fromRoot, ref);
    const base = fromRoot && this.files.get(fromRoot);
    if (!this.load || !base) return undefined;
    const target = fileUrl(hash < 0 ? ref : ref.slice(0, hash), base.uri);
    if (target === undefined) return undefined;
    const file = this.fileAt(target);
    if (!file) return undefined;
    if (file.document.root && from && !this.firstReferrer.has(file.document.root) && file.document.root !== this.root) this.firstReferrer.set(file.document.root, from);
    return navigate(file.document.root, hash < 0 ? '#' : ref.slice(hash));
  }

  /** The node itself when it is not a reference; its final target when it is; undefined when unresolvable or cyclic. */
  resolve(node: AstNode | undefined): AstNode | undefined {
    let current = node;
    for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
      const ref = refOf(current);
      if (ref === undefined) return current;
      const target = this.lookup(ref, current);
      if (!target || target === current) return undefined;
      current = target;
    }
    return undefined;
  }

  /** The file a node was written in; undefined for the main document (or when files are not tracked). */
  fileOf(node: AstNode): SourceFile | undefined {
    // No other file read (a single-file spec): every node is the main document's, and no walk up to its root per finding.
    if (this.files.size === (this.root && this.main ? 1 : 0)) return undefined;
    const root = rootOf(node);
    return root === this.root ? undefined : this.files.get(root);
  }

  /** The `$ref` through which a node's file was first reached (undefined for the main document). */
  referrerOf(node: AstNode): AstNode | undefined {
    return this.firstReferrer.get(rootOf(node));
  }

  /**
   * This resolver with one file's document replaced (engine/incremental/files), for an edit that kept every `$ref`
   * of that file as it was: files are reached in the same order, each from the same `$ref` (`moved` gives a `$ref`
   * of the old document's its place in the new one), and what was resolved from files that do not reference the
   * edited one still holds. Undefined when a referencing site cannot be placed.
   */
  derive(edited: string, document: ParsedDocument, referencing: ReadonlySet<string>, moved: (site: AstNode) => AstNode | undefined): RefResolver | undefined {
    const before = this.byUri.get(edited);
    if (!before || !before.document.root || !document.root) return undefined;
    const oldRoot = before.document.root;
    const file: SourceFile = { uri: edited, document };
    const next = new RefResolver(this.root, this.main, this.load);
    for (const [uri, known] of this.byUri) next.byUri.set(uri, uri === edited ? file : known);
    for (const [root, known] of this.files) if (root !== oldRoot) next.files.set(root, known);
    next.files.set(document.root, file);
    for (const [root, referrer] of this.firstReferrer) {
      const site = rootOf(referrer) === oldRoot ? moved(referrer) : referrer;
      if (!site) return undefined;
      next.firstReferrer.set(root === oldRoot ? document.root : root, site);
    }
    for (const [root, memo] of this.memo) {
      const uri = root === undefined ? undefined : root === this.root ? this.main?.uri : this.files.get(root)?.uri;
      if (root !== oldRoot && uri !== undefined && !referencing.has(uri)) next.memo.set(root, memo);
    }
    return next;
  }

  /** Every other file loaded so far, in the order first reached. */
  loadedFiles(): SourceFile[] {
    return [...this.byUri.values()].filter((f): f is SourceFile => !!f && f !== this.main);
  }

  private fileAt(uri: string): SourceFile | undefined {
    const key = withoutHash(uri);
    const known = this.byUri.get(key);
    if (known !== undefined) return known ?? undefined;
    const document = this.load?.(key);
    const file = document ? { uri: key, document } : undefined;
    this.byUri.set(key, file ?? null);
    if (file?.document.root) this.files.set(file.document.root, file);
    return file;
  }
}

/**
 * A file reference made absolute, or undefined when it is not a URL: the same in every lint of a split spec, whose
 * 10,000 references would otherwise be parsed again on each keystroke.
 */
const fileUrls = new PairCache<string | null>(100_000);

export function fileUrl(ref: string, base: string): string | undefined {
  return (
    fileUrls.get(base, ref, () => {
      try {
        return new URL(ref, base).href;
      } catch {
        return null;
      }
    }) ?? undefined
  );
}

function withoutHash(uri: string): string {
  const hash = uri.indexOf('#');
  return hash < 0 ? uri : uri.slice(0, hash);
}

export function rootOf(node: AstNode): AstNode {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

function navigate(root: AstNode | undefined, ref: string): AstNode | undefined {
  const segments = pointerSegments(ref);
  if (!segments) return undefined;
  let node = root;
  for (const segment of segments) {
    if (!node) return undefined;
    if (node.kind === 'object') node = child(node, segment);
    else if (node.kind === 'array') node = /^\d+$/.test(segment) ? asArray(node)?.items[Number(segment)] : undefined;
    else return undefined;
  }
  return node;
}
