import { pathItemStructure } from '../server/src/engine/model/pathItemModel';
import { property } from '../server/src/engine/ast';
import type { Operation } from '../server/src/engine/model/openApiModel';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { addErrorResponseFix, CALLBACK_RESPONSES, NOT_OPERATION_RESPONSES } from './defineErrorResponses500';

/** 400 and 422 are the validation statuses; a `4XX` range or `default` describes them too. */
function coversValidation(key: string): boolean {
  return key === '400' || key === '422' || /^4xx$/i.test(key) || key === 'default';
}

/** An operation with no parameters and no body has no input a client could get wrong. */
function takesInput(operation: Operation): boolean {
  return operation.parameters.length > 0 || operation.requestBody !== undefined;
}

export default defineRule({
  id: 'owasp:api8:2023-define-error-validation',
  title: 'Operation without a validation error response',
  owasp: 'API8:2023',
  cwe: [20, 209],
  topics: ['error-handling', 'input-validation'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Missing error response of either 400, 422 or 4XX.',
  docs: {
    summary: 'An operation that takes input (parameters or a request body) defines no 400, 422, `4XX` or `default` response for requests that fail validation.',
    why:
      'When the contract does not say how invalid input is rejected, implementations improvise: framework error pages with stack traces, echoes of the offending input (reflected XSS, log injection), or silently accepting and coercing bad values. A documented validation error lets contract and fuzz tests prove that malformed input is rejected, the same safe way, everywhere.',
    howToFix: 'Validate every request against its schema and add a 400 (or 422) response with an error body, ideally one shared response under components/responses.',
    example: "responses:\n  '400':\n    $ref: '#/components/responses/BadRequest'",
    references: [
      { title: 'OWASP API8:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { title: 'CWE-20: Improper Input Validation', url: 'https://cwe.mitre.org/data/definitions/20.html' },
      { title: 'RFC 9110 §15.5.1 400 Bad Request', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1' },
    ],
    divergences: [
      {
        reason: 'A `default` response (or a lower-case `4xx` range) covers validation errors: it describes every status not listed.',
        explains: (d) => d.side === 'only-upstream' && ['default', '4xx', '4Xx', '4xX'].some((key) => property(d.node, key) !== undefined),
      },
      {
        reason: 'Operations without parameters or a request body are not checked: there is no client input to validate.',
        explains: (d) => d.side === 'only-upstream' && d.model.operations().some((op) => op.responsesNode === d.node && !takesInput(op)),
      },
      CALLBACK_RESPONSES,
      NOT_OPERATION_RESPONSES,
    ],
  },
  // Findings on shared responses and parameters depend on which operations use them, and how.
  incremental: { scope: 'path-item', pathsContext: pathItemStructure },
  check({ model, report }) {
    for (const operation of model.operations()) {
      if (!operation.responsesNode || !takesInput(operation)) continue;
      if (!operation.responses.some((r) => coversValidation(r.code))) report({ node: operation.responsesNode, data: { kind: 'missing' } });
    }
  },
  fix: (context) => addErrorResponseFix(context, '400', 'Bad Request'),
});
