import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeOptions, applyEdits, fixAll, fixesFor, formatFor, lintText, parse, PARSE_ERROR_CODE } from '../server/src/engine';
import { corpusDir } from './support/paths';

const dir = corpusDir();
const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];

describe('real-world corpus', () => {
  if (files.length === 0) {
    it(`needs the corpus at ${dir} (pass --corpus DIR or set OPENAPI_SECURITY_CORPUS)`, (t) => {
      t.skip(`corpus not found at ${dir}`);
    });
    return;
  }
  for (const name of files) {
    it(`${name}: lints without syntax or rule failures, and one fix of each kind applies cleanly`, () => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      const analysis = lintText(text, { fileName: name });
      assert.ok(analysis.version, `${name} is recognised as OpenAPI`);
      assert.deepEqual(analysis.diagnostics.filter((d) => d.code === PARSE_ERROR_CODE || d.code === 'rule-failure').map((d) => d.message), []);
      assert.ok(analysis.findings.length > 0 || name.startsWith('discord'), `${name} has findings`);
      for (const d of analysis.diagnostics) {
        assert.ok(d.range.start.line <= d.range.end.line, 'ranges are ordered');
        assert.ok(d.end <= text.length, 'ranges stay inside the text');
      }
      // Apply one fix of each kind, each on the original text: the result must still parse.
      const format = formatFor(name, text);
      const kinds = new Map<string, (typeof analysis.findings)[number]>();
      for (const f of analysis.findings) if (f.rule.fix && !kinds.has(`${f.rule.id}:${f.data?.kind ?? ''}`)) kinds.set(`${f.rule.id}:${f.data?.kind ?? ''}`, f);
      for (const finding of kinds.values()) {
        for (const fix of fixesFor(analysis, finding)) {
          const problems = parse(applyEdits(text, fix.edits), format).problems.filter((p) => p.severity === 'error');
          assert.deepEqual(problems.map((p) => p.message), [], `${fix.title} at ${finding.path.join('.')}`);
        }
      }
    });
  }
});

describe('fix-all on the real-world corpus', () => {
  for (const name of files) {
    it(`${name}: the result parses and nothing fixable is left`, () => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      const before = lintText(text, { fileName: name });
      const result = fixAll(text, analyzeOptions(text, { fileName: name }));
      assert.equal(applyEdits(text, result.edits), result.text, 'the small edits reproduce the result');
      const after = lintText(result.text, { fileName: name });
      assert.deepEqual(after.diagnostics.filter((d) => d.code === PARSE_ERROR_CODE).map((d) => `${d.range.start.line}: ${d.message}`), []);
      const fixable = (a: typeof after) => a.findings.filter((f) => fixesFor(a, f).some((x) => x.isPreferred));
      assert.ok(fixable(before).length > 0 || name.startsWith('discord'), 'the corpus file had something to fix');
      assert.deepEqual(fixable(after).map((f) => `${f.rule.id} ${f.path.join('.')}`), []);
    });
  }
});
