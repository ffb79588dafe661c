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

/** Costs, costliest first, each as many times as it was counted, with the geometric decay. */
function rulePenalty(costCounts: ReadonlyMap<number, number>): number {
  let sum = 0;
  let k = 0;
  for (const cost of [...costCounts.keys()].sort((a, b) => b - a)) {
    for (let n = costCounts.get(cost)!; n > 0; n--) sum += cost * REPEAT_DECAY ** k++;
  }
  return sum;
}

interface RuleTally {
  owasp: OwaspCategory;
  count: number;
  /** How many findings have each cost: the costs take a handful of values (counted, not sorted: a big spec's rule has thousands of findings, scored on every keystroke). */
  costs: Map<number, number>;
}

export function securityScore(findings: readonly ScoredFinding[]): DocumentScore {
  return scoreOf(findings, (f) => f.ruleId, (f) => f.owasp, (f) => f.severity);
}

/**
 * The score of findings of any shape, in one pass and without copying them: a rule's findings usually come one after
 * another with one severity, so a rule's tally and a cost's count are looked up only when they change.
 */
export function scoreOf<T>(findings: readonly T[], ruleIdOf: (f: T) => string, owaspOf: (f: T) => OwaspCategory, severityOf: (f: T) => Severity): DocumentScore {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const byRule = new Map<string, RuleTally>();
  let ruleId: string | undefined;
  let tally: RuleTally | undefined;
  let cost = NaN;
  let run = 0;
  const flush = () => {
    if (tally && run > 0) tally.costs.set(cost, (tally.costs.get(cost) ?? 0) + run);
    run = 0;
  };
  for (const f of findings) {
    const severity = severityOf(f);
    counts[severity]++;
    const id = ruleIdOf(f);
    if (id !== ruleId || !tally) {
      flush();
      ruleId = id;
      tally = byRule.get(id);
      if (!tally) byRule.set(id, (tally = { owasp: owaspOf(f), count: 0, costs: new Map() }));
      cost = NaN;
    }
    const fCost = SEVERITY_WEIGHT[severity] * CATEGORY_WEIGHT[owaspOf(f)];
    if (fCost !== cost) {
      flush();
      cost = fCost;
    }
    tally.count++;
    run++;
  }
  flush();
  const penalties = [...byRule].map(([id, t]) => ({ ruleId: id, owasp: t.owasp, count: t.count, penalty: rulePenalty(t.costs) }));
  const penalty = penalties.reduce((sum, r) => sum + r.penalty, 0);
  const score = scoreFromPenalty(penalty);
  const rules = penalties
    .map((r) => ({ ...r, gain: scoreFromPenalty(penalty - r.penalty) - score }))
    // Ties by code point: the first `localeCompare` of a process loads a collator (~7 ms of a cold lint).
    .sort((a, b) => b.penalty - a.penalty || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { score, penalty, counts, rules };
}
