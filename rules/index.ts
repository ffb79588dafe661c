import type { Rule } from '../server/src/engine/rule';
import adminSecurityUnique from './adminSecurityUnique';
import arrayLimit from './arrayLimit';
import authInsecureSchemes from './authInsecureSchemes';
import callbackHttp from './callbackHttp';
import callbackUrlUnvalidated from './callbackUrlUnvalidated';
import concerningUrlParameter from './concerningUrlParameter';
import constrainedAdditionalProperties from './constrainedAdditionalProperties';
import constrainedUnevaluatedProperties from './constrainedUnevaluatedProperties';
import corsWildcardCredentials from './corsWildcardCredentials';
import credentialsOverHttp from './credentialsOverHttp';
import defineCorsOrigin from './defineCorsOrigin';
import defineErrorResponses401 from './defineErrorResponses401';
import defineErrorResponses403 from './defineErrorResponses403';
import defineErrorResponses500 from './defineErrorResponses500';
import defineErrorValidation from './defineErrorValidation';
import integerFormat from './integerFormat';
import integerLimit from './integerLimit';
import integerLimitLegacy from './integerLimitLegacy';
import inventoryAccess from './inventoryAccess';
import inventoryEnvironment from './inventoryEnvironment';
import jwtBestPractices from './jwtBestPractices';
import noAdditionalProperties from './noAdditionalProperties';
import noApiKeysInUrl from './noApiKeysInUrl';
import noCredentialsInUrl from './noCredentialsInUrl';
import noHighEntropySecretsInExamples from './noHighEntropySecretsInExamples';
import noHttpBasic from './noHttpBasic';
import noHttpDigest from './noHttpDigest';
import noNumericIds from './noNumericIds';
import noSchemeHttp from './noSchemeHttp';
import noSecretsInExamples from './noSecretsInExamples';
import noSecurity from './noSecurity';
import noSensitivePropertiesInResponses from './noSensitivePropertiesInResponses';
import noServerHttp from './noServerHttp';
import noUnevaluatedProperties from './noUnevaluatedProperties';
import oauth2ImplicitFlow from './oauth2ImplicitFlow';
import oauth2PasswordFlow from './oauth2PasswordFlow';
import publicWrite from './publicWrite';
import rateLimit from './rateLimit';
import rateLimitResponses429 from './rateLimitResponses429';
import rateLimitRetryAfter from './rateLimitRetryAfter';
import readRestricted from './readRestricted';
import sensitiveFlowRateLimit from './sensitiveFlowRateLimit';
import sensitivePropertiesWriteOnly from './sensitivePropertiesWriteOnly';
import serverManagedPropertiesReadOnly from './serverManagedPropertiesReadOnly';
import serverPrivateHost from './serverPrivateHost';
import serverUrlCredentials from './serverUrlCredentials';
import shortLivedAccessTokens from './shortLivedAccessTokens';
import stringLimit from './stringLimit';
import stringRestricted from './stringRestricted';
import undefinedScopes from './undefinedScopes';
import undefinedSecurityScheme from './undefinedSecurityScheme';
import unusedSecurityScheme from './unusedSecurityScheme';
import writeRestricted from './writeRestricted';

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
  noApiKeysInUrl,
  noCredentialsInUrl,
  authInsecureSchemes,
  jwtBestPractices,
  shortLivedAccessTokens,
  writeRestricted,
  readRestricted,
  publicWrite,
  noAdditionalProperties,
  constrainedAdditionalProperties,
  noUnevaluatedProperties,
  constrainedUnevaluatedProperties,
  noSensitivePropertiesInResponses,
  sensitivePropertiesWriteOnly,
  serverManagedPropertiesReadOnly,
  rateLimit,
  arrayLimit,
  stringLimit,
  stringRestricted,
  integerLimit,
  integerLimitLegacy,
  integerFormat,
  rateLimitRetryAfter,
  rateLimitResponses429,
  defineErrorResponses403,
  adminSecurityUnique,
  sensitiveFlowRateLimit,
  concerningUrlParameter,
  defineErrorResponses401,
  noSchemeHttp,
  noServerHttp,
  serverUrlCredentials,
  noSecretsInExamples,
  noHighEntropySecretsInExamples,
  serverPrivateHost,
  corsWildcardCredentials,
  defineCorsOrigin,
  defineErrorValidation,
  defineErrorResponses500,
  unusedSecurityScheme,
  inventoryAccess,
  inventoryEnvironment,
  callbackHttp,
  callbackUrlUnvalidated,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
