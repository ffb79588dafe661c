/**
 * security.txt (RFC 9116): lint, quick fixes and hovers. Same diagnostic and fix shapes as the
 * OpenAPI engine, so the language server and the CLI only choose which one to call.
 */
import { inDocumentOrder, type EngineDiagnostic, type SeverityOverride } from '../lint';
import type { Fix } from '../rule';
import { fieldDoc, rfcSectionUrl, type FieldDoc } from './fields';
import { parseSecurityTxt, type SecurityTxtDocument } from './parse';
import type { SecurityTxtLocation, SecurityTxtRule } from './rule';
import { securityTxtRules } from './rules';

export { FIELD_DOCS, RFC9116_URL, rfcSectionUrl, type FieldDoc } from './fields';
export { parseSecurityTxt, type SecurityTxtDocument, type SecurityTxtField } from './parse';
export type { SecurityTxtRule } from './rule';
export { CONTACT_TEMPLATE, EXPIRES_FIX_DAYS, securityTxtRuleById, securityTxtRules } from './rules';
export { expiresValue, parseDateTime } from './values';

export interface SecurityTxtDiagnostic extends EngineDiagnostic {
  rule: SecurityTxtRule;
  fixes: Fix[];
}

export interface SecurityTxtAnalysis {
  document: SecurityTxtDocument;
  diagnostics: SecurityTxtDiagnostic[];
}

export interface LintSecurityTxtOptions {
  /** The clock for Expires: required, so results never depend on when they are computed unless the caller wants it. */
  now: Date;
  /** Where the file lives (web URL, `file:` URI or path), to check Canonical. */
  location?: SecurityTxtLocation;
  overrides?: Readonly<Record<string, SeverityOverride>>;
}

/** Is this file a security.txt? Only its name counts, in any folder. */
export function isSecurityTxtPath(pathOrUri: string): boolean {
  return /(^|[\\/])security\.txt$/i.test(pathOrUri.replace(/[?#].*$/, ''));
}

export function lintSecurityTxt(text: string, options: LintSecurityTxtOptions): SecurityTxtAnalysis {
  const document = parseSecurityTxt(text);
  const diagnostics: SecurityTxtDiagnostic[] = [];
  for (const rule of securityTxtRules) {
    const override = options.overrides?.[rule.id];
    if (override === 'off') continue;
    rule.check({
      doc: document,
      now: options.now,
      location: options.location,
      report: (r) =>
        diagnostics.push({
          code: rule.id,
          message: r.message,
          severity: override ?? rule.severity,
          offset: r.offset,
          end: r.end,
          range: document.lines.range(r.offset, r.end),
          path: pathAt(document, r.offset),
          rule,
          fixes: (r.fixes ?? []).filter((f) => f.edits.length > 0),
        }),
    });
  }
  diagnostics.sort(inDocumentOrder);
  return { document, diagnostics };
}

/** The field a finding is on, for config ignores and SARIF fingerprints: `[name, nth of that name]`. */
function pathAt(doc: SecurityTxtDocument, offset: number): (string | number)[] {
  const line = doc.lines.positionAt(offset).line;
  const field = doc.fields.find((f) => f.line === line);
  if (!field) return [];
  const name = fieldDoc(field.name)?.name ?? field.name;
  return [name, doc.fields.filter((f) => f.name.toLowerCase() === field.name.toLowerCase() && f.line < line).length];
}

export interface SecurityTxtHover {
  offset: number;
  end: number;
  field: FieldDoc;
  url: string;
}

/** The documentation of the field whose line holds `offset`. */
export function securityTxtHoverAt(analysis: SecurityTxtAnalysis, offset: number): SecurityTxtHover | undefined {
  const { document } = analysis;
  const line = document.lines.positionAt(offset).line;
  const field = document.fields.find((f) => f.line === line && offset >= f.nameOffset && offset <= Math.max(f.valueEnd, f.nameEnd + 1));
  const doc = field && fieldDoc(field.name);
  if (!field || !doc) return undefined;
  return { offset: field.nameOffset, end: field.nameEnd, field: doc, url: doc.source?.url ?? rfcSectionUrl(doc.section) };
}
