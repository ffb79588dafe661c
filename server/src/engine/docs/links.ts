import { ruleAnchor } from './rulesReference';

/** Where the project lives: the one place SARIF, reports and `explain` take their links from. */
export const REPOSITORY_URL = 'https://github.com/openapi-security/openapi-security';

export function ruleDocsUrl(id: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules.md#${ruleAnchor(id)}`;
}
