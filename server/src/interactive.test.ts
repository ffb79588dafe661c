import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeAction, CodeActionKind, DiagnosticSeverity, type CodeActionParams, type Diagnostic, type MarkupContent } from 'vscode-languageserver';
import { codeActionsFromShown, hoverFromShown, isPendingQuickFix, resolvePending, WAIT, withinBudget, type PendingQuickFixData } from './interactive';
import { DIAGNOSTIC_SOURCE, DISABLE_RULE_COMMAND, FIX_ALL_KIND } from './protocol';

const URI = 'file:///api/spec.yaml';
const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
const finding = (code: string, line: number, fixes: string[] = []): Diagnostic => ({
  range: range(line, 4, 12),
  severity: DiagnosticSeverity.Warning,
  code,
  source: DIAGNOSTIC_SOURCE,
  message: 'm',
  data: { ruleId: code, fixable: fixes.length > 0, ...(fixes.length ? { fixes } : {}) },
});
const ARRAY = 'owasp:api4:2023-array-limit';
const HTTP = 'owasp:api8:2023-no-server-http';
const never = new Promise<never>(() => undefined);

describe('interactive requests while a lint runs', () => {
  it('withinBudget: the work\'s answer when it comes in time, else the fallback\'s, and the work is stopped', async () => {
    let stopped = 0;
    assert.equal(await withinBudget(Promise.resolve('worker'), 1_000, () => 'fallback', () => stopped++), 'worker');
    assert.equal(stopped, 0);
    assert.equal(await withinBudget(never, 1, () => 'fallback', () => stopped++), 'fallback');
    assert.equal(stopped, 1);
    // A fallback that cannot answer keeps waiting for the work (and does not stop it).
    let finish: (v: string) => void = () => undefined;
    const late = new Promise<string>((resolve) => (finish = resolve));
    const answer = withinBudget(late, 1, () => WAIT, () => stopped++);
    setTimeout(() => finish('worker, late'), 5);
    assert.equal(await answer, 'worker, late');
    assert.equal(stopped, 1);
  });

  it('hoverFromShown: the documentation of our findings at the position, nothing elsewhere', () => {
    const shown = [finding(ARRAY, 3, ['Add maxItems']), { ...finding('some-spectral-rule', 3), source: 'spectral' }, finding(HTTP, 9)];
    const hover = hoverFromShown(shown, { line: 3, character: 6 }, true);
    const text = (hover?.contents as MarkupContent).value;
    assert.match(text, /\*\*Array without maxItems\*\* · warning/);
    assert.match(text, /OWASP API Security Top 10 2023:\*\* \[API4:2023/);
    assert.match(text, /A quick fix is available/);
    assert.doesNotMatch(text, /spectral|no-server-http/);
    assert.deepEqual(hover?.range, range(3, 4, 12));
    assert.equal(hoverFromShown(shown, { line: 5, character: 0 }, true), null);
    assert.equal((hoverFromShown(shown, { line: 9, character: 5 }, false)?.contents as MarkupContent).kind, 'plaintext');
  });

  const params = (diagnostics: Diagnostic[], only?: string[]): CodeActionParams => ({ textDocument: { uri: URI }, range: range(3, 4, 4), context: { diagnostics, ...(only ? { only } : {}) } });

  it('codeActionsFromShown: each published fix title, "ignore here" and "disable", edits left to resolve', () => {
    const actions = codeActionsFromShown(params([finding(ARRAY, 3, ['Add maxItems', 'Add maxItems: 100'])]), 7, { canResolve: true, canDisableRules: true });
    assert.notEqual(actions, WAIT);
    const list = actions as CodeAction[];
    assert.deepEqual(list.map((a) => a.title), ['Add maxItems', 'Add maxItems: 100', `Ignore ${ARRAY} here`, `Disable ${ARRAY} in this workspace`]);
    assert.ok(list.every((a) => a.kind === CodeActionKind.QuickFix && !a.edit && a.diagnostics?.[0].code === ARRAY));
    const pending = list[1].data as PendingQuickFixData;
    assert.ok(isPendingQuickFix(pending));
    assert.deepEqual([pending.uri, pending.version, pending.pending], [URI, 7, 'Add maxItems: 100']);
    assert.equal(list[3].command?.command, DISABLE_RULE_COMMAND);
    // Spectral's findings and other kinds are not ours to answer for; without "disable" support, no command.
    assert.deepEqual(codeActionsFromShown(params([{ ...finding(ARRAY, 3), source: 'spectral' }]), 7, { canResolve: true, canDisableRules: false }), []);
    assert.deepEqual((codeActionsFromShown(params([finding(HTTP, 3)]), 7, { canResolve: true, canDisableRules: false }) as CodeAction[]).map((a) => a.title), [`Ignore ${HTTP} here`]);
    assert.deepEqual(codeActionsFromShown(params([finding(HTTP, 3)], ['refactor']), 7, { canResolve: true, canDisableRules: false }), []);
  });

  it('codeActionsFromShown waits for the worker when edits are needed now', () => {
    assert.equal(codeActionsFromShown(params([finding(ARRAY, 3, ['Add maxItems'])]), 7, { canResolve: false, canDisableRules: true }), WAIT);
    assert.equal(codeActionsFromShown(params([], [FIX_ALL_KIND]), 7, { canResolve: true, canDisableRules: true }), WAIT);
    assert.equal(codeActionsFromShown(params([], ['source']), 7, { canResolve: true, canDisableRules: true }), WAIT);
  });

  it('resolvePending: the edit of the same title for the same finding, else unchanged', () => {
    const diagnostic = finding(ARRAY, 3, ['Add maxItems']);
    const data: PendingQuickFixData = { uri: URI, version: 7, diagnostic, pending: 'Add maxItems' };
    const pending = CodeAction.create('Add maxItems', CodeActionKind.QuickFix);
    pending.data = data;
    const edit = (text: string) => ({ changes: { [URI]: [{ range: range(4, 0, 0), newText: text }] } });
    const offered = [
      { ...CodeAction.create('Add maxItems', edit('elsewhere'), CodeActionKind.QuickFix), diagnostics: [finding(ARRAY, 8)] },
      { ...CodeAction.create('Ignore it', edit('# ignore'), CodeActionKind.QuickFix), diagnostics: [diagnostic] },
      { ...CodeAction.create('Add maxItems', edit('maxItems: 1000'), CodeActionKind.QuickFix), diagnostics: [diagnostic] },
    ];
    assert.deepEqual(resolvePending(pending, data, offered).edit, edit('maxItems: 1000'));
    assert.equal(resolvePending(pending, data, offered.slice(0, 2)).edit, undefined);
    assert.equal(isPendingQuickFix({ uri: URI, version: 1, ruleId: ARRAY }), false);
  });
});
