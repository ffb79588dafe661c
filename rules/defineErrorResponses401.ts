import { pathItemStructure } from '../server/src/engine/model/pathItemModel';
import { child, nodeAtPath, property, type AstNode, type PathSegment } from '../server/src/engine/ast';
import { insertProperty } from '../server/src/engine/edit/structuralEdits';
import { errorContentValue, errorResponseEdits } from '../server/src/engine/fixes/errorResponses';
import type { OpenApiModel, Operation } from '../server/src/engine/model/openApiModel';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

/** Status keys that cover a 401: itself, the 4XX range, or `default`. */
function covers401(code: string): boolean {
  return code === '401' || /^4xx$/i.test(code) || code === 'default';
}

export default defineRule({
  id: 'owasp:api8:2023-define-error-responses-401',
  title: 'Authenticated operation without a 401 response',
  owasp: 'API8:2023',
  cwe: [209, 755],
  topics: ['error-handling', 'authentication'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Operation is missing a 401 response.',
  docs: {
    summary: 'An operation that accepts credentials does not define what happens when they are missing or invalid (401 Unauthorized), or its 401 has no body.',
    why:
      'Undocumented error responses are where implementations leak: stack traces, framework defaults, or a 200 with partial data. Defining the 401 and its body lets contract tests prove that unauthenticated calls fail the same, safe way everywhere.',
    howToFix: 'Add a 401 response with an error body, ideally one shared response under components/responses referenced from every operation.',
    example: "responses:\n  '401':\n    $ref: '#/components/responses/Unauthorized'",
    references: [
      { title: 'OWASP API8:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { title: 'RFC 9110 §15.5.2 401 Unauthorized', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2' },
    ],
    divergences: [
      {
        reason: 'Callback operations are not checked: their responses are sent by the subscriber\'s server, not by this API (upstream\'s `$.paths..responses` reaches them).',
        explains: (d) => d.side === 'only-upstream' && d.path.includes('callbacks'),
      },
      {
        reason: 'Only operations that accept credentials are checked: an operation that is explicitly public (`security: []`) or in a document with no security at all cannot answer 401 (missing authentication is a different finding).',
        explains: (d) => d.side === 'only-upstream' && !operationAt(d.model, d.path.slice(0, 3), (op) => acceptsCredentials(op)),
      },
      {
        reason: 'A `4XX` range or a `default` response covers 401.',
        explains: (d) => d.side === 'only-upstream' && !!operationAt(d.model, d.path.slice(0, 3), (op) => op.responses.some((r) => covers401(r.code))),
      },
      {
        reason: 'OpenAPI 2.0 responses describe their body with `schema`, not `content`; the body check applies to 3.x only.',
        explains: (d) => d.side === 'only-upstream' && d.model.isOas2 && /401\]?\.content/.test(d.message),
      },
    ],
  },
  // Findings on shared responses and parameters depend on which operations use them, and how.
  incremental: { scope: 'path-item', pathsContext: pathItemStructure },
  check({ model, report }) {
    for (const operation of model.operations()) {
      if (!acceptsCredentials(operation)) continue;
      if (!operation.responsesNode) continue;
      if (!operation.responses.some((r) => covers401(r.code))) {
        report({ node: operation.responsesNode, data: { kind: 'missing' } });
        continue;
      }
      const explicit = operation.responses.find((r) => r.code === '401');
      if (explicit && !model.isOas2 && !child(explicit.node, 'content')) {
        report({ node: explicit.node, message: 'The 401 response should describe its error body (content).', data: { kind: 'no-content', response: explicit.node } });
      }
    }
  },
  fix({ model, document, finding }) {
    const operation = model.operations().find((op) => op.responsesNode === finding.node || op.responses.some((r) => r.node === finding.node));
    if (finding.data?.kind === 'missing' && finding.node.kind === 'object') {
      const edits = finding.node.kind === 'object' ? errorResponseEdits(model, document, finding.node, operation, '401', 'Unauthorized') : undefined;
      return edits ? [{ title: 'Add a 401 Unauthorized response', edits, isPreferred: true }] : [];
    }
    const response = finding.data?.response as AstNode | undefined;
    if (finding.data?.kind === 'no-content' && response?.kind === 'object' && !property(response, '$ref')) {
      const edit = insertProperty(document, response, 'content', errorContentValue(model, operation));
      return edit ? [{ title: 'Describe the 401 error body', edits: [edit], isPreferred: true }] : [];
    }
    return [];
  },
});

/** The operation at `paths.<path>.<method>` if it satisfies `test`. */
function operationAt(model: OpenApiModel, path: readonly PathSegment[], test: (op: Operation) => boolean): Operation | undefined {
  const node = nodeAtPath(model.root, path);
  return model.operations().find((op) => op.node === node && test(op));
}

function acceptsCredentials(operation: Operation): boolean {
  return operation.security.requirements.some((requirement) => requirement.length > 0);
}
