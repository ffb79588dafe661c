import { ruleAnchor } from './rulesReference';

/** Where the project lives: the one place diagnostics, SARIF, reports and `explain` take their links from. */
export const REPOSITORY_URL = 'https://github.com/openapi-security/openapi-security';

/** A rule's section in docs/rules.md: the diagnostic's `codeDescription.href` and the SARIF `helpUri`. */
export function ruleDocsUrl(id: string): string {
  // Asked for each diagnostic sent, on every keystroke: the few dozen rule ids are worked out once.
  let url = DOCS_URLS.get(id);
  if (url === undefined) DOCS_URLS.set(id, (url = `${REPOSITORY_URL}/blob/main/docs/rules.md#${ruleAnchor(id)}`));
  return url;
}

const DOCS_URLS = new Map<string, string>();
