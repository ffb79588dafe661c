import { asArray, asObject, child, property, scalarText, stringValue, type ObjectNode } from '../server/src/engine/ast';
import type { OpenApiModel } from '../server/src/engine/model/openApiModel';
import { HTTP_METHODS } from '../server/src/engine/model/schemas';
import { schemaTypes } from '../server/src/engine/model/schemaTypes';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule, type Disagreement } from '../server/src/engine/rule';

/** Upstream's name test: exactly `callback`/`redirect`, or ending in `_url`, `Url`, `-url`. */
const UPSTREAM_NAME = /(^(callback|redirect)|(_url|Url|-url))$/;
/** Whole names (words joined by `_`) that carry a destination without saying "url". */
const DESTINATION_NAMES = new Set(['callback', 'redirect', 'webhook', 'redirect_to', 'return_to']);
const URL_WORDS = new Set(['url', 'urls', 'uri', 'uris']);

/** `imageURL`, `callback_url`, `X-Callback-Uri`, `url[]` -> lower-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function looksLikeUrlName(name: string): boolean {
  const parts = words(name);
  return parts.length > 0 && (URL_WORDS.has(parts[parts.length - 1]) || DESTINATION_NAMES.has(parts.join('_')));
}

/** The schema describing the values (array items for a list of URLs). */
function valueSchema(model: OpenApiModel, schema: ObjectNode | undefined): ObjectNode | undefined {
  return schemaTypes(schema).includes('array') ? model.resolveObject(child(schema, 'items')) : schema;
}

/** A pattern such as `^https://hooks\.example\.com/` only admits one literal host: an allow-list. */
const PINNED_HOST = /^\^https?:\\?\/\\?\/([A-Za-z0-9-]+\\\.)+[A-Za-z]+(\\?\/|\$|:\d+)/;

/** Why a URL-named parameter cannot carry an arbitrary URL, if it cannot. */
function constrained(model: OpenApiModel, parameter: ObjectNode): string | undefined {
  if (model.isOas2 && stringValue(child(parameter, 'in')) === 'body') return 'body';
  const schema = valueSchema(model, model.isOas2 ? parameter : model.resolveObject(child(parameter, 'schema')));
  if (!schema) return undefined;
  if (property(schema, 'enum') || property(schema, 'const')) return 'enum';
  const types = schemaTypes(schema);
  if (types.length > 0 && !types.includes('string')) return 'not-string';
  if (PINNED_HOST.test(stringValue(child(schema, 'pattern')) ?? '')) return 'pattern';
  return undefined;
}

/** Parameter definitions where upstream looks: path items and operations under `paths` ($refs followed). */
function parameterDefinitions(model: OpenApiModel): ObjectNode[] {
  const found = new Set<ObjectNode>();
  for (const pathProp of model.pathEntries()) {
    const item = model.resolveObject(pathProp.value);
    for (const owner of [item, ...HTTP_METHODS.map((m) => model.resolveObject(child(item, m)))]) {
      for (const entry of asArray(child(owner, 'parameters'))?.items ?? []) {
        const parameter = model.resolveObject(entry);
        if (parameter) found.add(parameter);
      }
    }
  }
  return [...found];
}

function parameterAt(d: Disagreement): ObjectNode | undefined {
  return d.path.at(-1) === 'name' && d.node?.parent ? asObject(d.node.parent) : undefined;
}

export default defineRule({
  id: 'owasp:api7:2023-concerning-url-parameter',
  title: 'Parameter takes a URL (possible SSRF)',
  owasp: 'API7:2023',
  cwe: [918],
  topics: ['ssrf', 'input-validation'],
  severity: 'info',
  versions: ALL_VERSIONS,
  message: 'Make sure to review the way this URL is handled to protect against Server Side Request Forgery.',
  docs: {
    summary: 'A parameter named like a URL (`callback`, `redirect`, `webhook`, `*_url`, `imageURL`, `redirect_uri`...) accepts free-form strings.',
    why:
      'When the server fetches a URL the client chose (webhooks, file imports, previews, SSO callbacks), an attacker points it at internal services: cloud metadata endpoints that hand out credentials, admin consoles, databases listening on localhost. Redirect parameters that are not checked become open redirects used for phishing and OAuth token theft.',
    howToFix:
      'Accept only what is needed: an `enum` of destinations, or a `pattern` pinned to an allowed host. On the server, resolve the host and refuse private, loopback and link-local addresses, disable redirects when fetching, and allow-list schemes and ports.',
    example: "- name: callback_url\n  in: query\n  schema:\n    type: string\n    format: uri\n    pattern: '^https://hooks\\.example\\.com/'",
    references: [
      { title: 'OWASP API7:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa7-server-side-request-forgery/' },
      { title: 'CWE-918: Server-Side Request Forgery', url: 'https://cwe.mitre.org/data/definitions/918.html' },
      { title: 'OWASP SSRF Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html' },
    ],
    divergences: [
      {
        reason: 'Names are split into words, case-insensitively: `url`, `imageURL`, `redirect_uri`, `webhook`, `return_to` and `X-Callback-Uri` are reported too (upstream: only `callback`, `redirect`, and names ending in `_url`, `Url` or `-url`).',
        explains: (d) => {
          const name = d.side === 'only-ours' ? stringValue(d.node) : undefined;
          return name !== undefined && !UPSTREAM_NAME.test(name) && looksLikeUrlName(name);
        },
      },
      {
        reason: 'A parameter whose values are fixed (`enum`, `const`) or are not strings (a boolean `redirect` flag) cannot carry a URL. `format: uri` alone is still reported: any URL, internal ones included, is a valid URI.',
        explains: (d) => {
          const parameter = d.side === 'only-upstream' ? parameterAt(d) : undefined;
          return parameter !== undefined && ['enum', 'not-string'].includes(constrained(d.model, parameter) ?? '');
        },
      },
      {
        reason: 'A `pattern` that starts with a literal scheme and host (`^https://hooks\\.example\\.com/`) is an allow-list, and is not reported.',
        explains: (d) => {
          const parameter = d.side === 'only-upstream' ? parameterAt(d) : undefined;
          return parameter !== undefined && constrained(d.model, parameter) === 'pattern';
        },
      },
      {
        reason: 'The name of an OpenAPI 2.0 `in: body` parameter is only a label: it never reaches the server.',
        explains: (d) => {
          const parameter = d.side === 'only-upstream' ? parameterAt(d) : undefined;
          return parameter !== undefined && constrained(d.model, parameter) === 'body';
        },
      },
    ],
  },
  // A parameter defined outside `paths` is reported only when a path item uses it.
  incremental: { scope: 'path-item', pathsContext: (model) => model.outsidePaths(parameterDefinitions(model)) },
  check({ model, report }) {
    for (const parameter of parameterDefinitions(model)) {
      const name = child(parameter, 'name');
      const text = scalarText(name);
      if (!name || text === undefined || !looksLikeUrlName(text) || constrained(model, parameter)) continue;
      report({ node: name, highlight: 'value' });
    }
  },
});
