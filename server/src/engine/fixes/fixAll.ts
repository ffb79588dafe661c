import { lineDiffEdits } from '../edit/lineDiff';
import { applyEdits, type TextEdit } from '../edit/textEdit';
import { analyze, fixesFor, type AnalyzeOptions } from '../lint';
import type { Finding, Fix } from '../rule';

const MAX_ROUNDS = 12;

export interface FixAllResult {
  text: string;
  /** Small edits from the original text to `text`. */
  edits: TextEdit[];
  /** How many fixes were applied. */
  applied: number;
}

/**
 * Applies every preferred fix of the findings `select` accepts, in rounds: each round takes the
 * fixes that do not touch each other, applies them, and lints again, so later fixes see the
 * text the earlier ones produced, exactly as when a user applies them one by one.
 */
export function fixAll(text: string, options: AnalyzeOptions, select: (finding: Finding) => boolean = () => true): FixAllResult {
  let current = text;
  let applied = 0;
  // A finding still there after its fix was applied is not fixed twice (its fix does not resolve it).
  const attempted = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const analysis = analyze(current, options);
    const chosen: Fix[] = [];
    const taken: Array<[number, number]> = [];
    for (const finding of analysis.findings) {
      if (!select(finding)) continue;
      const key = `${finding.rule.id} ${JSON.stringify(finding.path)}`;
      if (attempted.has(key)) continue;
      const fix = fixesFor(analysis, finding).find((f) => f.isPreferred);
      if (!fix) continue;
      if (fix.edits.some((e) => taken.some(([start, end]) => conflicts(e, start, end)))) continue;
      chosen.push(fix);
      attempted.add(key);
      for (const e of fix.edits) taken.push([e.offset, e.end]);
    }
    if (chosen.length === 0) break;
    const next = applyEdits(current, mergeInsertions(chosen.flatMap((f) => f.edits)));
    if (next === current) break;
    current = next;
    applied += chosen.length;
  }
  return { text: current, edits: lineDiffEdits(text, current), applied };
}

/**
 * Edits of one round must not overlap. Insertions at the same offset may share a round: they
 * are merged in the order a user applying them one after another gets. Block YAML inserts at
 * the start of the line after an object, so a nested object's entries (more indented) come
 * before its parent's; siblings keep finding order. An insertion at the edge of a replacement
 * would depend on order, so it waits for the next round.
 */
function conflicts(edit: TextEdit, start: number, end: number): boolean {
  if (edit.offset < end && edit.end > start) return true;
  if (edit.offset === edit.end && start < end) return edit.offset === start || edit.offset === end;
  if (start === end && edit.offset < edit.end) return start === edit.offset || start === edit.end;
  return false;
}

function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  const insertions = new Map<number, TextEdit[]>();
  for (const edit of edits) {
    if (edit.offset !== edit.end) merged.push(edit);
    else insertions.set(edit.offset, [...(insertions.get(edit.offset) ?? []), edit]);
  }
  for (const [offset, group] of insertions) {
    const ordered = group.map((edit, order) => ({ edit, order })).sort((a, b) => indentOf(b.edit.newText) - indentOf(a.edit.newText) || a.order - b.order);
    // Two fixes adding the same entry (a shared response, a 429) at one place: after the first,
    // the second finding would be gone, so its insertion is dropped.
    const seen = new Set<string>();
    const texts = ordered.map((o) => o.edit.newText).filter((text) => {
      const key = `${indentOf(text)} ${/^(?:\r?\n)?\s*,?\s*["']?([^"':\n]+)/.exec(text)?.[1] ?? text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    merged.push({ offset, end: offset, newText: texts.join('') });
  }
  return merged;
}

function indentOf(text: string): number {
  return /^(?:\r?\n)?( *)/.exec(text)?.[1].length ?? 0;
}
