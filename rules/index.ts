import type { Rule } from '../server/src/engine/rule';
import credentialsOverHttp from './credentialsOverHttp';
import defineErrorResponses401 from './defineErrorResponses401';
import noAdditionalProperties from './noAdditionalProperties';
import noHttpBasic from './noHttpBasic';
import noHttpDigest from './noHttpDigest';
import noNumericIds from './noNumericIds';
import noSecurity from './noSecurity';
import noSchemeHttp from './noSchemeHttp';
import noServerHttp from './noServerHttp';
import oauth2ImplicitFlow from './oauth2ImplicitFlow';
import oauth2PasswordFlow from './oauth2PasswordFlow';
import rateLimit from './rateLimit';
import undefinedScopes from './undefinedScopes';
import undefinedSecurityScheme from './undefinedSecurityScheme';

/** Every built-in rule, in OWASP category order. Adding a rule: its file, its test, one line here. */
export const allRules: readonly Rule[] = [
  noNumericIds,
  noHttpBasic,
  noHttpDigest,
  oauth2ImplicitFlow,
  oauth2PasswordFlow,
  credentialsOverHttp,
  undefinedSecurityScheme,
  undefinedScopes,
  noSecurity,
  noAdditionalProperties,
  rateLimit,
  defineErrorResponses401,
  noSchemeHttp,
  noServerHttp,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
