/**
 * What `new URL(ref, base)` gives for the references a split spec is made of (`../shared/errors.yml#/Error`
 * against a `file:///` URI), worked out on the strings: the URL parser costs several microseconds a call, and
 * the first lint of DigitalOcean's spec resolves ~10,000 of them. Anything else (escapes, drive letters, hosts,
 * queries, absolute or odd paths) is left to the URL parser; fileReference.test.ts checks that both agree.
 */
export interface ResolvedReference {
  /** The URL without its fragment. */
  href: string;
  /** Its path, percent-encoded as in `href`. */
  pathname: string;
  /** `URL.hash`: `#` and the fragment, or '' when the fragment is empty or absent. */
  hash: string;
  /** `URL.href`: with the fragment as written (`#` alone included). */
  full: string;
}

/** Path and fragment characters the URL parser keeps as they are. */
const PLAIN_REFERENCE = /^[A-Za-z0-9._~-][A-Za-z0-9._~/-]*(#[A-Za-z0-9._~/-]*)?$/;
/** A `file:///` URI without a host, query, fragment or anything the parser would rewrite. */
const PLAIN_BASE = /^file:\/\/\/[A-Za-z0-9._~\-/!$&'()*+,;=@%]*$/;

/** The reference resolved against `base` when both are plain; undefined when the URL parser must decide. */
export function plainFileReference(ref: string, base: string): ResolvedReference | undefined {
  if (!PLAIN_REFERENCE.test(ref) || !PLAIN_BASE.test(base)) return undefined;
  const hashAt = ref.indexOf('#');
  const refPath = hashAt < 0 ? ref : ref.slice(0, hashAt);
  const fragment = hashAt < 0 ? '' : ref.slice(hashAt);
  const basePath = base.slice('file://'.length);
  // Escaped dots and slashes are path syntax to the parser; empty segments and a trailing dot segment are kept or
  // turned into a folder by rules not repeated here.
  if (/%2e|%2f|%5c/i.test(basePath) || basePath.includes('//') || refPath.includes('//') || refPath.endsWith('/')) return undefined;
  const last = refPath.slice(refPath.lastIndexOf('/') + 1);
  if (last === '.' || last === '..') return undefined;
  const segments = basePath.split('/');
  segments.pop(); // the base's file name
  for (const segment of refPath.split('/')) {
    if (segment === '.') continue;
    if (segment === '..') {
      if (segments.length > 1) segments.pop();
    } else {
      segments.push(segment);
    }
  }
  const pathname = segments.join('/');
  const href = `file://${pathname}`;
  return { href, pathname, hash: fragment.length > 1 ? fragment : '', full: href + fragment };
}
