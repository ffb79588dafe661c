import { pathItemStructure } from '../server/src/engine/model/pathItemModel';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { addErrorResponseFix, CALLBACK_RESPONSES, checkErrorResponse, coveredByRangeOrDefault, NOT_OPERATION_RESPONSES, OAS2_HAS_NO_CONTENT } from './defineErrorResponses500';

export default defineRule({
  id: 'owasp:api4:2023-rate-limit-responses-429',
  title: 'Operation without a 429 response',
  owasp: 'API4:2023',
  cwe: [770],
  topics: ['resource-limits'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Operation is missing a rate limiting response (429).',
  docs: {
    summary: 'An operation does not define a 429 Too Many Requests response (or a `4XX` range or `default` response), or its 429 has no body.',
    why:
      'An API that never answers 429 either has no rate limiting (one client can exhaust CPU, database connections or paid quotas, brute-force credentials or scrape everything) or limits in a way clients cannot recognise, so they retry at once and make the overload worse. Documenting the 429 and its body shows the limit exists and lets contract tests check it.',
    howToFix: 'Enforce a rate limit at the gateway or in the service and add a 429 response with an error body and a `Retry-After` header, ideally one shared response under components/responses referenced from every operation.',
    example:
      "responses:\n  '429':\n    $ref: '#/components/responses/TooManyRequests'\ncomponents:\n  responses:\n    TooManyRequests:\n      description: Too Many Requests\n      headers:\n        Retry-After:\n          schema: {type: integer, minimum: 0, maximum: 86400}\n      content:\n        application/problem+json:\n          schema: {$ref: '#/components/schemas/Problem'}",
    references: [
      { title: 'OWASP API4:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/' },
      { title: 'RFC 6585 §4 429 Too Many Requests', url: 'https://www.rfc-editor.org/rfc/rfc6585#section-4' },
      { title: 'CWE-770: Allocation of Resources Without Limits or Throttling', url: 'https://cwe.mitre.org/data/definitions/770.html' },
    ],
    divergences: [coveredByRangeOrDefault('429'), OAS2_HAS_NO_CONTENT, CALLBACK_RESPONSES, NOT_OPERATION_RESPONSES],
  },
  // Findings on shared responses and parameters depend on which operations use them, and how.
  incremental: { scope: 'path-item', pathsContext: pathItemStructure },
  check(context) {
    checkErrorResponse(context, '429', 'The 429 response should describe its error body (content).');
  },
  fix: (context) => addErrorResponseFix(context, '429', 'Too Many Requests'),
});
