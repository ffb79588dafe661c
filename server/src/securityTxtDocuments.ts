/**
 * security.txt documents in the language server: the same settings, config file, diagnostics,
 * quick fixes and hovers as OpenAPI documents, from the security.txt engine.
 */
import type { CodeActionParams } from 'vscode-languageserver';
import { CodeAction, CodeActionKind, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isFindingIgnored, isSecurityTxtPath, lintSecurityTxt, mergeRuleOverrides, rfcSectionUrl, type ProjectConfig, type SecurityTxtAnalysis, type SecurityTxtDiagnostic } from './engine';
import { sameRange, toCodeAction, toLspDiagnostic, touches, type EditTarget } from './lspConvert';
import { DISABLE_RULE_COMMAND, SECURITY_TXT_LANGUAGE, type Settings } from './protocol';

/** Our language id, or a file named security.txt whatever language the editor gave it. */
export function isSecurityTxtDocument(document: Pick<TextDocument, 'languageId' | 'uri'>): boolean {
  return document.languageId === SECURITY_TXT_LANGUAGE || isSecurityTxtPath(document.uri);
}

interface Entry {
  version: number;
  /** Settings and config as one comparable string: requests arrive as fresh copies from the main thread. */
  contextKey: string;
  analysis: SecurityTxtAnalysis;
}

/** The last analysis per document version, so hovers and code actions reuse it. */
export class SecurityTxtCache {
  private readonly entries = new Map<string, Entry>();

  /** `now` is the real clock: Expires is judged against today. */
  lint(document: TextDocument, settings: Settings, config: ProjectConfig, now = new Date()): SecurityTxtAnalysis {
    const linted = lintSecurityTxt(document.getText(), { now, location: document.uri, overrides: mergeRuleOverrides(config.rules, settings.rules) });
    const analysis = { ...linted, diagnostics: linted.diagnostics.filter((d) => !isFindingIgnored(config, d)) };
    this.entries.set(document.uri, { version: document.version, contextKey: JSON.stringify([settings, config]), analysis });
    return analysis;
  }

  current(document: TextDocument, settings: Settings, config: ProjectConfig): SecurityTxtAnalysis {
    const entry = this.entries.get(document.uri);
    return entry && entry.version === document.version && entry.contextKey === JSON.stringify([settings, config]) ? entry.analysis : this.lint(document, settings, config);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

export function securityTxtLspDiagnostic(d: SecurityTxtDiagnostic): Diagnostic {
  return { ...toLspDiagnostic(d, d.fixes.length > 0), codeDescription: { href: rfcSectionUrl(d.rule.section) } };
}

export function securityTxtCodeActions(params: CodeActionParams, analysis: SecurityTxtAnalysis, target: EditTarget, canDisableRules: boolean): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
  const rangeOf = (offset: number, end: number) => analysis.document.lines.range(offset, end);
  const requested = params.context.diagnostics;
  const actions: CodeAction[] = [];
  for (const d of analysis.diagnostics) {
    if (!touches(d.range, params.range)) continue;
    if (requested.length > 0 && !requested.some((r) => r.code === d.code && sameRange(r.range, d.range))) continue;
    const diagnostic = securityTxtLspDiagnostic(d);
    for (const fix of d.fixes) actions.push(toCodeAction(rangeOf, fix, diagnostic, target));
    if (canDisableRules) {
      const action = CodeAction.create(`Disable ${d.code} in this workspace`, { title: `Disable ${d.code}`, command: DISABLE_RULE_COMMAND, arguments: [d.code] }, CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      actions.push(action);
    }
  }
  return actions;
}
