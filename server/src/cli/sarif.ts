/**
 * SARIF 2.1.0, as GitHub code scanning reads it. Fingerprints hash the rule, the JSON path
 * and the highlighted text (whitespace-normalized), never line numbers, so an unrelated
 * edit above a finding keeps its alert.
 */
import path from 'node:path';
import { allRules, cweUrl, OWASP_CATEGORIES, PARSE_ERROR_CODE, rfcSectionUrl, RULE_FAILURE_CODE, securityTxtRules, type PathSegment, type Rule, type SecurityTxtRule, type Severity } from '../engine';
import { REPOSITORY_URL, ruleDocsUrl } from '../engine/docs/links';
import { VERSION } from '../version';
import type { FileResult, LintedFinding } from './lintFiles';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** GitHub's bands: ≥ 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, < 4.0 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0', hint: '1.0' };
/** Authentication and object-level authorization flaws are raised one band. */
const CRITICAL_CATEGORIES = new Set(['API1:2023', 'API2:2023', 'API5:2023']);

export function securitySeverity(rule: Rule): string {
  return rule.severity === 'error' && CRITICAL_CATEGORIES.has(rule.owasp) ? '9.0' : SECURITY_SEVERITY[rule.severity];
}

function ruleDescriptor(rule: Rule) {
  const category = OWASP_CATEGORIES[rule.owasp];
  return {
    id: rule.id,
    name: rule.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.summary },
    helpUri: ruleDocsUrl(rule.id),
    help: {
      text: `${rule.docs.summary}\n\nWhy it matters: ${rule.docs.why}\n\nHow to fix: ${rule.docs.howToFix}`,
      markdown: `${rule.docs.summary}\n\n**Why it matters.** ${rule.docs.why}\n\n**How to fix.** ${rule.docs.howToFix}\n\n[${rule.owasp} ${category.title}](${category.url}) · ${rule.cwe.map((id) => `[CWE-${id}](${cweUrl(id)})`).join(' · ')}`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', `OWASP-${rule.owasp}`, ...rule.cwe.map((id) => `external/cwe/cwe-${id}`), ...rule.cwe.map((id) => `CWE-${id}`)],
      precision: 'high',
      'security-severity': securitySeverity(rule),
    },
  };
}

/** A security.txt problem weakens the disclosure process, not the API itself: ranked medium at most. */
export const SECURITY_TXT_SECURITY_SEVERITY: Record<Severity, string> = { error: '4.0', warning: '3.0', info: '1.0', hint: '0.5' };

const pascal = (title: string) => title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));

function securityTxtDescriptor(rule: SecurityTxtRule) {
  const url = rfcSectionUrl(rule.section);
  return {
    id: rule.id,
    name: `SecurityTxt${pascal(rule.title)}`,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.summary },
    helpUri: url,
    help: {
      text: `${rule.docs.summary}\n\nWhy it matters: ${rule.docs.why}\n\nHow to fix: ${rule.docs.howToFix}`,
      markdown: `${rule.docs.summary}\n\n**Why it matters.** ${rule.docs.why}\n\n**How to fix.** ${rule.docs.howToFix}\n\n[RFC 9116, section ${rule.section}](${url})`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['security', 'security.txt', 'RFC-9116'], precision: 'very-high', 'security-severity': SECURITY_TXT_SECURITY_SEVERITY[rule.severity] },
  };
}

const TOOL_RULES = [
  { id: PARSE_ERROR_CODE, name: 'SyntaxError', shortDescription: { text: 'Syntax error' }, fullDescription: { text: 'The document is not valid YAML or JSON.' }, defaultConfiguration: { level: 'error' as const } },
  { id: RULE_FAILURE_CODE, name: 'RuleFailure', shortDescription: { text: 'Rule failure' }, fullDescription: { text: 'A rule failed on this document and was skipped.' }, defaultConfiguration: { level: 'warning' as const } },
];

export const pointer = (path: readonly PathSegment[]) => path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** Loaded on first use: node:crypto costs ~3.5 ms to load, paid by SARIF output only, not by every CLI run. */
function sha256Hex(text: string): string {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}

export function fingerprint(finding: Pick<LintedFinding, 'code' | 'path' | 'snippet'>): string {
  const snippet = finding.snippet.replace(/\s+/g, ' ').trim();
  return sha256Hex(`${finding.code}\0${pointer(finding.path)}\0${snippet}`);
}

/** `cwd`: artifact URIs are relative to it, as code scanning expects paths from the repository root. */
export function formatSarif(results: readonly FileResult[], cwd: string): string {
  const uriOf = (file: string) => encodeURI(path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/'));
  const rules: Array<{ id: string }> = [...allRules.map(ruleDescriptor), ...securityTxtRules.map(securityTxtDescriptor), ...TOOL_RULES];
  // Rules of the user's Spectral ruleset (--spectral-ruleset): described by their code only.
  const spectralCodes = new Set(results.flatMap((r) => r.findings.filter((f) => f.source === 'spectral').map((f) => f.code)));
  for (const code of [...spectralCodes].sort()) if (!rules.some((r) => r.id === code)) rules.push({ id: code, name: code, shortDescription: { text: `${code} (Spectral ruleset)` } } as { id: string });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.code,
      ruleIndex: index.get(f.code) ?? index.get(RULE_FAILURE_CODE)!,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
          },
          logicalLocations: f.path.length ? [{ fullyQualifiedName: pointer(f.path), kind: 'member' }] : undefined,
        },
      ],
      partialFingerprints: { 'openapiSecurity/v1': fingerprint(f) },
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'openapi-security', version: VERSION, semanticVersion: VERSION, informationUri: REPOSITORY_URL, rules } },
        results: sarifResults,
        properties: { scores: results.map((r) => ({ file: r.file, score: r.score.score, counts: r.score.counts })) },
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
