import { pathItemStructure } from '../server/src/engine/model/pathItemModel';
import type { PlainValue } from '../server/src/engine/edit/render';
import { addKeywordsFix, HEADER_STRING, headerValue } from '../server/src/engine/fixes/addKeywords';
import { insertProperty } from '../server/src/engine/edit/structuralEdits';
import { asObject, child, nodeAtPath, type AstNode } from '../server/src/engine/ast';
import type { OpenApiModel } from '../server/src/engine/model/openApiModel';
import { refOf } from '../server/src/engine/model/refs';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

/** Lower-cased header names that advertise a rate limit (IETF draft and the common X- forms). */
const RATE_LIMIT_HEADERS = ['ratelimit', 'ratelimit-policy', 'ratelimit-limit', 'x-ratelimit-limit', 'x-rate-limit-limit'];

/** Whether the response at or above `node` (a response or its `headers`) declares a rate-limit header. */
function hasRateLimitHeader(model: OpenApiModel, node: AstNode | undefined): boolean {
  const response = node?.key === 'headers' ? node.parent : node;
  const headers = asObject(model.resolve(child(model.resolve(response), 'headers')));
  return !!headers?.properties.some((p) => RATE_LIMIT_HEADERS.includes(p.key.toLowerCase()));
}

export default defineRule({
  id: 'owasp:api4:2023-rate-limit',
  title: 'Response does not advertise rate limiting',
  owasp: 'API4:2023',
  cwe: [770],
  topics: ['resource-limits'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'All 2XX and 4XX responses should define rate limiting headers.',
  docs: {
    summary: 'A 2XX or 4XX response declares no rate-limit header (`RateLimit`, `RateLimit-Policy`, `RateLimit-Limit`, `X-RateLimit-Limit`, `X-Rate-Limit-Limit`).',
    why:
      'Without rate limiting, one client can exhaust CPU, memory, database connections or paid third-party quotas, brute-force credentials or scrape the whole dataset. Declaring the headers documents the limit and makes clients back off before they are cut off.',
    howToFix: 'Enforce a rate limit at the gateway or in the service and declare its headers on 2XX and 4XX responses (define them once under components/headers and `$ref` them).',
    example:
      "responses:\n  '200':\n    description: OK\n    headers:\n      RateLimit:\n        $ref: '#/components/headers/RateLimit'\n      RateLimit-Policy:\n        $ref: '#/components/headers/RateLimitPolicy'",
    references: [
      { title: 'OWASP API4:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/' },
      { title: 'IETF draft: RateLimit header fields for HTTP', url: 'https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/' },
    ],
    divergences: [
      {
        reason: 'Callback operations are not checked: their responses are sent by the subscriber\'s server, not by this API (upstream\'s `$.paths..responses` reaches them).',
        explains: (d) => d.side === 'only-upstream' && d.path.includes('callbacks'),
      },
      {
        reason: 'Header names are matched case-insensitively (HTTP header names are), and declaring several conventions at once (`RateLimit` and `X-RateLimit-Limit`) is accepted; upstream\'s `oneOf` rejects that. `RateLimit-Policy` alone and `RateLimit-Limit` without `RateLimit-Reset` are accepted too.',
        explains: (d) => d.side === 'only-upstream' && hasRateLimitHeader(d.model, d.node),
      },
      {
        reason: 'Applies to OpenAPI 2.0 responses too (upstream: 3.x only).',
        explains: (d) => d.side === 'only-ours' && d.model.isOas2,
      },
      {
        reason: 'Headers and responses reached through `$ref` count; a shared response under components is reported once, at its definition.',
        explains: (d) => d.path[0] === 'components' || (d.side === 'only-upstream' && refOf(nodeAtPath(d.model.root, d.path.slice(0, 5))) !== undefined),
      },
    ],
  },
  // Findings on shared responses and parameters depend on which operations use them, and how.
  incremental: { scope: 'path-item', pathsContext: pathItemStructure },
  check({ model, report }) {
    const seen = new Set<object>();
    for (const operation of model.operations()) {
      for (const response of operation.responses) {
        if (!/^[24]/.test(response.code) || seen.has(response.node)) continue;
        seen.add(response.node);
        // Upstream reports at `headers` when the response has some, else at the response.
        const headers = child(response.node, 'headers');
        if (!RATE_LIMIT_HEADERS.some((name) => response.headers.has(name))) report({ node: headers ?? response.node });
      }
    }
  },
  fix({ model, document, finding }) {
    const headers: Array<[string, PlainValue]> = [
      ['RateLimit', headerValue(model, 'RateLimit', 'Remaining quota in the current window (IETF RateLimit header fields).', HEADER_STRING)],
      ['RateLimit-Policy', headerValue(model, 'RateLimit-Policy', 'The quota policy: requests per window.', HEADER_STRING)],
    ];
    const title = 'Declare RateLimit and RateLimit-Policy headers';
    if (finding.node.key === 'headers') return addKeywordsFix(document, finding.node, headers, title);
    const response = asObject(finding.node);
    const edit = response && !child(response, '$ref') ? insertProperty(document, response, 'headers', Object.fromEntries(headers)) : undefined;
    return edit ? [{ title, edits: [edit], isPreferred: true }] : [];
  },
});
