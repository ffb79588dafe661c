import { addKeywordsFix, headerValue } from '../server/src/engine/fixes/addKeywords';
import { asObject, child, type AstNode } from '../server/src/engine/ast';
import type { OpenApiModel, Operation } from '../server/src/engine/model/openApiModel';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

const HEADER = 'access-control-allow-origin';
const DOCUMENT_MESSAGE =
  'No response declares `Access-Control-Allow-Origin`: if browsers call this API, document its CORS policy (trusted origins) on every response.';

/** The `headers` objects (as written) of the responses of these operations. */
function responseHeaders(operations: readonly Operation[]): Set<AstNode> {
  const nodes = new Set<AstNode>();
  for (const operation of operations) {
    for (const response of operation.responses) {
      const headers = child(response.node, 'headers');
      if (headers) nodes.add(headers);
    }
  }
  return nodes;
}

function isResponseHeaders(model: OpenApiModel, node: AstNode | undefined, outbound: boolean): boolean {
  return node !== undefined && responseHeaders(outbound ? model.outboundOperations() : model.operations()).has(node);
}

export default defineRule({
  id: 'owasp:api8:2023-define-cors-origin',
  title: 'Response without Access-Control-Allow-Origin',
  owasp: 'API8:2023',
  cwe: [942],
  topics: ['cors'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Header `Access-Control-Allow-Origin` should be defined on all responses.',
  docs: {
    summary: 'A response declares headers but not `Access-Control-Allow-Origin`, so its CORS policy is undocumented.',
    why:
      'CORS decides which web sites may call the API from a visitor\'s browser with the visitor\'s cookies or tokens. Left undocumented, it is usually configured by trial and error, and the error that "fixes" the browser is reflecting any `Origin` with credentials allowed: any site the victim visits can then read their data through the API.',
    howToFix: 'Decide the CORS policy (an explicit list of trusted origins, `*` only for public unauthenticated data, or none) and declare `Access-Control-Allow-Origin` on every response, ideally as one shared header under components/headers.',
    example:
      "responses:\n  '200':\n    description: OK\n    headers:\n      Access-Control-Allow-Origin:\n        $ref: '#/components/headers/AccessControlAllowOrigin'",
    references: [
      { title: 'OWASP API8:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { title: 'Fetch Standard: CORS protocol', url: 'https://fetch.spec.whatwg.org/#http-cors-protocol' },
      { title: 'CWE-942: Permissive Cross-domain Policy with Untrusted Domains', url: 'https://cwe.mitre.org/data/definitions/942.html' },
    ],
    divergences: [
      {
        reason:
          'A document where no response declares `Access-Control-Allow-Origin` gets one finding at its `openapi`/`swagger` field instead of one per response that happens to declare headers: server-to-server APIs need no CORS, and a per-response finding made every added header (even a fix\'s) create a new one.',
        explains: (d) =>
          !d.model.operations().some((op) => op.responses.some((r) => r.headers.has(HEADER))) &&
          (d.side === 'only-upstream' || (d.side === 'only-ours' && d.path.length === 1)),
      },
      {
        reason: 'Header names are matched case-insensitively, as HTTP header names are: `access-control-allow-origin` counts.',
        explains: (d) => d.side === 'only-upstream' && (asObject(d.node)?.properties ?? []).some((p) => p.key.toLowerCase() === HEADER),
      },
      {
        reason: 'Only response headers are checked. Upstream\'s `$..headers` also visits `components.headers` (a map of header definitions), multipart `encoding` headers of request bodies, and schema properties or example keys named `headers`, none of which is a response.',
        explains: (d) =>
          d.side === 'only-upstream' && d.path.at(-1) === 'headers' && !isResponseHeaders(d.model, d.node, false) && !isResponseHeaders(d.model, d.node, true),
      },
      {
        reason: 'Responses of callbacks and webhooks are not checked: they come from the subscriber\'s server to this API, never to a browser.',
        explains: (d) => d.side === 'only-upstream' && !isResponseHeaders(d.model, d.node, false) && isResponseHeaders(d.model, d.node, true),
      },
    ],
  },
  check({ model, report }) {
    const responses = model.operations().flatMap((op) => op.responses);
    if (responses.length === 0) return;
    // A document that never mentions CORS gets one finding, not one per response: server-to-server
    // APIs would otherwise drown in it, and adding any unrelated header would create new ones.
    if (!responses.some((r) => r.headers.has(HEADER))) {
      const root = model.rootProperty(model.isOas2 ? 'swagger' : 'openapi');
      if (root?.value) report({ node: root.value, message: DOCUMENT_MESSAGE });
      return;
    }
    // The document declares CORS somewhere: every response with headers must say its origin policy.
    const seen = new Set<object>();
    for (const response of responses) {
      if (seen.has(response.node)) continue;
      seen.add(response.node);
      const headers = child(response.node, 'headers');
      if (headers && !response.headers.has(HEADER)) report({ node: headers });
    }
  },
  fix({ model, document, finding }) {
    // Only per response: the document-level finding asks a question (is this API browser-facing?) no edit answers.
    if (finding.node.key !== 'headers') return [];
    const schema = { type: 'string', maxLength: 2048, pattern: '^https://[A-Za-z0-9.-]+(:[0-9]+)?$' };
    const value = headerValue(model, 'Access-Control-Allow-Origin', 'The one trusted origin allowed to read this response (never * together with credentials).', schema);
    return addKeywordsFix(document, finding.node, [['Access-Control-Allow-Origin', value]], 'Declare Access-Control-Allow-Origin');
  },
});
