import { asArray, asObject, child, stringValue, type AstNode, type ObjectNode } from '../server/src/engine/ast';
import type { OpenApiModel } from '../server/src/engine/model/openApiModel';
import { HTTP_METHODS } from '../server/src/engine/model/schemas';
import { schemaTypes } from '../server/src/engine/model/schemaTypes';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

/** Upstream's pattern: anything that mentions a token, secret, password or API key. */
const UPSTREAM_CREDENTIAL = /^.*(client_?secret|token|access_?token|refresh_?token|id_?token|password|secret|api-?key).*$/i;
/** Tested on the name with separators removed, so `api_key` and `pass-word` read as one word. */
const CREDENTIAL = /token|password|secret|apikey/;
/** Opaque pagination / sync cursors: `page_token`, `nextPageToken`, `continuationToken`, `sync_token`... */
const CURSOR = /(?:^|_)(?:(?:next|prev|previous|first|last|start)_)?(?:page|paging|pagination|continuation|continue|sync|cursor|next|prev|previous)_tokens?(?=_|$)/g;
/** Metadata about a token, never the token itself: `token_type`, `tokenType`, `token_type_hint`. */
const TOKEN_TYPE = /(?:^|_)tokens?_types?(?:_hints?)?(?=_|$)/g;
/** Which key or token, not the key or token itself: `api_key_id`, `apiKeyId`, `token_id`. */
const IDENTIFIER = /(?:^|_)(?:api_?key|token)_ids?(?=_|$)/g;

/** `nextPageToken`, `Next-Page-Token` and `next_page_token` all become `next_page_token`. */
function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
}

function mentionsCredential(snakeName: string): boolean {
  return CREDENTIAL.test(snakeName.replace(/_/g, ''));
}

function looksLikeCredential(name: string): boolean {
  const words = snake(name);
  return mentionsCredential(words.replace(CURSOR, '_').replace(TOKEN_TYPE, '_').replace(IDENTIFIER, '_'));
}

/** Upstream flags it, but only because of a benign `…token` phrase matched by `phrase`. */
function upstreamOnlyBecauseOf(name: string | undefined, phrase: RegExp): boolean {
  return name !== undefined && UPSTREAM_CREDENTIAL.test(name) && !mentionsCredential(snake(name).replace(phrase, '_'));
}

/** `rotateWorkerToken=true`: a boolean can say what to do with a credential, never carry one. */
function isFlag(model: OpenApiModel, parameter: AstNode | undefined): boolean {
  const schema = model.isOas2 ? parameter : model.resolve(child(parameter, 'schema'));
  const types = schemaTypes(schema);
  return types.length > 0 && types.every((t) => t === 'boolean' || t === 'null');
}

/** Every parameter object once, where it is defined: shared lists, path items, operations, callbacks and webhooks. */
function parameterDefinitions(model: OpenApiModel): ObjectNode[] {
  const seen = new Set<ObjectNode>();
  const add = (item: AstNode | undefined) => {
    const node = model.resolveObject(item);
    if (node) seen.add(node);
  };
  const shared = model.isOas2 ? child(model.root, 'parameters') : child(child(model.root, 'components'), 'parameters');
  for (const p of asObject(shared)?.properties ?? []) add(p.value);
  const pathItems = new Set<ObjectNode>();
  for (const p of model.pathEntries()) {
    const item = model.resolveObject(p.value);
    if (item && !p.key.startsWith('x-')) pathItems.add(item);
  }
  for (const op of model.outboundOperations()) pathItems.add(op.pathItem);
  for (const item of pathItems) {
    for (const p of asArray(child(item, 'parameters'))?.items ?? []) add(p);
    for (const method of HTTP_METHODS) for (const p of asArray(child(model.resolve(child(item, method)), 'parameters'))?.items ?? []) add(p);
  }
  return [...seen];
}

