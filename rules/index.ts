import type { Rule } from '../server/src/engine/rule';
import arrayLimit from './arrayLimit';
import constrainedAdditionalProperties from './constrainedAdditionalProperties';
import constrainedUnevaluatedProperties from './constrainedUnevaluatedProperties';
import defineErrorResponses401 from './defineErrorResponses401';
import integerFormat from './integerFormat';
import integerLimit from './integerLimit';
import integerLimitLegacy from './integerLimitLegacy';
import noAdditionalProperties from './noAdditionalProperties';
import noHttpBasic from './noHttpBasic';
import noNumericIds from './noNumericIds';
import noSchemeHttp from './noSchemeHttp';
import noServerHttp from './noServerHttp';
import noUnevaluatedProperties from './noUnevaluatedProperties';
import rateLimit from './rateLimit';
import stringLimit from './stringLimit';
import stringRestricted from './stringRestricted';

/** Every built-in rule, in OWASP category order. Adding a rule: its file, its test, one line here. */
export const allRules: readonly Rule[] = [
  noNumericIds,
  noHttpBasic,
  noAdditionalProperties,
  constrainedAdditionalProperties,
  noUnevaluatedProperties,
  constrainedUnevaluatedProperties,
  rateLimit,
  arrayLimit,
  stringLimit,
  stringRestricted,
  integerLimit,
  integerLimitLegacy,
  integerFormat,
  defineErrorResponses401,
  noSchemeHttp,
  noServerHttp,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
