/**
 * Shared by the schema rules of API3 and API4 (string, integer, array and map limits): which
 * schemas a rule of a given type applies to, what bounds a string, and the divergences from
 * upstream that all of them share. Upstream selects with `$..[?(@.type=="string")]` over the
 * whole document; we ask the model for real schemas, so the differences are the same for all.
 */
import { asArray, asObject, child, pathOf, property, stringValue, type AstNode, type ObjectNode, type PathSegment } from '../../server/src/engine/ast';
import { schemaTypes } from '../../server/src/engine/model/schemaTypes';
import type { OpenApiModel } from '../../server/src/engine/model/openApiModel';
import type { Divergence, Fix } from '../../server/src/engine/rule';
import { addKeywordsFix } from '../../server/src/engine/fixes/addKeywords';
import type { ParsedDocument } from '../../server/src/engine/parse';

/** Keywords whose content is instance data, never a schema (plus every `x-` extension). */
const DATA_KEYWORDS = new Set(['example', 'examples', 'default', 'enum', 'const']);
/** Keywords whose subschema does not constrain what is accepted: `not` inverts, `if` only selects. */
const NON_CONSTRAINING = new Set(['not', 'if']);
/** Maps whose keys are names chosen by the author: a key there is a name, not a keyword. */
const NAME_MAPS = new Set([
  'properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'schemas', 'parameters', 'responses', 'headers',
  'content', 'requestBodies', 'securitySchemes', 'links', 'callbacks', 'pathItems', 'webhooks', 'paths', 'encoding', 'variables',
]);

/** Index of the first segment of `path` that passes `test` as a keyword (a key of a name map is a name, whatever it says). */
function keywordIndex(path: readonly PathSegment[], test: (segment: string) => boolean): number {
  let afterNameMap = false;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const isName: boolean = afterNameMap;
    if (!isName && typeof segment === 'string' && test(segment)) return i;
    afterNameMap = !isName && typeof segment === 'string' && NAME_MAPS.has(segment);
  }
  return -1;
}

/** The path runs through an example, a default, an enum or const value, or an `x-` extension: data, not a schema. */
export function isDataPath(path: readonly PathSegment[]): boolean {
  return keywordIndex(path, (s) => DATA_KEYWORDS.has(s) || s.startsWith('x-')) >= 0;
}

/** The schema is written inside a `not` or `if` subschema, where a limit bounds nothing. */
export function isNonConstraining(path: readonly PathSegment[]): boolean {
  return keywordIndex(path, (s) => NON_CONSTRAINING.has(s)) >= 0;
}

/** The divergences every schema rule of this family shares, for `docs.divergences`. */
export function sharedDivergences(type: string): Divergence[] {
  return [
    {
      reason:
        'Only schemas are checked. Upstream matches any object with `type: ' + type + '` anywhere in the document, so it also reports `example`, `examples`, `default`, `enum`/`const` values and `x-` extension content that merely look like schemas: that is data, which no validator applies.',
      explains: (d) => d.side === 'only-upstream' && isDataPath(d.path),
    },
    {
      reason: 'A schema written inside `not` or `if` is not checked: a limit there constrains nothing (under `not` it would even widen what is accepted).',
      explains: (d) => d.side === 'only-upstream' && isNonConstraining(d.path),
    },
    {
      reason: 'A type list (`type: [' + type + ', "null"]`) counts in every version; upstream reads them in 3.1 only, but for one-element lists its loose `==` happens to match (type lists are not valid in 2.0 and 3.0, but tools accept them).',
      explains: (d) => d.side === 'only-ours' && d.model.version !== '3.1' && asArray(child(d.node, 'type')) !== undefined,
    },
    {
      reason:
        'A `$ref` with sibling keywords (a `description` next to it, allowed in 3.1) is checked where it points, once; upstream also reports every such referencing site, so one shared schema produces a finding per use.',
      explains: (d) => d.side === 'only-upstream' && d.node?.kind === 'object' && d.node.properties.some((p) => p.key === '$ref') && d.node.properties.length > 1,
    },
    {
      reason:
        'Upstream also reports a `properties` map itself when some property names start with `$` (`$parent`, `$version`): a quirk of its JSONPath engine, as the map is no schema. Each property is checked on its own here.',
      explains: (d) => d.side === 'only-upstream' && d.path[d.path.length - 1] === 'properties' && (asObject(d.node)?.properties.some((p) => p.key.startsWith('$')) ?? false),
    },
  ];
}

