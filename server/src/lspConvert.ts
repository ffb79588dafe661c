// The types package, not vscode-languageserver: the lint worker needs these values, not the whole server library.
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  TextEdit,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { ruleDocsUrl, type EngineDiagnostic, type Fix, type Severity } from './engine';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './protocol';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The engine's name of an LSP severity (what a client sends back in a code action's context). */
export function severityName(severity: DiagnosticSeverity | undefined): Severity {
  return severity === DiagnosticSeverity.Warning ? 'warning' : severity === DiagnosticSeverity.Information ? 'info' : severity === DiagnosticSeverity.Hint ? 'hint' : 'error';
}

/** `mainUri`: the linted document, where related locations without a URI of their own are; `fixTitles`: its fixes' titles. */
export function toLspDiagnostic(diagnostic: EngineDiagnostic, fixable: boolean, mainUri?: string, fixTitles?: readonly string[]): Diagnostic {
  const rule = diagnostic.finding?.rule;
  // Built field by field, not spread: a split spec converts thousands of these on its first lint.
  const data: DiagnosticData = { ruleId: diagnostic.code, fixable };
  if (fixTitles?.length) data.fixes = fixTitles.slice();
  const lsp: Diagnostic = {} as Diagnostic;
  const related = mainUri ? diagnostic.related : undefined;
  if (related?.length) lsp.relatedInformation = related.map((r) => ({ location: { uri: r.uri ?? mainUri!, range: r.range }, message: r.message }));
  lsp.range = diagnostic.range;
  lsp.severity = LSP_SEVERITY[diagnostic.severity];
  lsp.code = diagnostic.code;
  if (rule) lsp.codeDescription = { href: ruleDocsUrl(rule.id) };
  lsp.source = DIAGNOSTIC_SOURCE;
  lsp.message = diagnostic.message;
  lsp.data = data;
  return lsp;
}

export interface EditTarget {
  uri: string;
  version: number;
  /** Whether the client accepts versioned `documentChanges` (else plain `changes`). */
  documentChanges: boolean;
}

/** Offsets of the text the fix was computed on, as LSP ranges. */
export type RangeOf = (offset: number, end: number) => Diagnostic['range'];

export function toCodeAction(rangeOf: RangeOf, fix: Fix, diagnostic: Diagnostic | undefined, target: EditTarget): CodeAction {
  const edits = fix.edits.map((e) => TextEdit.replace(rangeOf(e.offset, e.end), e.newText));
  const edit: WorkspaceEdit = target.documentChanges
    ? { documentChanges: [TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(target.uri, target.version), edits)] }
    : { changes: { [target.uri]: edits } };
  const action = CodeAction.create(fix.title, edit, CodeActionKind.QuickFix);
  if (diagnostic) action.diagnostics = [diagnostic];
  if (fix.isPreferred) action.isPreferred = true;
  return action;
}

export function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}

/** Closed-range overlap: a cursor at either end of a range touches it. */
export function touches(range: Diagnostic['range'], other: Diagnostic['range']): boolean {
  const before = (a: Diagnostic['range']['start'], b: Diagnostic['range']['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
  return !before(range.end, other.start) && !before(other.end, range.start);
}
