/**
 * `openapi-security report`: one self-contained HTML page (inline CSS and SVG, no scripts,
 * no network) that a CI job can publish as an artifact.
 */
import { OWASP_CATEGORIES, ruleById, type OwaspCategory, type Severity } from '../engine';
import { ruleDocsUrl } from '../engine/docs/links';
import { VERSION } from '../version';
import { formatMarkdown } from './formatters';
import { docsUrlFor, ruleTitle, type FileResult } from './lintFiles';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const SEVERITY_COLOR: Record<Severity, string> = { error: '#c62828', warning: '#ef8f00', info: '#1976d2', hint: '#78909c' };

export interface RuleImpact {
  ruleId: string;
  findings: number;
  /** Score points gained across all files when the rule's findings are fixed. */
  gain: number;
}

/** Rules ranked by the score their findings cost, summed over the files. */
export function topFixes(results: readonly FileResult[]): RuleImpact[] {
  const byRule = new Map<string, RuleImpact>();
  for (const r of results) {
    for (const cost of r.score.rules) {
      const entry = byRule.get(cost.ruleId) ?? { ruleId: cost.ruleId, findings: 0, gain: 0 };
      entry.findings += cost.count;
      entry.gain += cost.gain;
      byRule.set(cost.ruleId, entry);
    }
  }
  return [...byRule.values()].sort((a, b) => b.gain - a.gain || b.findings - a.findings || a.ruleId.localeCompare(b.ruleId));
}

