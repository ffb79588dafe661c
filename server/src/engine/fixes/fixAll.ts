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
      // Edits of one round must not touch: two insertions at one offset would depend on order.
      if (fix.edits.some((e) => taken.some(([start, end]) => e.offset <= end && e.end >= start))) continue;
      chosen.push(fix);
      attempted.add(key);
      for (const e of fix.edits) taken.push([e.offset, e.end]);
    }
    if (chosen.length === 0) break;
    const next = applyEdits(current, chosen.flatMap((f) => f.edits));
    if (next === current) break;
    current = next;
    applied += chosen.length;
  }
  return { text: current, edits: lineDiffEdits(text, current), applied };
}