/** Per model: six rules ask for three types (three for `integer`). */
const ofType = new WeakMap<OpenApiModel, Map<string, ObjectNode[]>>();

/** Real schemas of `type` (scalar or in a type list) that a limit can constrain. */
export function schemasOfType(model: OpenApiModel, type: string): ObjectNode[] {
  let byType = ofType.get(model);
  if (!byType) {
    // Every type at once, in one pass: a schema's place (under `not` or `if`?) is worked out once, not per type asked.
    byType = new Map();
    for (const { node } of model.schemas()) {
      const types = schemaTypes(node);
      if (types.length === 0 || isNonConstraining(pathOf(node))) continue;
      // `type: [string, string]` lists the schema once.
      for (const t of new Set(types)) {
        const list = byType.get(t);
        if (list) list.push(node);
        else byType.set(t, [node]);
      }
    }
    ofType.set(model, byType);
  }
  return byType.get(type) ?? [];
}

/** What to underline for a schema of `type`: the type itself (the item of a type list), short and on one line. */
export function typeUnderline(schema: ObjectNode, type: string): AstNode | undefined {
  const declared = child(schema, 'type');
  const item = asArray(declared)?.items.find((t) => t.kind === 'scalar' && t.value === type);
  return item ?? declared;
}

export function has(schema: AstNode | undefined, keyword: string): boolean {
  return property(schema, keyword) !== undefined;
}

export function isNumber(node: AstNode | undefined): boolean {
  return node?.kind === 'scalar' && typeof node.value === 'number';
}

/** `enum` or `const`: the values are listed, so their size and range are known. */
export function isEnumerated(schema: AstNode | undefined): boolean {
  return has(schema, 'const') || has(schema, 'enum');
}

/**
 * Formats whose values have a fixed or small maximum size: by their grammar (uuid, ipv4,
 * ipv6, hostname: 253, email: 254 by RFC 5321, char, int8..uint64 as text) or because they
 * are parsed into a fixed-size value before use (date, date-time, time, duration, http-date).
 * Free text (password), unbounded grammars (uri, regex, json-pointer) and payloads (binary,
 * byte) are not here.
 */
export const BOUNDED_STRING_FORMATS = new Set([
  'date', 'date-time', 'time', 'full-date', 'full-time', 'duration', 'http-date', 'uuid', 'ipv4', 'ipv6', 'email', 'idn-email',
  'hostname', 'idn-hostname', 'char', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64',
]);

/** `contentEncoding` values that mean the raw octets, not a text encoding of them. */
const RAW_ENCODINGS = new Set(['binary', '8bit', '7bit']);

export function stringFormat(schema: AstNode | undefined): string | undefined {
  const format = child(schema, 'format');
  return format?.kind === 'scalar' && typeof format.value === 'string' ? format.value : undefined;
}

/** `format: binary`, or in 3.1 `contentMediaType` without a text `contentEncoding`: raw octets. */
export function isBinary(schema: AstNode | undefined): boolean {
  if (stringFormat(schema) === 'binary') return true;
  if (!has(schema, 'contentMediaType')) return false;
  const encoding = child(schema, 'contentEncoding');
  return encoding === undefined || (encoding.kind === 'scalar' && RAW_ENCODINGS.has(String(encoding.value).toLowerCase()));
}

/**
 * Raw file content: a binary schema that is a whole body (request, response, OAS2 body
 * parameter) or a part of a multipart body (or an OAS2 formData parameter). Those octets never
 * travel inside JSON: their size is bounded by the server's request size limit, and no
 * validator applies `maxLength` to a stream. A binary property inside a JSON body is an
 * ordinary JSON string, and does need maxLength.
 */
export function isBinaryPayload(schema: AstNode | undefined, model: OpenApiModel): boolean {
  return isBinary(schema) && schema !== undefined && payloadSchemas(model).has(schema);
}

/** For `Rule.incremental.pathsContext`: binary payloads declared outside `paths` (whether they are payloads depends on operations). */
export function binaryPayloadsOutsidePaths(model: OpenApiModel): AstNode[] {
  return model.outsidePaths([...payloadSchemas(model)].filter(isBinary));
}

const payloadCache = new WeakMap<OpenApiModel, Set<AstNode>>();

