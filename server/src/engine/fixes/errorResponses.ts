import { asObject, child } from '../ast';
import type { PlainValue } from '../edit/render';
import type { OpenApiModel, Operation } from '../model/openApiModel';

/** Names under which documents usually keep a shared response or error schema. */
const RESPONSE_NAMES: Record<string, RegExp> = {
  '400': /^(bad-?request|400|validation-?error|invalid-?request)$/i,
  '401': /^(unauthori[sz]ed|401|unauthenticated|authentication-?(error|failed|required))$/i,
  '403': /^(forbidden|403|access-?denied)$/i,
  '429': /^(too-?many-?requests|429|rate-?limit(ed|-?exceeded)?)$/i,
  '500': /^(internal-?server-?error|500|server-?error|internal-?error)$/i,
};
const ERROR_SCHEMA_NAME = /^(error|errors|problem|problem-?details?|error-?response|api-?error|error-?model|error-?message)$/i;

function pointer(...segments: string[]): string {
  return `#/${segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

function objectAt(model: OpenApiModel, path: string[]) {
  return asObject(path.reduce<ReturnType<typeof child>>((node, key) => child(node, key), model.root));
}

/** The response value to insert for a missing error status: a `$ref` to a shared one when the document has it. */
export function errorResponseValue(model: OpenApiModel, operation: Operation | undefined, code: string, description: string): PlainValue {
  const sharedPath = model.isOas2 ? ['responses'] : ['components', 'responses'];
  const match = objectAt(model, sharedPath)?.properties.find((p) => RESPONSE_NAMES[code]?.test(p.key));
  if (match) return { $ref: pointer(...sharedPath, match.key) };
  // A new 429 tells clients when to retry, so adding it does not trade one finding for another.
  const headers: Record<string, PlainValue> = code === '429' ? { headers: { 'Retry-After': retryAfterHeader(model.isOas2) } } : {};
  if (model.isOas2) return { description, ...headers, schema: errorSchemaValue(model) };
  return { description, ...headers, content: errorContentValue(model, operation) };
}

/** A `Retry-After` header object (seconds, bounded so schema-limit rules are satisfied). */
export function retryAfterHeader(oas2: boolean): PlainValue {
  const schema = { type: 'integer', format: 'int32', minimum: 0, maximum: 86400 };
  const description = 'Seconds to wait before retrying.';
  return oas2 ? { description, ...schema } : { description, schema };
}

/** `content` describing an error body: the document's own error schema when it has one. */
export function errorContentValue(model: OpenApiModel, operation: Operation | undefined): PlainValue {
  return { [mediaTypeOf(operation)]: { schema: errorSchemaValue(model) } };
}

function errorSchemaValue(model: OpenApiModel): PlainValue {
  const container = model.isOas2 ? ['definitions'] : ['components', 'schemas'];
  const existing = objectAt(model, container)?.properties.find((p) => ERROR_SCHEMA_NAME.test(p.key));
  if (existing) return { $ref: pointer(...container, existing.key) };
  // Deliberately minimal: any property we invented would itself need limits and formats.
  return { type: 'object' };
}

/** The media type the operation already answers with (errors first), so the new response matches. */
function mediaTypeOf(operation: Operation | undefined): string {
  const responses = [...(operation?.responses ?? [])].sort((a, b) => Number(!a.code.startsWith('4')) - Number(!b.code.startsWith('4')));
  for (const response of responses) {
    const first = asObject(child(response.node, 'content'))?.properties[0];
    if (first) return first.key;
  }
  return 'application/json';
}
