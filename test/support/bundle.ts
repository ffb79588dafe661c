import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatFor, parse } from '../../server/src/engine';
import { toPlain } from '../../server/src/engine/ast';
import { pointerSegments } from '../../server/src/engine/model/refs';

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/** Where a bundled subtree came from: a file and a JSON pointer (segments) in it. */
export interface Origin {
  bundled: string[];
  file: string;
  pointer: string[];
}

export interface Bundle {
  document: Plain;
  /** Every inlined subtree, so a path in the bundle maps back to the file it was written in. */
  origins: Origin[];
}

/**
 * A small bundler for tests: inlines every external `$ref` at its first use and turns later uses
 * of the same target into local references to that first copy (as json-schema-ref-parser's
 * bundle does). The root file's own locations stay where they are.
 */
export function bundleSpec(rootFile: string): Bundle {
  const files = new Map<string, Plain>();
  const load = (file: string): Plain => {
    let value = files.get(file);
    if (value === undefined) {
      const text = readFileSync(file, 'utf8');
      value = toPlain(parse(text, formatFor(file, text)).root) as Plain;
      files.set(file, value);
    }
    return value;
  };
  const root = path.resolve(rootFile);
  const origins: Origin[] = [];
  const sites = new Map<string, string[]>();

  const at = (value: Plain, pointer: string[]): Plain => {
    let node: Plain = value;
    for (const segment of pointer) node = node && typeof node === 'object' ? ((node as Record<string, Plain>)[segment] ?? null) : null;
    return node;
  };
  const inlinedAt = (file: string, pointer: string[]): string[] | undefined => {
    // A target inside an already inlined subtree is reached through that copy.
    for (let n = pointer.length; n >= 0; n--) {
      const site = sites.get(`${file}#${pointer.slice(0, n).join('/')}`);
      if (site) return [...site, ...pointer.slice(n)];
    }
    return undefined;
  };
  const toRef = (segments: string[]) => ({ $ref: `#/${segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}` });

  const copy = (value: Plain, file: string, where: string[]): Plain => {
    if (Array.isArray(value)) return value.map((item, i) => copy(item, file, [...where, String(i)]));
    if (!value || typeof value !== 'object') return value;
    const ref = value.$ref;
    if (typeof ref === 'string' && !where.some((w) => w === 'example' || w === 'examples' || w.startsWith('x-'))) {
      const hash = ref.indexOf('#');
      const target = hash === 0 ? file : path.resolve(path.dirname(file), hash < 0 ? ref : ref.slice(0, hash));
      const pointer = pointerSegments(hash < 0 ? '#' : ref.slice(hash)) ?? [];
      if (target === root) return toRef(pointer);
      const existing = inlinedAt(target, pointer);
      if (existing) return toRef(existing);
      sites.set(`${target}#${pointer.join('/')}`, where);
      origins.push({ bundled: where, file: target, pointer });
      return copy(at(load(target), pointer), target, where);
    }
    const out: Record<string, Plain> = {};
    for (const [key, child] of Object.entries(value)) out[key] = copy(child, file, [...where, key]);
    return out;
  };
  return { document: copy(load(root), root, []), origins };
}

/** The file and pointer a path of the bundle was written at. */
export function originOf(bundle: Bundle, rootFile: string, bundledPath: string[]): { file: string; pointer: string[] } {
  let best: Origin | undefined;
  for (const origin of bundle.origins) {
    if (origin.bundled.length <= bundledPath.length && origin.bundled.every((s, i) => s === bundledPath[i]) && (!best || origin.bundled.length > best.bundled.length)) best = origin;
  }
  return best ? { file: best.file, pointer: [...best.pointer, ...bundledPath.slice(best.bundled.length)] } : { file: path.resolve(rootFile), pointer: bundledPath };
}
