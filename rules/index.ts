import type { Rule } from '../server/src/engine/rule';
import authInsecureSchemes from './authInsecureSchemes';
import defineErrorResponses401 from './defineErrorResponses401';
import jwtBestPractices from './jwtBestPractices';
import noAdditionalProperties from './noAdditionalProperties';
import noApiKeysInUrl from './noApiKeysInUrl';
import noCredentialsInUrl from './noCredentialsInUrl';
import noHttpBasic from './noHttpBasic';
import noNumericIds from './noNumericIds';
import noSchemeHttp from './noSchemeHttp';
import noServerHttp from './noServerHttp';
import publicWrite from './publicWrite';
import rateLimit from './rateLimit';
import readRestricted from './readRestricted';
import shortLivedAccessTokens from './shortLivedAccessTokens';
import writeRestricted from './writeRestricted';

/** Every built-in rule, in OWASP category order. Adding a rule: its file, its test, one line here. */
export const allRules: readonly Rule[] = [
  noNumericIds,
  noHttpBasic,
  noApiKeysInUrl,
  noCredentialsInUrl,
  authInsecureSchemes,
  jwtBestPractices,
  shortLivedAccessTokens,
  writeRestricted,
  readRestricted,
  publicWrite,
  noAdditionalProperties,
  rateLimit,
  defineErrorResponses401,
  noSchemeHttp,
  noServerHttp,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
