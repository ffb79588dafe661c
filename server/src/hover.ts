import { MarkupKind, type MarkupContent } from 'vscode-languageserver';
import { cweUrl, OWASP_CATEGORIES, type EngineDiagnostic, type Rule } from './engine';

/**
 * One section per finding under the cursor; markdown, or plain text for clients that only
 * render that. The diagnostic's message is not repeated: editors show it beside the hover.
 */
export function renderFindingsHover(diagnostics: EngineDiagnostic[], fixable: (d: EngineDiagnostic) => boolean, markdown: boolean): MarkupContent {
  const sections = diagnostics.map((d) => (d.finding ? renderRule(d.finding.rule, d, fixable(d), markdown) : renderProblem(d, markdown)));
  return { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: sections.join(markdown ? '\n\n---\n\n' : '\n\n----\n\n') };
}

function renderRule(rule: Rule, d: EngineDiagnostic, fixable: boolean, markdown: boolean): string {
  const category = OWASP_CATEGORIES[rule.owasp];
  const fixNote = fixable ? 'A quick fix is available.' : 'No automatic fix: this needs a design decision.';
  if (!markdown) {
    return [
      `${rule.title} (${d.severity}) ${rule.id}`,
      `Why it matters: ${rule.docs.why}`,
      `How to fix: ${rule.docs.howToFix} ${fixNote}`,
      ...(rule.docs.example ? [rule.docs.example] : []),
      `OWASP API Security Top 10 2023: ${rule.owasp} ${category.title} <${category.url}>`,
      `CWE: ${rule.cwe.map((id) => `CWE-${id} <${cweUrl(id)}>`).join(', ')}`,
    ].join('\n\n');
  }
  return [
    `**${escapeMarkdown(rule.title)}** · ${d.severity} · \`${rule.id}\``,
    `**Why it matters.** ${rule.docs.why}`,
    `**How to fix.** ${rule.docs.howToFix} _${fixNote}_`,
    ...(rule.docs.example ? ['```yaml\n' + rule.docs.example + '\n```'] : []),
    `**OWASP API Security Top 10 2023:** [${rule.owasp} ${category.title}](${category.url})  \n` +
      `**CWE:** ${rule.cwe.map((id) => `[CWE-${id}](${cweUrl(id)})`).join(', ')}`,
  ].join('\n\n');
}

function renderProblem(d: EngineDiagnostic, markdown: boolean): string {
  return markdown ? `**Syntax problem** · ${d.severity}\n\n${escapeMarkdown(d.message)}` : `Syntax problem (${d.severity})\n\n${d.message}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_[\]<>])/g, '\\$1');
}