/** Horizontal stacked bars: one per OWASP category, one segment per severity. */
export function categoryChart(results: readonly FileResult[]): string {
  const counts = new Map<OwaspCategory, Record<Severity, number>>();
  for (const category of Object.keys(OWASP_CATEGORIES) as OwaspCategory[]) counts.set(category, { error: 0, warning: 0, info: 0, hint: 0 });
  for (const f of results.flatMap((r) => r.findings)) {
    const rule = ruleById(f.code);
    if (rule) counts.get(rule.owasp)![f.severity]++;
  }
  const max = Math.max(1, ...[...counts.values()].map((c) => SEVERITY_ORDER.reduce((s, k) => s + c[k], 0)));
  const rowHeight = 26;
  const labelWidth = 390;
  const barWidth = 420;
  const rows = [...counts].map(([category, c], i) => {
    let x = labelWidth;
    const y = i * rowHeight + 4;
    const segments = SEVERITY_ORDER.filter((s) => c[s] > 0).map((s) => {
      const width = (c[s] / max) * barWidth;
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="18" fill="${SEVERITY_COLOR[s]}"><title>${category}: ${c[s]} ${s}</title></rect>`;
      x += width;
      return rect;
    });
    const total = SEVERITY_ORDER.reduce((s, k) => s + c[k], 0);
    return `<text x="0" y="${y + 14}">${escapeHtml(`${category} ${OWASP_CATEGORIES[category].title}`)}</text>${segments.join('')}<text x="${(x + 6).toFixed(1)}" y="${y + 14}">${total}</text>`;
  });
  const legendY = counts.size * rowHeight + 16;
  const legend = SEVERITY_ORDER.map((s, i) => `<rect x="${labelWidth + i * 100}" y="${legendY - 11}" width="12" height="12" fill="${SEVERITY_COLOR[s]}"/><text x="${labelWidth + i * 100 + 18}" y="${legendY}">${s}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Findings by OWASP category and severity" width="${labelWidth + barWidth + 60}" height="${legendY + 10}" font-size="12" font-family="system-ui, sans-serif">${rows.join('')}${legend}</svg>`;
}

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1c1c1c}
h1{margin-bottom:.2rem}.muted{color:#666}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f5f5f5}
.score{display:inline-block;font-size:2.6rem;font-weight:700;padding:.2rem 1rem;border-radius:.5rem;color:#fff}
.sev{font-weight:600}.sev-error{color:${SEVERITY_COLOR.error}}.sev-warning{color:${SEVERITY_COLOR.warning}}.sev-info{color:${SEVERITY_COLOR.info}}.sev-hint{color:${SEVERITY_COLOR.hint}}
code{font-size:12px;background:#f3f3f3;padding:0 .2rem}`;

const scoreColor = (score: number) => (score >= 80 ? '#2e7d32' : score >= 50 ? '#ef8f00' : '#c62828');

export function renderHtmlReport(results: readonly FileResult[]): string {
  const overall = results.length ? Math.min(...results.map((r) => r.score.score)) : 100;
  const findings = results.flatMap((r) => r.findings);
  const fixes = topFixes(results).slice(0, 10);
  const fileRows = results.map((r) => `<tr><td>${escapeHtml(r.file)}</td><td>${r.score.score}</td>${SEVERITY_ORDER.map((s) => `<td>${r.score.counts[s]}</td>`).join('')}</tr>`).join('');
  const fixRows = fixes.map((f) => `<tr><td><a href="${escapeHtml(docsUrlFor(f.ruleId) ?? ruleDocsUrl(f.ruleId))}">${escapeHtml(ruleTitle(f.ruleId))}</a><br><code>${escapeHtml(f.ruleId)}</code></td><td>${f.findings}</td><td>+${f.gain}</td></tr>`).join('');
  const findingRows = findings
    .map((f) => {
      const url = docsUrlFor(f.code);
      const docs = url ? ` <a href="${escapeHtml(url)}">docs</a>` : '';
      return `<tr><td>${escapeHtml(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}</td><td class="sev sev-${f.severity}">${f.severity}</td><td>${escapeHtml(f.message)}<br><code>${escapeHtml(f.code)}</code>${docs}</td></tr>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>OpenAPI security report</title><style>${STYLE}</style></head>
<body>
<h1>OpenAPI security report</h1>
<p class="muted">openapi-security ${escapeHtml(VERSION)} · ${results.length} document${results.length === 1 ? '' : 's'} · ${findings.length} finding${findings.length === 1 ? '' : 's'}</p>
<p><span class="score" id="score" style="background:${scoreColor(overall)}">${overall}</span> <span class="muted">security score (0-100${results.length > 1 ? ', lowest document' : ''})</span></p>
<table><thead><tr><th>Document</th><th>Score</th><th>Errors</th><th>Warnings</th><th>Info</th><th>Hints</th></tr></thead><tbody>${fileRows}</tbody></table>
<h2>Findings by OWASP category</h2>
${categoryChart(results)}
<h2>Top fixes by impact</h2>
${fixes.length ? `<table><thead><tr><th>Rule</th><th>Findings</th><th>Score gain</th></tr></thead><tbody>${fixRows}</tbody></table>` : '<p>Nothing to fix.</p>'}
<h2>All findings</h2>
${findings.length ? `<table><thead><tr><th>Location</th><th>Severity</th><th>Finding</th></tr></thead><tbody>${findingRows}</tbody></table>` : '<p>No problems found.</p>'}
</body></html>
`;
}

/** The `report` command's output, and the editor's "Show security report" (the same text for the same findings). */
export function renderReport(results: readonly FileResult[], format: string): string {
  if (format !== 'markdown') return renderHtmlReport(results);
  const fixes = topFixes(results).slice(0, 10);
  const table = fixes.map((f) => `| [${ruleTitle(f.ruleId)}](${docsUrlFor(f.ruleId) ?? ruleDocsUrl(f.ruleId)}) | ${f.findings} | +${f.gain} |`);
  const fixSection = fixes.length ? ['', '## Top fixes by impact', '', '| Rule | Findings | Score gain |', '|---|---:|---:|', ...table] : [];
  const [head, ...rest] = formatMarkdown(results, docsUrlFor).split('\n\n## ');
  return [head, ...fixSection, ...rest.map((section) => `\n## ${section}`)].join('\n');
}
