import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { formatFor, lintText, securityScore, type Analysis } from '../server/src/engine';
import { lastFallback } from '../server/src/engine/incremental/relint';
import { diagnosticOf, finish } from '../server/src/engine/lint';
import { mutate, random } from './support/fuzz';
import { pathItemEdit, type Random } from './support/pathItemEdits';
import { corpusDir, repoRoot } from './support/paths';

/**
 * Issue #6: after an edit inside one path item, the incremental lint (engine/incremental) must say exactly
 * what a full lint of the new text says: same diagnostics (code, range, message, severity, path), same
 * suppressed findings, same score. Seeded random edits over the fixtures and the corpus.
 */
const SEED = Number(process.env.OPENAPI_SECURITY_INCREMENTAL_SEED ?? 6);

function seeded(seed: number): Random {
  let state = seed | 0;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Everything a user sees of an analysis, in a stable order. */
function visible(analysis: Analysis): { diagnostics: string[]; suppressed: string[]; score: number | undefined } {
  const diagnostics = analysis.diagnostics.map((d) => `${d.code}|${d.offset}-${d.end}|${JSON.stringify(d.range)}|${d.severity}|${d.path.join('/')}|${d.message}`).sort();
  const suppressed = analysis.suppressed.map((f) => `${f.rule.id}|${f.offset}-${f.end}|${f.path.join('/')}`).sort();
  const score = analysis.isOpenApi ? securityScore(analysis.findings.map((f) => ({ ruleId: f.rule.id, owasp: f.rule.owasp, severity: f.severity }))).score : undefined;
  return { diagnostics, suppressed, score };
}

interface Session {
  edits: number;
  incremental: number;
  kinds: Map<string, number>;
  fallbacks: Map<string, number>;
}

/** `count` edits in a row, each linted incrementally from the previous analysis and in full; they must agree. */
function editSession(text: string, fileName: string, count: number, random: Random): Session {
  const format = formatFor(fileName, text);
  let current = text;
  let previous = lintText(current, { format });
  const session: Session = { edits: 0, incremental: 0, kinds: new Map(), fallbacks: new Map() };
  for (let i = 0; i < count; i++) {
    const edit = pathItemEdit(previous, random);
    if (!edit) break;
    const incremental = lintText(edit.text, { format }, previous);
    const full = lintText(edit.text, { format });
    session.edits++;
    session.kinds.set(edit.kind, (session.kinds.get(edit.kind) ?? 0) + 1);
    if (incremental.incremental) session.incremental++;
    else session.fallbacks.set(lastFallback.reason ?? '(no reason)', (session.fallbacks.get(lastFallback.reason ?? '(no reason)') ?? 0) + 1);
    assert.deepEqual(visible(incremental), visible(full), `${fileName}: edit ${i} (${edit.kind}) differs from a full lint`);
    // A broken document ends the chain there: the next edit starts again from the last good text.
    if (full.document.problems.length > 0) previous = lintText(current, { format });
    else {
      current = edit.text;
      previous = incremental;
    }
  }
  return session;
}

function summary(name: string, s: Session): string {
  return `${name}: ${s.edits} edits, ${s.incremental} incremental; fallbacks ${JSON.stringify(Object.fromEntries(s.fallbacks))}`;
}

const fixtures = ['orders-3.0.yaml', 'pets-2.0.json', 'security-keys-3.1.yaml', 'security-keys-2.0.json'].map((f) => path.join(repoRoot, 'test', 'fixtures', f));

describe('incremental lint equals a full lint', () => {
  for (const file of fixtures) {
    it(`random edits in path items of ${path.basename(file)}`, () => {
      const session = editSession(readFileSync(file, 'utf8'), file, 60, seeded(SEED));
      console.log(summary(path.basename(file), session));
      assert.ok(session.edits >= 60);
      // Most edits keep the syntax valid and stay inside one item: if none ran incrementally, the mechanism is off.
      assert.ok(session.incremental >= session.edits / 3, summary(path.basename(file), session));
    });
  }

  const dir = corpusDir();
  const corpus = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];
  /** Edits per corpus file, fewer on the big ones: each is also linted in full for the comparison. */
  const editsFor = (bytes: number) => (bytes > 2_000_000 ? 5 : bytes > 1_000_000 ? 8 : 20);
  const splitEntry = path.join(dir, 'digitalocean-multi', 'specification', 'DigitalOcean-public.v2.yaml');
  it('on a split spec\'s entry file opened alone (operations are `$ref`s to files not read)', { skip: existsSync(splitEntry) ? false : `not found: ${splitEntry}`, timeout: 600_000 }, () => {
    const session = editSession(readFileSync(splitEntry, 'utf8'), splitEntry, 40, seeded(SEED));
    console.log(summary('digitalocean entry', session));
    assert.ok(session.incremental >= session.edits / 2, summary('digitalocean entry', session));
  });

  it('on the corpus', { skip: corpus.length === 0 ? `corpus not found at ${dir} (pass --corpus DIR or set OPENAPI_SECURITY_CORPUS)` : false, timeout: 600_000 }, () => {
    for (const name of corpus) {
      const text = readFileSync(path.join(dir, name), 'utf8');
      const session = editSession(text, name, editsFor(text.length), seeded(SEED + name.length));
      console.log(summary(name, session));
      assert.ok(session.incremental >= session.edits / 3, summary(name, session));
    }
  });
});

