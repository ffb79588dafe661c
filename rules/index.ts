import type { Rule } from '../server/src/engine/rule';
import defineErrorResponses401 from './defineErrorResponses401';
import noAdditionalProperties from './noAdditionalProperties';
import noHttpBasic from './noHttpBasic';
import noNumericIds from './noNumericIds';
import noSchemeHttp from './noSchemeHttp';
import noServerHttp from './noServerHttp';
import rateLimit from './rateLimit';

/** Every built-in rule, in OWASP category order. Adding a rule: its file, its test, one line here. */
export const allRules: readonly Rule[] = [
  noNumericIds,
  noHttpBasic,
  noAdditionalProperties,
  rateLimit,
  defineErrorResponses401,
  noSchemeHttp,
  noServerHttp,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
