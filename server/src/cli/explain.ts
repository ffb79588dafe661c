import { ruleById } from '../engine';
import { rulesReference } from '../engine/docs/rulesReference';
import { ruleDocsUrl } from '../engine/docs/links';

/** A rule's docs/rules.md section; Markdown markup removed when it goes to a terminal. */
export function explainRule(id: string, plain: boolean): string | undefined {
  const rule = ruleById(id);
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
