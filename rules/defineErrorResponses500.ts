import { pathItemStructure } from '../server/src/engine/model/pathItemModel';
import { asObject, child, property } from '../server/src/engine/ast';
import { insertProperty } from '../server/src/engine/edit/structuralEdits';
import { errorContentValue, errorResponseEdits } from '../server/src/engine/fixes/errorResponses';
import type { OpenApiModel, Operation } from '../server/src/engine/model/openApiModel';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule, type Disagreement, type Divergence, type Fix, type FixContext, type RuleContext } from '../server/src/engine/rule';

/*
 * Helpers shared by the rules that require an error response (429, 400/422, 500): upstream
 * gives them all `$.paths..responses`, so they disagree with it in the same ways.
 */

/** Whether a response key covers `code`: the code itself, its range (`5XX`, any case) or `default`. */
export function coversStatus(key: string, code: string): boolean {
  return key === code || key.toUpperCase() === `${code[0]}XX` || key === 'default';
}

export function isOperationResponses(model: OpenApiModel, node: unknown): boolean {
  return model.operations().some((op) => op.responsesNode === node);
}

/** `$.paths..responses` reaches callbacks, whose responses come from the subscriber's server. */
export const CALLBACK_RESPONSES: Divergence = {
  reason: 'Callback operations are not checked: their responses are sent by the subscriber\'s server, not by this API (upstream\'s `$.paths..responses` reaches them).',
  explains: (d) => d.side === 'only-upstream' && d.path.includes('callbacks') && !isOperationResponses(d.model, d.node),
};

/** `$.paths..responses` also matches any schema property or example key named `responses`. */
export const NOT_OPERATION_RESPONSES: Divergence = {
  reason: 'Only operations\' `responses` objects are checked; upstream\'s `$.paths..responses` also matches inline schema properties and example keys that happen to be named `responses`.',
  explains: (d) => d.side === 'only-upstream' && d.path.at(-1) === 'responses' && !d.path.includes('callbacks') && asObject(d.node) !== undefined && !isOperationResponses(d.model, d.node),
};

/** Upstream asks OAS2 responses for `content`, which OpenAPI 2.0 does not have. */
export const OAS2_HAS_NO_CONTENT: Divergence = {
  reason: 'OpenAPI 2.0 responses describe their body with `schema`, not `content`; the body check applies to 3.x only. (Upstream reports that check at the shared response when an operation `$ref`s one.)',
  explains: (d) => d.side === 'only-upstream' && d.model.isOas2 && (/content/.test(d.message) || d.path[0] === 'responses'),
};

/** Upstream only accepts the exact code; a range or `default` response documents it as well. */
export function coveredByRangeOrDefault(code: string): Divergence {
  return {
    reason: `A \`${code[0]}XX\` range or a \`default\` response covers ${code} (both describe every status not listed explicitly).`,
    explains: (d) => d.side === 'only-upstream' && !hasKey(d.node, code) && (hasKey(d.node, 'default') || hasKey(d.node, `${code[0]}XX`) || hasKey(d.node, `${code[0]}xx`)),
  };
}

function hasKey(node: Disagreement['node'], key: string): boolean {
  return property(node, key) !== undefined;
}

/** Finds the operation (or the response definition) a finding was reported on. */
function operationOf(model: OpenApiModel, finding: FixContext['finding']): Operation | undefined {
  return model.operations().find((op) => op.responsesNode === finding.node || op.responses.some((r) => r.node === finding.node));
}

/** Adds the missing response (`kind: missing`) or its body (`kind: no-content`), as the 401 rule does. */
export function addErrorResponseFix({ model, document, finding }: FixContext, code: string, description: string): Fix[] {
  const operation = operationOf(model, finding);
  if (finding.data?.kind === 'missing' && finding.node.kind === 'object') {
    const edits = errorResponseEdits(model, document, finding.node, operation, code, description);
    return edits ? [{ title: `Add a ${code} ${description} response`, edits, isPreferred: true }] : [];
  }
  if (finding.data?.kind === 'no-content' && finding.node.kind === 'object' && !property(finding.node, '$ref')) {
    const edit = insertProperty(document, finding.node, 'content', errorContentValue(model, operation));
    return edit ? [{ title: `Describe the ${code} error body`, edits: [edit], isPreferred: true }] : [];
  }
  return [];
}

/**
 * Reports operations with no response covering `code` (at `responses`) and, in 3.x, an explicit
 * `code` response without a body (at its definition, once however many operations share it).
 */
export function checkErrorResponse({ model, report }: RuleContext, code: string, contentMessage: string): void {
  const seen = new Set<object>();
  for (const operation of model.operations()) {
    if (!operation.responsesNode) continue;
    if (!operation.responses.some((r) => coversStatus(r.code, code))) {
      report({ node: operation.responsesNode, data: { kind: 'missing' } });
      continue;
    }
    const explicit = operation.responses.find((r) => r.code === code);
    if (!explicit || model.isOas2 || child(explicit.node, 'content') || seen.has(explicit.node)) continue;
    seen.add(explicit.node);
    report({ node: explicit.node, message: contentMessage, data: { kind: 'no-content' } });
  }
}

export default defineRule({
  id: 'owasp:api8:2023-define-error-responses-500',
  title: 'Operation without a 500 response',
  owasp: 'API8:2023',
  cwe: [209, 755],
  topics: ['error-handling'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Operation is missing a 500 response.',
  docs: {
    summary: 'An operation does not define what it returns when it fails unexpectedly (500 Internal Server Error, a `5XX` range or `default`), or its 500 has no body.',
    why:
      'Unhandled failures are where implementations leak stack traces, SQL fragments, internal host names and framework versions. A documented 500 body lets contract tests prove that failures return the same generic error everywhere instead of backtraces.',
    howToFix: 'Add a 500 response with a generic error body, ideally one shared response under components/responses referenced from every operation, and make the service return only that body on unexpected errors.',
    example: "responses:\n  '500':\n    $ref: '#/components/responses/InternalServerError'",
    references: [
      { title: 'OWASP API8:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { title: 'CWE-209: Information Exposure Through an Error Message', url: 'https://cwe.mitre.org/data/definitions/209.html' },
      { title: 'RFC 9110 §15.6.1 500 Internal Server Error', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1' },
    ],
    divergences: [coveredByRangeOrDefault('500'), OAS2_HAS_NO_CONTENT, CALLBACK_RESPONSES, NOT_OPERATION_RESPONSES],
  },
  // Findings on shared responses and parameters depend on which operations use them, and how.
  incremental: { scope: 'path-item', pathsContext: pathItemStructure },
  check(context) {
    checkErrorResponse(context, '500', 'The 500 response should describe its error body (content).');
  },
  fix: (context) => addErrorResponseFix(context, '500', 'Internal Server Error'),
});
