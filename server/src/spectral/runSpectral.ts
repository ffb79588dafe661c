import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import owaspRuleset from '@stoplight/spectral-owasp-ruleset';
import * as Parsers from '@stoplight/spectral-parsers';
import { Resolver } from '@stoplight/spectral-ref-resolver';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { SeverityOverride } from '../engine';
import { isInside } from './discover';
import { loadRuleset, RulesetError } from './loadRuleset';
import type { SpectralFinding, SpectralRequest, SpectralResponse } from './types';

const SEVERITY_NAMES = ['error', 'warning', 'info', 'hint'] as const;
const REFUSED = 'openapi-security does not fetch remote $refs for Spectral';

/**
 * One Spectral run with a fresh ruleset, resolver and instance (a reused one changes results), reading
 * `$ref`s only inside the workspace and never over the network.
 */
export async function runSpectral(request: SpectralRequest): Promise<SpectralResponse> {
  let ruleset;
  try {
    ruleset = (await loadRuleset(request.rulesetPath, { trusted: request.trusted, roots: request.roots })).fromSource(request.documentPath);
  } catch (error) {
    const problem = error instanceof RulesetError ? error : new RulesetError(error instanceof Error ? error.message : String(error), request.rulesetPath);
    return { ok: false, problem: { file: problem.file, message: problem.message, line: problem.line, character: problem.character } };
  }
  // Ours report these codes: theirs do not run (no doubles). Where their ruleset changes a code from what
  // the OWASP ruleset says (a severity, `off`, an override for some files), the change applies to ours.
  const ourSeverities: Record<string, SeverityOverride> = {};
  let deduplicated = 0;
  for (const code of request.ourCodes) {
    const rule = ruleset.rules[code];
    if (!rule) continue;
    const theirs = verdict(rule);
    const baseline = owaspBaseline().rules[code];
    if (!baseline || verdict(baseline) !== theirs) ourSeverities[code] = theirs;
    if (rule.enabled) deduplicated++;
    rule.enabled = false;
    rule.overrides = undefined;
  }
  const refuse = { resolve: () => Promise.reject(new Error(REFUSED)) };
  const file = { resolve: (ref: { href(): string }) => readInside(ref.href(), request.roots) };
  const spectral = new Spectral({ resolver: new Resolver({ resolvers: { http: refuse, https: refuse, file } }) });
  spectral.setRuleset(ruleset);
  const document = new Document(request.text, (request.format === 'json' ? Parsers.Json : Parsers.Yaml) as never, request.documentPath);
  let results;
  try {
    results = await spectral.run(document);
  } catch (error) {
    // Spectral compiles `given` paths when it runs: a path it cannot parse is the ruleset's problem, not a crash.
    return { ok: false, problem: { file: request.rulesetPath, message: `Spectral could not run it: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` } };
  }
  const ours = new Set(request.ourCodes);
  const findings: SpectralFinding[] = [];
  for (const r of results) {
    const code = String(r.code);
    // Findings in referenced files belong to those files; syntax errors we report ourselves.
    if ((r.source !== undefined && r.source !== request.documentPath) || code === 'parser' || ours.has(code)) continue;
    if (code === 'invalid-ref' && r.message.includes(REFUSED)) continue;
    const path = r.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
    findings.push({ code, message: r.message, severity: SEVERITY_NAMES[r.severity as 0 | 1 | 2 | 3] ?? 'error', range: r.range, path });
  }
  return { ok: true, findings, ourSeverities, deduplicated };
}

function verdict(rule: { enabled: boolean; severity: number }): SeverityOverride {
  return !rule.enabled || rule.severity === -1 ? 'off' : SEVERITY_NAMES[rule.severity as 0 | 1 | 2 | 3];
}

let baselineRuleset: Ruleset | undefined;
/** The OWASP ruleset as published: what "no change" means for our codes. Only read, so built once per worker. */
function owaspBaseline(): Ruleset {
  baselineRuleset ??= new Ruleset(owaspRuleset as never, { severity: 'recommended' });
  return baselineRuleset;
}

/** `$ref`d files inside the workspace only, also through symlinks: the real path must stay inside a real root. */
async function readInside(file: string, roots: string[]): Promise<string> {
  const real = await realpath(path.resolve(file)).catch(() => path.resolve(file));
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => root)));
  if (!realRoots.some((root) => isInside(real, root))) throw new Error(`${file} is outside the workspace: not read`);
  return readFile(real, 'utf8');
}
