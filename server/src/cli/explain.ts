import { rfcSectionUrl, ruleById, securityTxtRuleById } from '../engine';
import { rulesReference } from '../engine/docs/rulesReference';
import { ruleDocsUrl } from '../engine/docs/links';

/** A rule's docs/rules.md section; Markdown markup removed when it goes to a terminal. */
export function explainRule(id: string, plain: boolean): string | undefined {
  const rule = ruleById(id);
  const securityTxt = rule ? undefined : securityTxtRuleById(id);
  if (securityTxt) {
    const { docs, section } = securityTxt;
    const lines = [`${securityTxt.id}: ${securityTxt.title} (${securityTxt.severity})`, docs.summary, `Why it matters: ${docs.why}`, `How to fix: ${docs.howToFix}`, `RFC 9116, section ${section}: ${rfcSectionUrl(section)}`];
    return plain ? lines.join('\n\n').replace(/`([^`]+)`/g, '$1') : [`## \`${securityTxt.id}\``, ...lines.slice(1)].join('\n\n');
  }
  if (!rule) return undefined;
  const section = rulesReference([rule]).split('\n').slice(4).join('\n').trim();
  const markdown = `${section}\n\nDocs: ${ruleDocsUrl(rule.id)}`;
  if (!plain) return markdown;
  return markdown
    .replace(/^## <a id="[^"]*"><\/a>`([^`]+)`/m, '$1')
    .replace(/^```\w*$/gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>')
    .replace(/\n{3,}/g, '\n\n');
}
