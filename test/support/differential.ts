import { nodeAtPath, type PathSegment } from '../../server/src/engine/ast';
import { allRules, lintText, type Rule, type SourceFormat } from '../../server/src/engine';
import type { Disagreement, Divergence } from '../../server/src/engine/rule';
import { runSpectral, type SpectralFinding } from './spectralOracle';

/** The codes of @stoplight/spectral-owasp-ruleset: the rules the differential test compares. */
export function upstreamCodes(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ruleset = require('@stoplight/spectral-owasp-ruleset');
  return Object.keys((ruleset.default ?? ruleset).rules);
}

export interface RuleComparison {
  code: string;
  /** Places both report. */
  agreed: number;
  ours: number;
  upstream: number;
  explained: Array<Disagreement & { by: Divergence }>;
  unexplained: Disagreement[];
}

export type Comparison = { timedOut: true } | { timedOut: false; rules: RuleComparison[] };

const key = (path: readonly PathSegment[]) => JSON.stringify(path.map(String));

/**
 * Runs our rules and Spectral's OWASP ruleset on one document and compares, rule by rule,
 * the JSON paths each reports. Each disagreement is matched against the rule's documented
 * divergences.
 */
export async function compareWithUpstream(text: string, format: SourceFormat, limitMs: number): Promise<Comparison> {
  const upstream = await runSpectral(text, format, limitMs);
  if ('timedOut' in upstream) return { timedOut: true };
  return { timedOut: false, rules: compareFindings(text, format, upstream.findings) };
}

/** Rule-by-rule comparison of our findings with upstream's on one document. */
export function compareFindings(text: string, format: SourceFormat, upstreamFindings: SpectralFinding[]): RuleComparison[] {
  const upstream = { findings: upstreamFindings };
  const analysis = lintText(text, { format });
  const model = analysis.model;
  if (!model) throw new Error('not an OpenAPI document');
  const rules: RuleComparison[] = [];
  for (const code of upstreamCodes()) {
    const rule: Rule | undefined = allRules.find((r) => r.id === code);
    const ourPaths = new Map(analysis.findings.filter((f) => f.rule.id === code).map((f) => [key(f.path), f] as const));
    const theirPaths = new Map(upstream.findings.filter((f) => f.code === code).map((f) => [key(f.path), f] as const));
    const comparison: RuleComparison = { code, agreed: 0, ours: ourPaths.size, upstream: theirPaths.size, explained: [], unexplained: [] };
    const judge = (d: Disagreement) => {
      const by = rule?.docs.divergences?.find((divergence) => divergence.explains?.(d));
      if (by) comparison.explained.push({ ...d, by });
      else comparison.unexplained.push(d);
    };
    for (const [k, finding] of ourPaths) {
      if (theirPaths.has(k)) comparison.agreed++;
      else judge({ side: 'only-ours', path: finding.path, node: nodeAtPath(model.root, finding.path), message: finding.message, model });
    }
    for (const [k, finding] of theirPaths) {
      if (ourPaths.has(k)) continue;
      const path = typedPath(model.root, finding.path);
      judge({ side: 'only-upstream', path, node: nodeAtPath(model.root, path), message: finding.message, model });
    }
    rules.push(comparison);
  }
  return rules;
}

/** Spectral writes array indices as strings; ours are numbers where the node is an array. */
function typedPath(root: Parameters<typeof nodeAtPath>[0], path: readonly PathSegment[]): PathSegment[] {
  const typed: PathSegment[] = [];
  let node = root;
  for (const segment of path) {
    const index = node?.kind === 'array' && /^\d+$/.test(String(segment));
    typed.push(index ? Number(segment) : String(segment));
    node = nodeAtPath(node, [segment]);
  }
  return typed;
}

/** One line per disagreement, for failure messages. */
export function describeDisagreement(code: string, d: Disagreement): string {
  return `${code} ${d.side} at ${d.path.join('.')}: ${d.message}`;
}