/** Schemas that are a whole body or a multipart part, $refs followed. */
function payloadSchemas(model: OpenApiModel): Set<AstNode> {
  const cached = payloadCache.get(model);
  if (cached) return cached;
  const payloads = new Set<AstNode>();
  const add = (node: AstNode | undefined) => {
    const schema = model.resolveObject(node);
    if (schema) payloads.add(schema);
    return schema;
  };
  const parts = (schema: AstNode | undefined) => {
    for (const member of [schema, ...(asArray(child(schema, 'allOf'))?.items ?? [])]) {
      for (const part of asObject(child(model.resolve(member), 'properties'))?.properties ?? []) {
        // A list of files (`items: {format: binary}`) is a repeated part.
        add(child(add(part.value), 'items'));
      }
    }
  };
  const content = (owner: AstNode | undefined) => {
    for (const media of asObject(child(owner, 'content'))?.properties ?? []) {
      const schema = add(child(model.resolve(media.value), 'schema'));
      if (media.key.toLowerCase().startsWith('multipart/')) parts(schema);
    }
  };
  const operations = [...model.operations(), ...model.outboundOperations()];
  const components = child(model.root, 'components');
  for (const body of [...operations.map((op) => op.requestBody), ...(asObject(child(components, 'requestBodies'))?.properties.map((p) => model.resolve(p.value)) ?? [])]) content(body);
  for (const response of [...operations.flatMap((op) => op.responses.map((r) => r.node)), ...(asObject(child(model.isOas2 ? model.root : components, 'responses'))?.properties.map((p) => model.resolve(p.value)) ?? [])]) {
    if (model.isOas2) add(child(response, 'schema'));
    else content(response);
  }
  for (const parameter of operations.flatMap((op) => op.parameters)) {
    if (parameter.in === 'body' || parameter.in === 'formData') add(parameter.schema);
  }
  payloadCache.set(model, payloads);
  return payloads;
}

/**
 * A `pattern` that only matches strings of bounded length: anchored at both ends (`^...$`,
 * no top-level `|`, which would unanchor one side) and without an unbounded quantifier
 * (`*`, `+`, `{n,}`) outside character classes.
 */
export function isBoundedPattern(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || /(^|[^\\])(\\\\)*\\\$$/.test(pattern)) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 1; i < pattern.length - 1; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '*' || c === '+' || (c === '|' && depth === 0)) return false;
    else if (c === '{' && /^\{\d+,\}/.test(pattern.slice(i))) return false;
  }
  return !inClass && depth === 0;
}

export function boundedPattern(schema: AstNode | undefined): boolean {
  const pattern = child(schema, 'pattern');
  return pattern?.kind === 'scalar' && typeof pattern.value === 'string' && isBoundedPattern(pattern.value);
}

/** An object schema as upstream's `@.type=="object"` sees it: a plain `type: object`. */
export function upstreamObject(node: AstNode | undefined): boolean {
  const declared = child(node, 'type');
  return declared?.kind === 'scalar' && declared.value === 'object';
}

/** Declared as an object (alone or in a type list), or untyped: where object keywords apply. */
export function mayBeObject(node: AstNode): boolean {
  const types = schemaTypes(node);
  return types.length === 0 || types.includes('object');
}

/** `true`, or the empty schema `{}` that means the same: anything goes. */
export function allowsAnything(value: AstNode | undefined): boolean {
  return (value?.kind === 'scalar' && value.value === true) || (value?.kind === 'object' && value.properties.length === 0);
}

/** A non-empty schema as the value of a map keyword: a typed map, not an open door. */
export function isMapSchema(value: AstNode | undefined): boolean {
  return value?.kind === 'object' && value.properties.length > 0;
}

/** Adds the missing bounds of the declared integer size (int32 when none): they reject nothing a client can send today. */
export function integerBoundsFix(document: ParsedDocument, schema: AstNode): Fix[] {
  const wide = stringValue(child(schema, 'format')) === 'int64';
  const bound = wide ? Number.MAX_SAFE_INTEGER : 2147483647;
  const entries: Array<[string, number]> = [];
  if (!child(schema, 'minimum') && !child(schema, 'exclusiveMinimum')) entries.push(['minimum', wide ? -bound : -bound - 1]);
  if (!child(schema, 'maximum') && !child(schema, 'exclusiveMaximum')) entries.push(['maximum', bound]);
  return addKeywordsFix(document, schema, entries, 'Add minimum and maximum');
}
