import type { CodeActionParams } from 'vscode-languageserver';
import { CodeAction, CodeActionKind, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentFormat } from './documentLinter';
import { analyzeOptions, fixAll, fixesFor, ignoreHereEdit, isFindingIgnored, mergeRuleOverrides, type Analysis, type EngineDiagnostic, type Finding, type ProjectConfig } from './engine';
import { sameRange, toCodeAction, toLspDiagnostic, touches, type EditTarget, type RangeOf } from './lspConvert';
import { DISABLE_RULE_COMMAND, FIX_ALL_KIND, type Settings } from './protocol';

/** What a code action left for `codeAction/resolve` to compute: fix-all edits are costly. */
export interface FixAllData {
  uri: string;
  version: number;
  /** One rule's findings, or all fixable findings (source.fixAll). */
  ruleId?: string;
}

export interface CodeActionContext {
  analysis: Analysis;
  document: TextDocument;
  settings: Settings;
  /** The workspace's .openapi-security.yaml: its severities and ignores apply to fix-all as to linting. */
  config: ProjectConfig;
  target: EditTarget;
  /** The client runs our "disable rule" command (our VS Code client registers it). */
  canDisableRules: boolean;
  /** The client resolves actions lazily (`codeAction/resolve` for `edit`). */
  canResolve: boolean;
}

/** Largest document for which "fix all" edits are computed eagerly (clients without codeAction/resolve). */
export const EAGER_FIX_ALL_MAX_CHARS = 256 * 1024;

const wants = (only: string[] | undefined, kind: string) => !only || only.some((k) => k === kind || kind.startsWith(`${k}.`));

export function codeActions(params: CodeActionParams, ctx: CodeActionContext): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (only && wants(only, FIX_ALL_KIND)) {
    const action = CodeAction.create('Fix all OpenAPI security problems', FIX_ALL_KIND);
    actions.push(finishFixAll(action, { uri: ctx.target.uri, version: ctx.target.version }, ctx));
  }
  if (!wants(only, CodeActionKind.QuickFix)) return actions;
  const requested = params.context.diagnostics;
  const fixAllOffered = new Set<string>();
  for (const d of ctx.analysis.diagnostics) {
    if (!d.finding || !touches(d.range, params.range)) continue;
    if (requested.length > 0 && !requested.some((r) => r.code === d.code && sameRange(r.range, d.range))) continue;
    const diagnostic = toLspDiagnostic(d, true);
    const fixes = fixesFor(ctx.analysis, d.finding);
    for (const fix of fixes) actions.push(toCodeAction(rangesOf(ctx.analysis), fix, diagnostic, ctx.target));
    const ruleId = d.finding.rule.id;
    const sameRule = ctx.analysis.findings.filter((f) => f.rule.id === ruleId).length;
    // Without codeAction/resolve the edits are computed now, inside the request (fix-all re-lints the document
    // up to a dozen times): on big documents that would stall the editor, so those clients get the single fixes only.
    const affordable = ctx.canResolve || ctx.document.getText().length <= EAGER_FIX_ALL_MAX_CHARS;
    if (fixes.length > 0 && sameRule > 1 && affordable && !fixAllOffered.has(ruleId)) {
      fixAllOffered.add(ruleId);
      const action = CodeAction.create(`Fix all ${sameRule} ${ruleId} problems in this file`, CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      actions.push(finishFixAll(action, { uri: ctx.target.uri, version: ctx.target.version, ruleId }, ctx));
    }
    actions.push(...suppressions(d, diagnostic, ctx));
  }
  return actions;
}

/** The title of the action that writes a suppression comment above a finding. */
export const ignoreTitle = (code: string) => `Ignore ${code} here`;

function suppressions(d: EngineDiagnostic, diagnostic: Diagnostic, ctx: CodeActionContext): CodeAction[] {
  const actions: CodeAction[] = [];
  const edit = d.finding && ignoreHereEdit(ctx.analysis.document, d.finding);
  if (edit) {
    const action = toCodeAction(rangesOf(ctx.analysis), { title: ignoreTitle(d.code), edits: [edit] }, diagnostic, ctx.target);
    actions.push(action);
  }
  if (ctx.canDisableRules) {
    const action = CodeAction.create(`Disable ${d.code} in this workspace`, { title: `Disable ${d.code}`, command: DISABLE_RULE_COMMAND, arguments: [d.code] }, CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    actions.push(action);
  }
  return actions;
}

/** Attaches the fix-all edit now, or leaves it to `codeAction/resolve` when the client can. */
function finishFixAll(action: CodeAction, data: FixAllData, ctx: CodeActionContext): CodeAction {
  if (ctx.canResolve) {
    action.data = data;
    return action;
  }
  return resolveFixAll(action, data, ctx);
}

export function resolveFixAll(action: CodeAction, data: FixAllData, ctx: Pick<CodeActionContext, 'document' | 'settings' | 'config' | 'target'>): CodeAction {
  const text = ctx.document.getText();
  const options = analyzeOptions(text, { format: documentFormat(ctx.document), overrides: mergeRuleOverrides(ctx.config.rules, ctx.settings.rules) });
  const wanted = (finding: Finding) =>
    (data.ruleId === undefined || finding.rule.id === data.ruleId) && !isFindingIgnored(ctx.config, { code: finding.rule.id, path: finding.path });
  const result = fixAll(text, options, wanted);
  const rangeOf: RangeOf = (offset, end) => ({ start: ctx.document.positionAt(offset), end: ctx.document.positionAt(end) });
  action.edit = toCodeAction(rangeOf, { title: action.title, edits: result.edits }, undefined, ctx.target).edit;
  return action;
}

const rangesOf = (analysis: Analysis): RangeOf => (offset, end) => analysis.document.lines.range(offset, end);
