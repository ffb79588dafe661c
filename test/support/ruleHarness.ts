import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { applyEdits, fixesFor, lintText, PARSE_ERROR_CODE, type Analysis, type EngineDiagnostic, type SourceFormat } from '../../server/src/engine';

export interface Variant {
  format: SourceFormat;
  text: string;
}

/** The same document as block YAML and as pretty JSON: every rule must agree on both. */
export function variants(doc: unknown): Variant[] {
  return [
    { format: 'yaml', text: stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }) },
    { format: 'json', text: `${JSON.stringify(doc, null, 2)}\n` },
  ];
}

/**
 * Every fixture goes through here. With OPENAPI_SECURITY_RECORD_FIXTURES set to a file, each
 * is also recorded there (JSON lines), so the differential test can run upstream on them.
 */
export function lint(text: string, format: SourceFormat): Analysis {
  const record = process.env.OPENAPI_SECURITY_RECORD_FIXTURES;
  if (record) appendFileSync(record, `${JSON.stringify({ text, format })}\n`);
  return lintText(text, { format });
}

export function diagnosticsFor(analysis: Analysis, code: string): EngineDiagnostic[] {
  return analysis.diagnostics.filter((d) => d.code === code);
}

/** Asserts that `code` reports exactly at these JSON paths (dotted), in YAML and JSON alike. */
export function assertFindingPaths(code: string, doc: unknown, expected: string[]): void {
  for (const { format, text } of variants(doc)) {
    const analysis = lint(text, format);
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.code === PARSE_ERROR_CODE),
      [],
      `${format}: fixture must parse cleanly`,
    );
    const paths = diagnosticsFor(analysis, code).map((d) => d.path.join('.'));
    assert.deepEqual(paths, expected, `${format}: ${code} paths`);
  }
}

/**
 * Applies the preferred fix of the `index`-th finding of `code`, then checks what users
 * rely on: that finding is gone, nothing new appears (but for the codes in `allowNew`),
 * and the text still parses.
 */
export function applyFix(text: string, format: SourceFormat, code: string, index = 0, allowNew: string[] = []): { text: string; title: string } {
  const before = lint(text, format);
  const target = diagnosticsFor(before, code)[index];
  assert.ok(target?.finding, `no ${code} finding #${index} to fix`);
  const fixes = fixesFor(before, target.finding);
  const fix = fixes.find((f) => f.isPreferred) ?? fixes[0];
  assert.ok(fix, `${code} offers no fix here`);
  const fixed = applyEdits(text, fix.edits);
  const after = lint(fixed, format);
  assert.deepEqual(after.diagnostics.filter((d) => d.code === PARSE_ERROR_CODE).map((d) => d.message), [], `fix left a parse error:\n${fixed}`);
  assert.equal(diagnosticsFor(after, code).length, diagnosticsFor(before, code).length - 1, `fix did not remove the finding:\n${fixed}`);
  const countByCode = (a: Analysis) => a.diagnostics.reduce((m, d) => m.set(d.code, (m.get(d.code) ?? 0) + 1), new Map<string, number>());
  const beforeCounts = countByCode(before);
  for (const [other, count] of countByCode(after)) {
    if (other !== code && !allowNew.includes(other)) assert.ok(count <= (beforeCounts.get(other) ?? 0), `fix introduced a new ${other} finding:\n${fixed}`);
  }
  return { text: fixed, title: fix.title };
}

/** `line:character` (1-based, like editors show) of each finding of `code`. */
export function positions(analysis: Analysis, code: string): string[] {
  return diagnosticsFor(analysis, code).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`);
}

/** A minimal valid document of the given version around `body`. */
export function openapi(version: '2.0' | '3.0' | '3.1', body: Record<string, unknown>): Record<string, unknown> {
  const info = { title: 'Fixture', version: '1.0.0' };
  return version === '2.0' ? { swagger: '2.0', info, ...body } : { openapi: version === '3.0' ? '3.0.3' : '3.1.0', info, ...body };
}
