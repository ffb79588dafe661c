import { ruleAnchor } from './rulesReference';

/** Where the project's documentation lives, the one place that names it. */
export const REPOSITORY_URL = 'https://github.com/openapi-security/openapi-security';

/** A rule's section in docs/rules.md: the diagnostic's `codeDescription.href` and the SARIF `helpUri`. */
export function ruleDocsUrl(id: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules.md#${ruleAnchor(id)}`;
}
