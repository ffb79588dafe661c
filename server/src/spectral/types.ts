import type { PathSegment, Range, Severity, SeverityOverride } from '../engine';

/** One Spectral run: the document as the editor (or the CLI) has it, and the ruleset that applies to it. */
export interface SpectralRequest {
  /** Absolute path of the document: Spectral's `overrides` match on it and relative `$ref`s start from it. */
  documentPath: string;
  text: string;
  format: 'yaml' | 'json';
  /** Absolute path of the ruleset file. */
  rulesetPath: string;
  /** False: declarative YAML/JSON only (no JS rulesets, no custom functions, no npm packages). */
  trusted: boolean;
  /** Absolute folders the document's `$ref`s and the ruleset's relative `extends` may read from. */
  roots: string[];
  /** Our rule codes: Spectral's rules with these codes do not run (ours report them), their severities apply to ours. */
  ourCodes: string[];
}

/** Where a ruleset problem is, when we know. */
export interface RulesetProblem {
  file: string;
  message: string;
  line?: number;
  character?: number;
}

/** One of Spectral's findings in the document (not in files it references). */
export interface SpectralFinding {
  code: string;
  message: string;
  severity: Severity;
  range: Range;
  path: PathSegment[];
}

export type SpectralResponse =
  | {
      ok: true;
      findings: SpectralFinding[];
      /** The ruleset's verdict on our codes for this document (severity changes, `off`, `overrides`). */
      ourSeverities: Record<string, SeverityOverride>;
      /** Spectral findings dropped because one of our rules reports the same code. */
      deduplicated: number;
    }
  | { ok: false; problem: RulesetProblem };

export { SPECTRAL_DIAGNOSTIC_SOURCE as SPECTRAL_SOURCE } from '../protocol';
/** The code of the one diagnostic a broken ruleset gets. */
export const RULESET_PROBLEM_CODE = 'spectral-ruleset';
/** Ruleset file names Spectral users expect, in the order Spectral's CLI prefers them. */
export const RULESET_FILE_NAMES = ['.spectral.yaml', '.spectral.yml', '.spectral.json', '.spectral.js', '.spectral.mjs'] as const;

export function isJavaScriptRuleset(file: string): boolean {
  return /\.(c|m)?js$/i.test(file);
}
