import { asArray, asObject, child, scalarText, type AstNode, type ObjectNode } from '../server/src/engine/ast';
import type { OpenApiModel, Operation } from '../server/src/engine/model/openApiModel';
import { pointerSegments } from '../server/src/engine/model/refs';
import { schemaTypes } from '../server/src/engine/model/schemaTypes';
import { defineRule } from '../server/src/engine/rule';
import { callbackExpressions } from './callbackHttp';

/** `{$request.body#/a/b}`, `{$request.query.url}`... at the very start: the caller picks scheme and host. */
const CALLER_CHOSEN_URL = /^\{\$request\.(?:body#([^}]*)|(query|header|path)\.([^}]+))\}/;
const URL_FORMATS = new Set(['uri', 'url', 'iri']);
const COMPOSITION = ['allOf', 'anyOf', 'oneOf'];
const MAX_DEPTH = 8;

/** Where the callback URL comes from, as a readable name, with the schema that describes it (if found). */
interface UrlSource {
  label: string;
  schemas: ObjectNode[];
}

/** The property at a JSON pointer inside a request-body schema: through properties, array items and compositions. */
function schemaAtPointer(model: OpenApiModel, schema: AstNode | undefined, segments: string[], depth = 0): ObjectNode | undefined {
  const node = model.resolveObject(schema);
  if (!node || depth > MAX_DEPTH) return undefined;
  if (segments.length === 0) return node;
  const [head, ...rest] = segments;
  const direct = child(asObject(child(node, 'properties')), head) ?? (/^\d+$/.test(head) ? child(node, 'items') : undefined);
  if (direct) return schemaAtPointer(model, direct, rest, depth + 1);
  for (const keyword of COMPOSITION) {
    for (const member of asArray(child(node, keyword))?.items ?? []) {
      const found = schemaAtPointer(model, member, segments, depth + 1);
      if (found) return found;
    }
  }
  const additional = asObject(child(node, 'additionalProperties'));
  return additional ? schemaAtPointer(model, additional, rest, depth + 1) : undefined;
}

function urlSource(model: OpenApiModel, expression: string, owner: Operation): UrlSource | undefined {
  const match = CALLER_CHOSEN_URL.exec(expression);
  if (!match) return undefined;
  const [, pointer, location, name] = match;
  if (pointer !== undefined) {
    const segments = pointerSegments(`#${pointer}`) ?? [];
    const media = model.resolveObject(child(owner.requestBody, 'content'))?.properties ?? [];
    const schemas = media.flatMap((m) => schemaAtPointer(model, child(model.resolveObject(m.value), 'schema'), segments) ?? []);
    return { label: `request body property ${pointer || '/'}`, schemas };
  }
  const sameName = (p: { name: string }) => (location === 'header' ? p.name.toLowerCase() === name.toLowerCase() : p.name === name);
  const parameter = owner.parameters.find((p) => p.in === location && sameName(p));
  return { label: `${location} parameter ${name}`, schemas: parameter?.schema ? [parameter.schema] : [] };
}

/** A URL format, a pattern, or a fixed list of values (in the schema, an allOf part, or every oneOf/anyOf alternative) restricts where the API will call. */
function restrictsUrl(model: OpenApiModel, schema: ObjectNode, depth = 0): boolean {
  const format = scalarText(child(schema, 'format'))?.toLowerCase();
  if ((format && URL_FORMATS.has(format)) || child(schema, 'pattern') || child(schema, 'enum') || child(schema, 'const') !== undefined) return true;
  if (depth > MAX_DEPTH) return false;
  const members = (keyword: string) => (asArray(child(schema, keyword))?.items ?? []).flatMap((m) => model.resolveObject(m) ?? []);
  if (members('allOf').some((member) => restrictsUrl(model, member, depth + 1))) return true;
  // `oneOf: [{type: string, format: uri}, {type: 'null'}]`: every alternative that can be a string must restrict it.
  return ['anyOf', 'oneOf'].some((keyword) => {
    const alternatives = members(keyword).filter((member) => !(schemaTypes(member).length === 1 && schemaTypes(member)[0] === 'null'));
    return alternatives.length > 0 && alternatives.every((member) => restrictsUrl(model, member, depth + 1));
  });
}

/** A value declared as an object, array, number... cannot be the URL itself; leave such odd specs alone. */
function couldBeUrl(schema: ObjectNode): boolean {
  const types = schemaTypes(schema).filter((t) => t !== 'null');
  return types.length === 0 || types.includes('string');
}

export default defineRule({
  id: 'owasp:api10:2023-callback-url-unvalidated',
  title: 'Callback URL taken from the request without validation',
  owasp: 'API10:2023',
  cwe: [918, 20],
  topics: ['ssrf', 'input-validation'],
  severity: 'warning',
  versions: ['3.0', '3.1'],
  message: 'Callback URL comes from the request, but its schema has no URL format or pattern.',
  docs: {
    summary:
      'A callback whose URL expression starts with a runtime expression from the request (`{$request.body#/callbackUrl}`, `{$request.query.url}`...), so the caller chooses scheme and host, while the schema of that body property or parameter has no `format: uri`, `pattern`, `enum` or `const`. To stay quiet when nothing is wrong, expressions whose host is fixed (`https://hooks.example.com/{$request.body#/id}`) are not checked, and neither are properties the linter cannot find or that are not declared as strings.',
    why:
      'A webhook registration is a request to make the server call an arbitrary URL later: without validation a caller registers `http://169.254.169.254/` or an internal admin endpoint and the API performs server-side request forgery on its behalf, often with retries and signed payloads.',
    howToFix:
      'Declare the property as `format: uri` with a `pattern` that pins the scheme to https (and, where possible, allowed hosts), and in the implementation resolve the host and refuse private, loopback and link-local addresses at delivery time.',
    example: "callbackUrl:\n  type: string\n  format: uri\n  pattern: '^https://'\n  maxLength: 2048",
    references: [
      { title: 'OWASP API10:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xaa-unsafe-consumption-of-apis/' },
      { title: 'OWASP API7:2023 Server Side Request Forgery', url: 'https://owasp.org/API-Security/editions/2023/en/0xa7-server-side-request-forgery/' },
      { title: 'OpenAPI 3.1 Runtime Expressions', url: 'https://spec.openapis.org/oas/v3.1.0#runtime-expressions' },
    ],
  },
  check({ model, report }) {
    const reported = new Set<AstNode>();
    for (const callback of callbackExpressions(model)) {
      if (reported.has(callback.node)) continue;
      const source = urlSource(model, callback.expression, callback.owner);
      const weak = source?.schemas.find((schema) => couldBeUrl(schema) && !restrictsUrl(model, schema));
      if (!source || !weak) continue;
      reported.add(callback.node);
      report({
        node: callback.node,
        message: `Callback URL comes from ${source.label}, which has no URL format or pattern: callers can make the API call any host, internal ones included.`,
      });
    }
  },
});
