import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { lintText, type Analysis, type EngineDiagnostic } from '../server/src/engine';
import { lastFileFallback } from '../server/src/engine/incremental/files';
import { WorkspaceFiles, type Overlay } from '../server/src/workspaceFiles';
import { corpusDir } from './support/paths';

/**
 * Issue #9: an edit of one file of a split spec re-lints only what can reach it (engine/incremental/files). Over
 * fragments of the DigitalOcean spec and edits of many kinds, chained as in typing, the incremental result must be
 * the full lint's, diagnostic for diagnostic, in the same order.
 */
const folder = path.join(corpusDir(), 'digitalocean-multi');
const rootFile = path.join(folder, 'specification', 'DigitalOcean-public.v2.yaml');

function view(d: EngineDiagnostic) {
  return [d.code, d.uri, d.range, d.severity, d.message, d.related?.map((r) => [r.uri, r.range, r.message])];
}

/** A small deterministic generator: the same edits on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
}

const EDITS: Array<(text: string, pick: () => number) => string> = [
  (text) => `# edited\n${text}`,
  (text) => text.replace('type: string', 'type: integer'),
  (text) => text.replace(/^( *)type: string$/m, '$1type: string\n$1maxLength: 64'),
  (text) => text.replace(/^( *)type: object$/m, '$1type: object\n$1additionalProperties: true'),
  (text, pick) => {
    const lines = text.split('\n');
    lines.splice(Math.floor(pick() * lines.length), 1);
    return lines.join('\n');
  },
  (text) => text.replace(/description: .*/, 'description: a token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 was pasted here'),
  (text) => `${text}\nx-note: kept\n`,
  (text) => text.replace(/(['"]?)\$ref(['"]?): *(['"]?)([^'"\n#]+)/, '$1$ref$2: $3./no-such-file.yml'),
  // The same file, written another way: a `$ref` changed, the files of the spec did not.
  (text) => text.replace(/(\$ref['"]?: *['"]?)(\.\.\/|\.\/)/, '$1./$2'),
];

describe('split specs: an edit of one file, re-linted incrementally, equals a full lint', () => {
  it('over fragments of the DigitalOcean spec and chained edits of many kinds', (t) => {
    if (!existsSync(rootFile)) return t.skip(`the corpus is not at ${folder} (set it with --corpus DIR)`);
    const files = new WorkspaceFiles();
    const roots = [pathToFileURL(folder).href];
    const rootText = readFileSync(rootFile, 'utf8');
    const optionsWith = (overlays: Overlay[]) => ({
      fileName: rootFile,
      refs: { documentUri: pathToFileURL(rootFile).href, roots, fileExists: (uri: string) => files.exists(uri) },
      load: files.loader(roots, overlays),
    });
    let previous: Analysis = lintText(rootText, optionsWith([]));
    const fragments = previous.files.map((f) => f.uri).sort();
    const chosen = [
      ...fragments.filter((_, i) => i % 75 === 0),
      ...fragments.filter((uri) => /1-clicks\/models\/oneClicks\.yml$|droplets\/models\/droplet\.yml$|shared\/responses\/unauthorized\.yml$/.test(uri)),
    ];
    const pick = random(9);
    let version = 0;
    let steps = 0;
    let incremental = 0;
    let walked = 0;
    const fallbacks = new Map<string, number>();
    for (const uri of chosen) {
      let text = files.loader(roots, [])(uri)!.text;
      for (let e = 0; e < 3; e++) {
        text = EDITS[Math.floor(pick() * EDITS.length)](text, pick);
        const overlays = [{ uri, version: ++version, text }];
        const next = lintText(rootText, optionsWith(overlays), previous);
        const reason = lastFileFallback.reason;
        const full = lintText(rootText, optionsWith(overlays));
        steps++;
        if (next.incremental && lastFileFallback.walked) walked++;
        if (next.incremental) incremental++;
        else fallbacks.set(reason ?? '?', (fallbacks.get(reason ?? '?') ?? 0) + 1);
        assert.deepEqual(next.diagnostics.map(view), full.diagnostics.map(view), `${uri}, edit ${e}`);
        assert.deepEqual(next.files.map((f) => f.uri), full.files.map((f) => f.uri));
        assert.equal(next.suppressed.length, full.suppressed.length);
        previous = next;
      }
      // Back to the file as saved, so the next fragment edits the spec as it is on disk.
      previous = lintText(rootText, optionsWith([]), previous);
    }
    t.diagnostic(`${steps} edits in ${chosen.length} files, ${incremental} re-linted incrementally (${walked} with the $ref walk); full lints: ${JSON.stringify(Object.fromEntries(fallbacks))}`);
    assert.ok(walked > 0 && walked < incremental, 'both ways of resolving: the previous resolver carried over, and the $ref walk again');
    // Edits that add a file, or fragments whose path items reach parts of shared files no other path item reaches, are
    // linted in full (about two thirds of these); the rest must be many enough to mean something.
    assert.ok(incremental >= steps / 4, `edits take the incremental path (${incremental} of ${steps})`);
    assert.ok((fallbacks.get('the edited path items reach parts of shared files no other path item does') ?? 0) > 0, 'and the shared-part check was met');
  });
});
