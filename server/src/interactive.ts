import { CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic, type Hover, type Position } from 'vscode-languageserver';
import { ignoreTitle } from './codeActions';
import { ruleById, type Rule } from './engine';
import { renderShownHover } from './hover';
import { sameRange, severityName, touches } from './lspConvert';
import { DIAGNOSTIC_SOURCE, DISABLE_RULE_COMMAND, FIX_ALL_KIND, type DiagnosticData } from './protocol';

/**
 * How long a hover or a code action waits for the document's worker. A worker busy with a long lint of that
 * document (a big spec just opened, a setting changed, an edit outside `paths`) would keep the editor waiting
 * for seconds; past this budget the server answers from the findings the editor already shows.
 */
export const INTERACTIVE_BUDGET_MS = 20;

/** What a fallback returns when it cannot answer without the worker: keep waiting for it. */
export const WAIT = Symbol('wait for the worker');

/** `work`'s answer, or past `budgetMs` the fallback's (and then `stop()`: the queued request is not needed). */
export async function withinBudget<T>(work: Promise<T>, budgetMs: number, fallback: () => T | typeof WAIT, stop: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof WAIT>((resolve) => (timer = setTimeout(() => resolve(WAIT), budgetMs)));
  const first = await Promise.race([work, late]);
  clearTimeout(timer);
  if (first !== WAIT) return first as T;
  const answer = fallback();
  if (answer === WAIT) return work;
  stop();
  return answer;
}

/** Our findings among `shown` (diagnostics as published), with their rule. */
function ours(shown: readonly Diagnostic[]): Array<{ diagnostic: Diagnostic; rule: Rule }> {
  return shown.flatMap((diagnostic) => {
    const rule = diagnostic.source === DIAGNOSTIC_SOURCE ? ruleById(String(diagnostic.code)) : undefined;
    return rule ? [{ diagnostic, rule }] : [];
  });
}

/** The documentation of the findings shown at `position` (the key documentation needs the lint). */
export function hoverFromShown(shown: readonly Diagnostic[], position: Position, markdown: boolean): Hover | null {
  const point = { start: position, end: position };
  const under = ours(shown).filter(({ diagnostic }) => touches(diagnostic.range, point));
  if (under.length === 0) return null;
  const sections = under.map(({ diagnostic, rule }) => ({ rule, severity: severityName(diagnostic.severity), fixable: !!(diagnostic.data as DiagnosticData | undefined)?.fixable }));
  return { contents: renderShownHover(sections, markdown), range: under[0].diagnostic.range };
}

/** A quick fix offered from a shown finding before its edit exists: `codeAction/resolve` computes it. */
export interface PendingQuickFixData {
  uri: string;
  version: number;
  diagnostic: Diagnostic;
  /** Its title: the worker's action with this title for this finding gives the edit. */
  pending: string;
}

export function isPendingQuickFix(data: unknown): data is PendingQuickFixData {
  const d = data as Partial<PendingQuickFixData> | undefined;
  return !!d && typeof d.uri === 'string' && typeof d.version === 'number' && typeof d.pending === 'string' && !!d.diagnostic;
}

const wants = (only: string[] | undefined, kind: string) => !only || only.some((k) => k === kind || kind.startsWith(`${k}.`));

/**
 * Code actions for the findings in the request's context, their edits left to `codeAction/resolve` (which
 * runs after the lint): the finding's fixes (their titles were published with it), a suppression comment,
 * and turning the rule off; "fix all" comes back with the lint. WAIT when the client cannot resolve lazily
 * or asks for "fix all" only (both need the new analysis now).
 */
export function codeActionsFromShown(params: CodeActionParams, version: number, abilities: { canResolve: boolean; canDisableRules: boolean }): CodeAction[] | typeof WAIT {
  const only = params.context.only;
  if (!abilities.canResolve || (only && wants(only, FIX_ALL_KIND))) return WAIT;
  if (!wants(only, CodeActionKind.QuickFix)) return [];
  const actions: CodeAction[] = [];
  for (const { diagnostic, rule } of ours(params.context.diagnostics)) {
    const pending = (title: string) => {
      const action = CodeAction.create(title, CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.data = { uri: params.textDocument.uri, version, diagnostic, pending: title } satisfies PendingQuickFixData;
      return action;
    };
    for (const title of (diagnostic.data as DiagnosticData | undefined)?.fixes ?? []) actions.push(pending(title));
    actions.push(pending(ignoreTitle(rule.id)));
    if (abilities.canDisableRules) {
      const action = CodeAction.create(`Disable ${rule.id} in this workspace`, { title: `Disable ${rule.id}`, command: DISABLE_RULE_COMMAND, arguments: [rule.id] }, CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      actions.push(action);
    }
  }
  return actions;
}

/**
 * The pending action with the edit of the action of the same title that the worker offers now for the same
 * finding; unchanged when there is none (the document changed under it: the client then applies nothing).
 */
export function resolvePending(pending: CodeAction, data: PendingQuickFixData, offered: readonly CodeAction[]): CodeAction {
  const chosen = offered.find((a) => a.title === data.pending && a.edit && a.diagnostics?.some((d) => d.code === data.diagnostic.code && sameRange(d.range, data.diagnostic.range)));
  return chosen ? { ...pending, edit: chosen.edit } : pending;
}
