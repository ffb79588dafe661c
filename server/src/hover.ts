import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import { controlsFor, cweUrl, OWASP_CATEGORIES, rfcSectionUrl, ruleDocsUrl, type EngineDiagnostic, type KeyHover, type Rule, type SecurityTxtDiagnostic, type SecurityTxtHover } from './engine';

/**
 * One hover for everything under the cursor: a section per finding, then the documentation
 * of the security-relevant key there. Markdown, or plain text for clients that only render
 * that. The diagnostic's message is not repeated: editors show it beside the hover.
 */
export function renderHover(diagnostics: EngineDiagnostic[], key: KeyHover | undefined, fixable: (d: EngineDiagnostic) => boolean, markdown: boolean): MarkupContent {
  const sections = diagnostics.map((d) => (d.finding ? renderRule(d.finding.rule, d, fixable(d), markdown) : renderProblem(d, markdown)));
  if (key) sections.push(renderKey(key, markdown));
  return { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: sections.join(markdown ? '\n\n---\n\n' : '\n\n----\n\n') };
}

/** The findings the editor shows at a position (their rule and severity), while the document's lint runs. */
export function renderShownHover(shown: ReadonlyArray<{ rule: Rule; severity: EngineDiagnostic['severity']; fixable: boolean }>, markdown: boolean): MarkupContent {
  const sections = shown.map((s) => renderRule(s.rule, s, s.fixable, markdown));
  return { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: sections.join(markdown ? '\n\n---\n\n' : '\n\n----\n\n') };
}

function renderRule(rule: Rule, d: Pick<EngineDiagnostic, 'severity'>, fixable: boolean, markdown: boolean): string {
  const category = OWASP_CATEGORIES[rule.owasp];
  const fixNote = fixable ? 'A quick fix is available.' : 'No automatic fix: this needs a design decision.';
  const controls = controlsFor(rule.topics);
  if (!markdown) {
    return [
      `${rule.title} (${d.severity}) ${rule.id}`,
      `Why it matters: ${rule.docs.why}`,
      `How to fix: ${rule.docs.howToFix} ${fixNote}`,
      ...(rule.docs.example ? [rule.docs.example] : []),
      `OWASP API Security Top 10 2023: ${rule.owasp} ${category.title} <${category.url}>`,
      `CWE: ${rule.cwe.map((id) => `CWE-${id} <${cweUrl(id)}>`).join(', ')}`,
      ...(controls.length ? [`Supports: ${controls.map((c) => `${c.framework} ${c.id} (${c.title})`).join('; ')}`] : []),
      `Docs: ${ruleDocsUrl(rule.id)}`,
    ].join('\n\n');
  }
  return [
    `**${escapeMarkdown(rule.title)}** · ${d.severity} · [\`${rule.id}\`](${ruleDocsUrl(rule.id)})`,
    `**Why it matters.** ${rule.docs.why}`,
    `**How to fix.** ${rule.docs.howToFix} _${fixNote}_`,
    ...(rule.docs.example ? ['```yaml\n' + rule.docs.example + '\n```'] : []),
    `**OWASP API Security Top 10 2023:** [${rule.owasp} ${category.title}](${category.url})  \n` +
      `**CWE:** ${rule.cwe.map((id) => `[CWE-${id}](${cweUrl(id)})`).join(', ')}`,
    ...(controls.length ? [`**Supports:** ${controls.map((c) => `${c.framework} ${c.id} _(${escapeMarkdown(c.title)})_`).join(' · ')}`] : []),
  ].join('\n\n');
}

function renderKey(key: KeyHover, markdown: boolean): string {
  const { doc, facts } = key;
  if (!markdown) {
    return [doc.title, ...facts, ...doc.paragraphs, ...doc.references.map((r) => `${r.title} <${r.url}>`)].join('\n\n');
  }
  return [
    `**${escapeMarkdown(doc.title)}**`,
    ...facts.map((f) => `_${f}_`),
    ...doc.paragraphs,
    doc.references.map((r) => `[${escapeMarkdown(r.title)}](${r.url})`).join(' · '),
  ].join('\n\n');
}

function renderProblem(d: EngineDiagnostic, markdown: boolean): string {
  return markdown ? `**Syntax problem** · ${d.severity}\n\n${escapeMarkdown(d.message)}` : `Syntax problem (${d.severity})\n\n${d.message}`;
}

/** security.txt: a section per finding (with its RFC 9116 section), then the field's meaning. */
export function renderSecurityTxtHover(diagnostics: SecurityTxtDiagnostic[], field: SecurityTxtHover | undefined, markdown: boolean): MarkupContent {
  const sections = diagnostics.map((d) => {
    const { rule } = d;
    const fixNote = d.fixes.length ? 'A quick fix is available.' : 'No automatic fix.';
    const url = rfcSectionUrl(rule.section);
    return markdown
      ? [`**${escapeMarkdown(rule.title)}** · ${d.severity} · \`${rule.id}\``, `**Why it matters.** ${rule.docs.why}`, `**How to fix.** ${rule.docs.howToFix} _${fixNote}_`, `[RFC 9116, section ${rule.section}](${url})`].join('\n\n')
      : [`${rule.title} (${d.severity}) ${rule.id}`, `Why it matters: ${rule.docs.why}`, `How to fix: ${rule.docs.howToFix} ${fixNote}`, `RFC 9116, section ${rule.section} <${url}>`].join('\n\n');
  });
  if (field) {
    const { field: doc, url } = field;
    const where = doc.source ? doc.source.title : `RFC 9116, section ${doc.section}`;
    sections.push(
      markdown
        ? [`**${doc.name}** · security.txt field`, doc.meaning, `_${doc.occurrence}_`, `[${where}](${url})`].join('\n\n')
        : [`${doc.name} (security.txt field)`, doc.meaning.replace(/`/g, ''), doc.occurrence, `${where} <${url}>`].join('\n\n'),
    );
  }
  return { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: sections.join(markdown ? '\n\n---\n\n' : '\n\n----\n\n') };
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_[\]<>])/g, '\\$1');
}