describe('incremental lint under the fuzzer\'s mutations', () => {
  it('line deletions, duplications, moves, re-indents and junk anywhere: same result as a full lint', () => {
    const rand = random(SEED * 7919);
    let incremental = 0;
    let total = 0;
    for (const file of fixtures) {
      const original = readFileSync(file, 'utf8');
      const format = formatFor(file, original);
      for (let i = 0; i < 150; i++) {
        // A fresh previous analysis each time: every mutation is one edit of the original.
        const previous = lintText(original, { format });
        const mutated = mutate(original, rand);
        const result = lintText(mutated, { format }, previous);
        assert.deepEqual(visible(result), visible(lintText(mutated, { format })), `${path.basename(file)}: mutation ${i}`);
        total++;
        if (result.incremental) incremental++;
      }
    }
    console.log(`fuzz mutations: ${total}, ${incremental} linted incrementally`);
    assert.ok(incremental > 0);
  });
});

describe('incremental lint: cases it must get right', () => {
  const yaml = (items: string) => `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
${items}components:
  schemas:
    Shared:
      type: object
      properties:
        password: {type: string, maxLength: 10}
        id: {type: string, maxLength: 10}
`;
  const item = (name: string, extra = '') => `  /${name}:
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Shared'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  note: {type: string}
                  count: {type: integer}${extra}
`;

  /** Lints `before`, then `after` incrementally and in full; returns whether the incremental path ran. */
  function compare(before: string, after: string, fileName = 'spec.yaml'): boolean {
    const format = formatFor(fileName, before);
    const previous = lintText(before, { format });
    const incremental = lintText(after, { format }, previous);
    assert.deepEqual(visible(incremental), visible(lintText(after, { format })));
    return !!incremental.incremental;
  }

  it('re-lints only the edited item, in the middle and at the end of paths', () => {
    const before = yaml(item('a') + item('b') + item('c'));
    assert.equal(compare(before, before.replace('note: {type: string}', 'note: {type: string, maxLength: 5}')), true);
    const last = before.lastIndexOf('count: {type: integer}');
    assert.equal(compare(before, before.slice(0, last) + 'count: {type: integer, minimum: 0, maximum: 9}' + before.slice(last + 'count: {type: integer}'.length)), true);
  });

  it('follows a renamed path and falls back on a duplicate one', () => {
    const before = yaml(item('a') + item('b'));
    assert.equal(compare(before, before.replace('  /a:', '  /a2:')), true);
    assert.equal(compare(before, before.replace('  /a:', '  /b:')), false);
  });

  it('a path item that stops using a shared schema updates that schema\'s findings (paths context)', () => {
    const before = yaml(item('a') + item('b'));
    const after = before.replace("              $ref: '#/components/schemas/Shared'\n", '              type: object\n              properties: {}\n');
    compare(before, after);
    // Returned by a response now: the shared `password` becomes a finding of the sensitive-properties rules.
    const exposing = before.replace('                type: object\n                properties:\n                  note: {type: string}', "                $ref: '#/components/schemas/Shared'\n                x-unused:\n                  note: {type: string}");
    compare(before, exposing);
  });

  it('a suppression comment at the end of one item hides a finding at the start of the next', () => {
    const before = yaml(item('a') + item('b'));
    const at = before.indexOf('  /b:');
    compare(before, before.slice(0, at) + '# openapi-security-ignore owasp:api8:2023-define-error-responses-401\n' + before.slice(at));
  });

  it('a finding suppressed since its last diagnostic gets a new one when it shows again (the old one may be out of place)', () => {
    const text = yaml(item('a') + item('b'));
    const analysis = lintText(text, { format: 'yaml' });
    const finding = analysis.findings[0];
    const shown = diagnosticOf(finding);
    assert.ok(shown && analysis.diagnostics.includes(shown));
    const { document, model, findings } = analysis;
    const hidden = finish(document, model!.version, model!, findings, [], new Set([finding]), diagnosticOf);
    assert.equal(hidden.diagnostics.some((d) => d.finding === finding), false);
    assert.equal(diagnosticOf(finding), undefined);
    const again = finish(document, model!.version, model!, findings, [], new Set(), diagnosticOf);
    const made = again.diagnostics.find((d) => d.finding === finding);
    assert.ok(made && made !== shown);
    assert.equal(diagnosticOf(finding), made);
  });

  it('schemes used or no longer used by an edited item: the scheme rules follow (their paths context)', () => {
    const spec = (aUses: string, bSecurity: string) => `openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      security:
        - ${aUses}: []
      responses:
        '200': {description: ok}
  /b:
    get:${bSecurity}
      responses:
        '200': {description: ok}
components:
  securitySchemes:
    digestAuth: {type: http, scheme: digest}
    implicitAuth:
      type: oauth2
      flows:
        implicit: {authorizationUrl: 'https://example.com/auth', scopes: {}}
    bearerAuth: {type: http, scheme: bearer}
`;
    const codes = (analysis: Analysis) => analysis.diagnostics.map((d) => d.code).filter((c) => /digest|implicit|unused-security/.test(c)).sort();
    const bearerB = '\n      security:\n        - bearerAuth: []';
    const steps = [spec('digestAuth', bearerB), spec('implicitAuth', bearerB), spec('bearerAuth', bearerB), spec('bearerAuth', ''), spec('digestAuth', '')];
    let previous = lintText(steps[0], { format: 'yaml' });
    const seen = new Set<string>([codes(previous).join()]);
    for (const text of steps.slice(1)) {
      const next = lintText(text, { format: 'yaml' }, previous);
      assert.equal(next.incremental, true, lastFallback.reason);
      assert.deepEqual(visible(next), visible(lintText(text, { format: 'yaml' })));
      seen.add(codes(next).join());
      previous = next;
    }
    // The edits did change what these rules report, more than once.
    assert.ok(seen.size >= 3, [...seen].join(' / '));
  });

  it('line endings: CRLF documents and edits that add or remove lines', () => {
    const before = yaml(item('a') + item('b')).replace(/\n/g, '\r\n');
    assert.equal(compare(before, before.replace('note: {type: string}', 'note: {type: string}\r\n                  more: {type: string}')), true);
    assert.equal(compare(before, before.replace('                  count: {type: integer}\r\n', '')), true);
  });

  it('minified JSON: an edit inside one item of a one-line document', () => {
    const spec = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } } } } }, '/b': { get: { responses: { '200': { description: 'ok' } } } } } };
    const before = JSON.stringify(spec);
    assert.equal(compare(before, before.replace('{"type":"string"}', '{"type":"string","maxLength":3}'), 'spec.json'), true);
  });

  it('falls back to a full lint where reuse would be unsafe, with the same result', () => {
    const base = yaml(item('a') + item('b'));
    // A syntax error, an edit spanning two items, a `$ref` into paths, aliases.
    assert.equal(compare(base, base.replace('note: {type: string}', 'note: {type: string')), false);
    assert.equal(compare(base, base.replace("count: {type: integer}\n  /b:", "count: {type: number}\n  /b:")), true);
    const twoItems = base.replace('note: {type: string}', 'note: {type: str}').replace('  /b:\n    post:', '  /b:\n    put:');
    assert.equal(compare(base, twoItems), false);
    const intoPaths = base.replace('  /b:\n    post:\n', "  /b:\n    post:\n      x-see: {$ref: '#/paths/~1a'}\n");
    assert.equal(compare(base, intoPaths), false);
    const aliased = base.replace('    Shared:\n', '    Shared: &shared\n').replace("components:\n", "x-copy: *shared\ncomponents:\n");
    assert.equal(compare(aliased, aliased.replace('note: {type: string}', 'note: {type: string, maxLength: 4}')), false);
  });

  it('operations that are `$ref`s to files the lint cannot read (a split spec opened alone) stay incremental', () => {
    const refItem = (name: string) => `  /${name}:\n    get:\n      $ref: 'paths/${name}.yaml'\n    post:\n      $ref: '../outside/${name}.yaml#/post'\n`;
    const before = yaml(refItem('a') + refItem('b') + item('c'));
    const edits = [before.replace('  /a:', '  /ax:'), before.replace("paths/b.yaml'", "paths/b2.yaml'"), before.replace("  /b:\n    get:\n", "  /b:\n    get:\n      description: d\n")];
    const documentUri = 'file:///work/api/spec.yaml';
    // No loader (the CLI's single-file mode), and a loader that gives nothing (outside any workspace folder).
    for (const options of [{ format: 'yaml' as const }, { format: 'yaml' as const, refs: { documentUri, roots: [] }, load: () => undefined }]) {
      for (const after of edits) {
        const incremental = lintText(after, options, lintText(before, options));
        assert.equal(incremental.incremental, true, lastFallback.reason);
        assert.deepEqual(visible(incremental), visible(lintText(after, options)));
      }
    }
  });

  it('falls back when a file `$ref` in the edited item loads a file, or names this very file', () => {
    const documentUri = 'file:///work/api/spec.yaml';
    const operation = lintText("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-op:\n  responses:\n    '200': {description: ok}\n", { format: 'yaml' }).document;
    const load = (uri: string) => (uri === 'file:///work/api/ops.yaml' ? { ...operation, text: operation.text } : undefined);
    const options = { format: 'yaml' as const, refs: { documentUri, roots: ['file:///work/'] }, load };
    const before = yaml(item('a') + item('b'));
    for (const ref of ["ops.yaml#/x-op", "spec.yaml#/components/schemas/Shared"]) {
      const after = before.replace('  /b:\n    post:\n', `  /b:\n    get:\n      $ref: '${ref}'\n    post:\n`);
      const result = lintText(after, options, lintText(before, options));
      assert.equal(result.incremental, undefined, ref);
      assert.equal(lastFallback.reason, 'path item with $ref or extension', ref);
      assert.deepEqual(visible(result), visible(lintText(after, options)));
    }
  });

  it('a chain of edits: each analysis is the next one\'s previous', () => {
    let text = yaml(item('a') + item('b') + item('c'));
    let previous = lintText(text, { format: 'yaml' });
    for (const [from, to] of [['note: {type: string}', 'note: {type: string, maxLength: 1}'], ['count: {type: integer}', 'count: {type: string}'], ['  /c:', '  /cc:']]) {
      text = text.replace(from, to);
      const next = lintText(text, { format: 'yaml' }, previous);
      assert.equal(next.incremental, true, `${from} -> ${to}`);
      assert.deepEqual(visible(next), visible(lintText(text, { format: 'yaml' })));
      previous = next;
    }
  });
});