export default defineRule({
  id: 'owasp:api2:2023-no-credentials-in-url',
  title: 'Credential in a URL parameter',
  owasp: 'API2:2023',
  cwe: [598],
  topics: ['credential-protection'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Security credentials detected in URL parameter.',
  docs: {
    summary: 'A query or path parameter is named like a credential (token, access_token, client_secret, password, secret, api-key).',
    why:
      'Whatever travels in the URL is copied into server, proxy and CDN logs, browser history, bookmarks and `Referer` headers. A token or password passed there can be harvested from any of them and replayed to take over the account.',
    howToFix: 'Send credentials in the `Authorization` header (or another header), or in a POST body for login and token exchanges; never in the path or the query string.',
    example: 'components:\n  securitySchemes:\n    bearer:\n      type: http\n      scheme: bearer',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'CWE-598: Use of GET Request Method With Sensitive Query Strings', url: 'https://cwe.mitre.org/data/definitions/598.html' },
      { title: 'RFC 6750 §5.3: do not pass bearer tokens in page URLs', url: 'https://www.rfc-editor.org/rfc/rfc6750#section-5.3' },
    ],
    divergences: [
      {
        reason: 'Pagination and sync cursors (`page_token`, `pageToken`, `nextPageToken`, `next_token`, `continuation_token`, `sync_token`) are opaque positions in a result set, not credentials, and are not reported; a name that also mentions a real credential (`page_token_secret`) still is.',
        explains: (d) => d.side === 'only-upstream' && d.path[d.path.length - 1] === 'name' && upstreamOnlyBecauseOf(stringValue(d.node), CURSOR),
      },
      {
        reason: 'Token metadata such as `token_type`, `tokenType` or `token_type_hint` (RFC 7009) names a kind of token and carries no secret: not reported.',
        explains: (d) => d.side === 'only-upstream' && d.path[d.path.length - 1] === 'name' && upstreamOnlyBecauseOf(stringValue(d.node), TOKEN_TYPE),
      },
      {
        reason: 'Identifiers of a key or token (`api_key_id`, `apiKeyId`, `token_id`), as in `DELETE /api-keys/{api_key_id}`, say which credential an operation manages; they are not the credential and are not reported.',
        explains: (d) => d.side === 'only-upstream' && d.path[d.path.length - 1] === 'name' && upstreamOnlyBecauseOf(stringValue(d.node), IDENTIFIER),
      },
      {
        reason: 'Boolean parameters such as `rotateWorkerToken` are flags about a credential and cannot carry one: not reported.',
        explains: (d) => d.side === 'only-upstream' && d.path[d.path.length - 1] === 'name' && isFlag(d.model, d.node?.parent),
      },
      {
        reason: '`api_key` (with an underscore) is reported too; upstream only matches `apikey` and `api-key`.',
        explains: (d) => d.side === 'only-ours' && /api_key/i.test(stringValue(d.node) ?? '') && !UPSTREAM_CREDENTIAL.test(stringValue(d.node) ?? ''),
      },
      {
        reason: 'Also applies to OpenAPI 2.0 query and path parameters.',
        explains: (d) => d.side === 'only-ours' && d.model.isOas2 && d.path[d.path.length - 1] === 'name',
      },
    ],
  },
  // A parameter defined outside `paths` (and outside the shared lists) is reported only when a path item uses it.
  incremental: { scope: 'path-item', pathsContext: (model) => model.outsidePaths(parameterDefinitions(model)) },
  check({ model, report }) {
    for (const parameter of parameterDefinitions(model)) {
      const where = stringValue(child(parameter, 'in'));
      const nameNode = child(parameter, 'name');
      const name = stringValue(nameNode);
      if ((where !== 'query' && where !== 'path') || !name || !looksLikeCredential(name) || isFlag(model, parameter)) continue;
      report({ node: nameNode!, highlight: 'value', message: `Security credentials detected in ${where} parameter: ${name}.` });
    }
  },
});
