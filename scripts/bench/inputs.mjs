// What the benchmark runs on: the files of the corpus and the generated synthetic series, and where
// in a document a "keystroke" lands (inside one operation of one path item).
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SPEC_FILE = /\.(ya?ml|json)$/i;

/**
 * The specs of a corpus folder: each top-level YAML/JSON file, plus the entry of each multi-file
 * folder (a `specification/` folder holding one `*.v2.yaml`-like file that is not under a subfolder).
 */
export function corpusFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isFile() && SPEC_FILE.test(name)) found.push({ name, file: full });
    else if (statSync(full).isDirectory()) {
      const entry = multiFileEntry(full);
      if (entry) found.push({ name: `${name} (entry)`, file: entry, multiFile: true });
    }
  }
  return found;
}

function multiFileEntry(dir) {
  for (const sub of [dir, path.join(dir, 'specification')]) {
    if (!existsSync(sub)) continue;
    const candidates = readdirSync(sub).filter((f) => SPEC_FILE.test(f) && statSync(path.join(sub, f)).isFile());
    const entry = candidates.find((f) => /openapi|public|swagger|api/i.test(f)) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (entry) return path.join(sub, entry);
  }
  return undefined;
}

/** Writes the synthetic specs (100, 1,000, 10,000 operations, or the given counts) into `dir`. */
export function syntheticFiles(dir, counts, specWithOperations) {
  return counts.map((n) => {
    const name = `synthetic-${n}ops.yaml`;
    const file = path.join(dir, name);
    writeFileSync(file, specWithOperations(n));
    return { name, file, synthetic: n };
  });
}

/**
 * Offsets where typing one character stays inside one operation of one path item and keeps the
 * document valid: the first character of each `operationId` value (after its quote, if quoted), or
 * else just after the leading `/` of each path key.
 * Spread over the document: at most `count` sites, taken evenly from all of them.
 */
export function editSites(text, count) {
  const all = [];
  const pattern = /(^[ \t]*operationId:[ \t]*['"]?|"operationId"\s*:\s*")(?=[A-Za-z0-9_])/gm;
  for (const match of text.matchAll(pattern)) all.push(match.index + match[0].length);
  // Path items that are only a $ref (multi-file specs) have no operationId: type in a path's key instead.
  const pathKey = /^[ \t]+['"]?\/(?=[A-Za-z0-9_{][^\n]*['"]?[ \t]*:)/gm;
  if (all.length === 0) for (const match of text.matchAll(pathKey)) all.push(match.index + match[0].length);
  if (all.length <= count) return all;
  const step = all.length / count;
  return Array.from({ length: count }, (_, i) => all[Math.floor(step * i + step / 2)]);
}

/** The LSP position (line, UTF-16 character) of an offset of the text. */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
