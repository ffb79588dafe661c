import { pathItemStructure } from '../server/src/engine/model/pathItemModel';
import { asObject, child, property } from '../server/src/engine/ast';
import { retryAfterHeader } from '../server/src/engine/fixes/errorResponses';
import { insertProperty } from '../server/src/engine/edit/structuralEdits';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

/** A Retry-After header in delay-seconds form (RFC 9110 also allows an HTTP-date). */
export default defineRule({
  id: 'owasp:api4:2023-rate-limit-retry-after',
  title: '429 response without Retry-After',
  owasp: 'API4:2023',
  cwe: [770],
  topics: ['resource-limits'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'A 429 response should define a Retry-After header.',
  docs: {
    summary: 'A 429 Too Many Requests response does not declare a `Retry-After` header.',
    why:
      'A client told "too many requests" without being told when to come back retries at once, in a loop, often from many instances together: the rate limiter turns into a self-inflicted denial of service. `Retry-After` lets well-behaved clients back off for exactly as long as needed.',
    howToFix: 'Declare `Retry-After` (seconds, or an HTTP date) on every 429 response, ideally on one shared 429 response under components/responses, and send it from the service or gateway.',
    example: "'429':\n  description: Too Many Requests\n  headers:\n    Retry-After:\n      schema:\n        type: integer\n        minimum: 0\n        maximum: 86400",
    references: [
      { title: 'OWASP API4:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/' },
      { title: 'RFC 6585 §4 429 Too Many Requests', url: 'https://www.rfc-editor.org/rfc/rfc6585#section-4' },
      { title: 'RFC 9110 §10.2.3 Retry-After', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3' },
    ],
    divergences: [
      {
        reason: 'A 429 response with no `headers` at all is reported too (at the response); upstream only looks inside an existing `headers` object.',
        explains: (d) =>
          d.side === 'only-ours' &&
          child(d.node, 'headers') === undefined &&
          [...d.model.operations(), ...d.model.outboundOperations()].some((op) => op.responses.some((r) => r.code === '429' && r.node === d.node)),
      },
      {
        reason: 'Header names are matched case-insensitively, as HTTP header names are: `retry-after` counts.',
        explains: (d) => d.side === 'only-upstream' && (asObject(d.node)?.properties ?? []).some((p) => /^retry-after$/i.test(p.key)),
      },
      {
        reason: 'Applies to OpenAPI 2.0 responses too (upstream: 3.x only); their headers mean the same.',
        explains: (d) => d.side === 'only-ours' && d.model.isOas2,
      },
    ],
  },
  // Findings on shared responses and parameters depend on which operations use them, and how.
  incremental: { scope: 'path-item', pathsContext: pathItemStructure },
  check({ model, report }) {
    const seen = new Set<object>();
    for (const operation of [...model.operations(), ...model.outboundOperations()]) {
      for (const response of operation.responses) {
        if (response.code !== '429' || seen.has(response.node)) continue;
        seen.add(response.node);
        if (response.headers.has('retry-after')) continue;
        const headers = child(response.node, 'headers');
        if (headers) report({ node: headers, data: { kind: 'headers' } });
        else report({ node: response.node, data: { kind: 'no-headers' } });
      }
    }
  },
  fix({ model, document, finding }) {
    const header = retryAfterHeader(model.isOas2);
    const target = asObject(finding.node);
    if (!target || property(target, '$ref')) return [];
    const edit = finding.data?.kind === 'headers' ? insertProperty(document, target, 'Retry-After', header) : insertProperty(document, target, 'headers', { 'Retry-After': header });
    return edit ? [{ title: 'Declare a Retry-After header', edits: [edit], isPreferred: true }] : [];
  },
});
