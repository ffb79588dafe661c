import { asArray, child, stringValue, type AstNode } from '../ast';

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

/**
 * Resolves local `$ref`s (`#/...`) against the document root, following chains with a
 * hop limit so that `A -> B -> A` ends. External references are left to the caller.
 */
export class RefResolver {
  constructor(private readonly root: AstNode | undefined) {}

  lookup(ref: string): AstNode | undefined {
    const segments = pointerSegments(ref);
    if (!segments) return undefined;
    let node = this.root;
    for (const segment of segments) {
      if (!node) return undefined;
      if (node.kind === 'object') node = child(node, segment);
      else if (node.kind === 'array') node = /^\d+$/.test(segment) ? asArray(node)?.items[Number(segment)] : undefined;
      else return undefined;
    }
    return node;
  }

  /** The node itself when it is not a reference; its final target when it is; undefined when unresolvable or cyclic. */
  resolve(node: AstNode | undefined): AstNode | undefined {
    let current = node;
    for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
      const ref = refOf(current);
      if (ref === undefined) return current;
      const target = this.lookup(ref);
      if (!target || target === current) return undefined;
      current = target;
    }
    return undefined;
  }
}
