/**
 * `.openapi-security.yaml`: the team's shared settings, read by the CLI and the language
 * server alike. Parsing is pure (text in, config out); finding the file is the caller's job.
 */
import { parse as parseYaml } from 'yaml';
import type { PathSegment } from './ast';
import { matchesGlob } from './glob';
import type { SeverityOverride } from './lint';
import { SEVERITIES } from './rule';

export const CONFIG_FILE_NAME = '.openapi-security.yaml';

export type FailOn = 'error' | 'warning' | 'info' | 'never';
export const FAIL_ON_LEVELS: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

export interface FindingIgnore {
  /** JSON Pointer pattern (`/paths/~1internal*` + `*` within a segment, `**` for any segments); absent: every path. */
  path?: string;
  /** Rule id; absent: every rule. */
  rule?: string;
}

export interface ProjectConfig {
  rules: Record<string, SeverityOverride>;
  ignore: { files: string[]; findings: FindingIgnore[] };
  failOn?: FailOn;
  maxFileSizeMB?: number;
}

export const EMPTY_CONFIG: ProjectConfig = { rules: {}, ignore: { files: [], findings: [] } };

export interface ParsedConfig {
  config: ProjectConfig;
  /** What was wrong and ignored: a bad entry never disables the rest of the file. */
  problems: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

export function parseConfig(text: string): ParsedConfig {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    return { config: EMPTY_CONFIG, problems: [`not valid YAML: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (!isRecord(raw)) return { config: EMPTY_CONFIG, problems: ['expected a mapping at the top level'] };
  const config: ProjectConfig = { rules: {}, ignore: { files: [], findings: [] } };
  for (const key of Object.keys(raw)) {
    if (!['rules', 'ignore', 'failOn', 'maxFileSizeMB'].includes(key)) problems.push(`unknown key '${key}'`);
  }
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) problems.push("'rules' must map rule ids to error, warning, info, hint or off");
    else {
      for (const [id, level] of Object.entries(raw.rules)) {
        if (level === 'off' || SEVERITIES.includes(level as never)) config.rules[id] = level as SeverityOverride;
        else problems.push(`rules.${id}: '${String(level)}' is not error, warning, info, hint or off`);
      }
    }
  }
  if (raw.ignore !== undefined) {
    const ignore = isRecord(raw.ignore) ? raw.ignore : {};
    if (!isRecord(raw.ignore)) problems.push("'ignore' must be a mapping with 'files' and 'findings'");
    if (Array.isArray(ignore.files)) config.ignore.files = ignore.files.filter((f): f is string => typeof f === 'string');
    else if (ignore.files !== undefined) problems.push("'ignore.files' must be a list of globs");
    if (Array.isArray(ignore.findings)) {
      for (const entry of ignore.findings) {
        if (typeof entry === 'string') config.ignore.findings.push({ path: entry });
        else if (isRecord(entry) && (typeof entry.path === 'string' || typeof entry.rule === 'string')) {
          config.ignore.findings.push({
            ...(typeof entry.path === 'string' ? { path: entry.path } : {}),
            ...(typeof entry.rule === 'string' ? { rule: entry.rule } : {}),
          });
        } else problems.push(`ignore.findings: ${JSON.stringify(entry)} needs a 'path' or a 'rule'`);
      }
    } else if (ignore.findings !== undefined) problems.push("'ignore.findings' must be a list");
  }
  if (raw.failOn !== undefined) {
    if (FAIL_ON_LEVELS.includes(raw.failOn as FailOn)) config.failOn = raw.failOn as FailOn;
    else problems.push(`failOn: '${String(raw.failOn)}' is not error, warning, info or never`);
  }
  if (raw.maxFileSizeMB !== undefined) {
    if (typeof raw.maxFileSizeMB === 'number' && raw.maxFileSizeMB > 0) config.maxFileSizeMB = raw.maxFileSizeMB;
    else problems.push('maxFileSizeMB must be a positive number');
  }
  return { config, problems };
}

/** `relativePath` is relative to the directory holding the config file. */
export function isFileIgnored(config: ProjectConfig, relativePath: string): boolean {
  return config.ignore.files.some((glob) => matchesGlob(relativePath, glob));
}

export function isFindingIgnored(config: ProjectConfig, finding: { code: string; path: readonly PathSegment[] }): boolean {
  return config.ignore.findings.some(
    (entry) => (entry.rule === undefined || entry.rule === finding.code) && (entry.path === undefined || pathPatternMatches(entry.path, finding.path)),
  );
}

const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

function segmentMatches(pattern: string, segment: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === segment;
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(segment);
}

/**
 * A JSON Pointer pattern matches a finding at the path or anywhere below it, so ignoring
 * an operation ignores everything inside it.
 */
export function pathPatternMatches(pattern: string, path: readonly PathSegment[]): boolean {
  const parts = pattern.replace(/^#/, '').split('/').slice(1).map(unescapePointer);
  const segments = path.map(String);
  const match = (p: number, s: number): boolean => {
    if (p === parts.length) return true;
    if (parts[p] === '**') return [...Array(segments.length - s + 1).keys()].some((skip) => match(p + 1, s + skip));
    return s < segments.length && segmentMatches(parts[p], segments[s]) && match(p + 1, s + 1);
  };
  return match(0, 0);
}

/** The severity overrides in force: the file's, then the user's per-rule settings on top. */
export function mergeRuleOverrides(
  fromFile: Readonly<Record<string, SeverityOverride>>,
  fromUser: Readonly<Record<string, SeverityOverride>>,
): Record<string, SeverityOverride> {
  return { ...fromFile, ...fromUser };
}
