/**
 * The security score of one document, 0-100. Pure, so the CLI, the report and the editor
 * agree on it.
 *
 * Formula (documented in the README):
 *   cost(finding)  = SEVERITY_WEIGHT[severity] × CATEGORY_WEIGHT[owasp] × REPEAT_DECAY^k
 *                    where k = 0 for a rule's costliest finding, 1 for the next, ...
 *   penalty        = Σ cost over every finding
 *   score          = round(100 × e^(−penalty / SCALE))
 * A rule's findings form a geometric series, so one rule costs at most
 * 1 / (1 − REPEAT_DECAY) = 2 times its costliest finding: a single noisy rule cannot zero a
 * spec. The exponential keeps the score in [0, 100], and 100 means "nothing found".
 */
import type { OwaspCategory } from './owasp';
import type { Severity } from './rule';

export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { error: 10, warning: 4, info: 1, hint: 0.25 };

/** Authentication and authorization flaws are the most exploited API risks, so they weigh most. */
export const CATEGORY_WEIGHT: Readonly<Record<OwaspCategory, number>> = {
  'API1:2023': 1.5,
  'API2:2023': 1.5,
  'API3:2023': 1.25,
  'API4:2023': 1,
  'API5:2023': 1.5,
  'API6:2023': 1,
  'API7:2023': 1.25,
  'API8:2023': 1,
  'API9:2023': 0.75,
  'API10:2023': 1,
};

export const REPEAT_DECAY = 0.5;
export const SCALE = 100;

export interface ScoredFinding {
  ruleId: string;
  owasp: OwaspCategory;
  severity: Severity;
}

export interface RuleCost {
  ruleId: string;
  owasp: OwaspCategory;
  count: number;
  /** This rule's share of the penalty. */
  penalty: number;
  /** Points the score gains when every finding of this rule is fixed. */
  gain: number;
}

export interface DocumentScore {
  score: number;
  penalty: number;
  counts: Record<Severity, number>;
  /** Costliest first: the top fixes by impact. */
  rules: RuleCost[];
}

export function scoreFromPenalty(penalty: number): number {
  return Math.round(100 * Math.exp(-penalty / SCALE));
}

function rulePenalty(findings: readonly ScoredFinding[]): number {
  // The costs take a handful of values: counted, not sorted (a big spec's rule has thousands of findings, scored on
  // every keystroke). The terms are added costliest first as before, so the sum is the very same number.
  const counts = new Map<number, number>();
  for (const f of findings) {
    const cost = SEVERITY_WEIGHT[f.severity] * CATEGORY_WEIGHT[f.owasp];
    counts.set(cost, (counts.get(cost) ?? 0) + 1);
  }
  let sum = 0;
  let k = 0;
  for (const cost of [...counts.keys()].sort((a, b) => b - a)) {
    for (let n = counts.get(cost)!; n > 0; n--) sum += cost * REPEAT_DECAY ** k++;
  }
  return sum;
}

export function securityScore(findings: readonly ScoredFinding[]): DocumentScore {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const byRule = new Map<string, ScoredFinding[]>();
  for (const f of findings) {
    counts[f.severity]++;
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const penalties = [...byRule].map(([ruleId, list]) => ({ ruleId, owasp: list[0].owasp, count: list.length, penalty: rulePenalty(list) }));
  const penalty = penalties.reduce((sum, r) => sum + r.penalty, 0);
  const score = scoreFromPenalty(penalty);
  const rules = penalties
    .map((r) => ({ ...r, gain: scoreFromPenalty(penalty - r.penalty) - score }))
    .sort((a, b) => b.penalty - a.penalty || a.ruleId.localeCompare(b.ruleId));
  return { score, penalty, counts, rules };
}
