import type { Rule } from '../server/src/engine/rule';
import adminSecurityUnique from './adminSecurityUnique';
import concerningUrlParameter from './concerningUrlParameter';
import defineCorsOrigin from './defineCorsOrigin';
import defineErrorResponses401 from './defineErrorResponses401';
import defineErrorResponses500 from './defineErrorResponses500';
import defineErrorValidation from './defineErrorValidation';
import inventoryAccess from './inventoryAccess';
import inventoryEnvironment from './inventoryEnvironment';
import noAdditionalProperties from './noAdditionalProperties';
import noHttpBasic from './noHttpBasic';
import noNumericIds from './noNumericIds';
import noSchemeHttp from './noSchemeHttp';
import noServerHttp from './noServerHttp';
import rateLimit from './rateLimit';
import rateLimitResponses429 from './rateLimitResponses429';
import rateLimitRetryAfter from './rateLimitRetryAfter';

/** Every built-in rule, in OWASP category order. Adding a rule: its file, its test, one line here. */
export const allRules: readonly Rule[] = [
  noNumericIds,
  noHttpBasic,
  noAdditionalProperties,
  rateLimit,
  rateLimitRetryAfter,
  rateLimitResponses429,
  adminSecurityUnique,
  concerningUrlParameter,
  defineCorsOrigin,
  noSchemeHttp,
  noServerHttp,
  defineErrorValidation,
  defineErrorResponses401,
  defineErrorResponses500,
  inventoryAccess,
  inventoryEnvironment,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
