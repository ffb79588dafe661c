import { asObject, child, type ObjectNode } from '../ast';
import { insertProperty } from '../edit/structuralEdits';
import type { TextEdit } from '../edit/textEdit';
import type { ParsedDocument } from '../parse';
import { HEADER_STRING, headerValue } from './addKeywords';
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

/** The name a new shared response gets under components/responses (OAS2: responses). */
const SHARED_NAMES: Record<string, string> = { '400': 'BadRequest', '401': 'Unauthorized', '403': 'Forbidden', '429': 'TooManyRequests', '500': 'InternalServerError' };

/**
 * The edits that add a missing error response to an operation's `responses`: a `$ref` to the
 * document's shared one when it has it; when the document keeps shared responses but not this
 * one, the shared entry is added once and referenced; otherwise the response is written inline.
 */
export function errorResponseEdits(model: OpenApiModel, document: ParsedDocument, responses: ObjectNode, operation: Operation | undefined, code: string, description: string): TextEdit[] | undefined {
  const sharedPath = model.isOas2 ? ['responses'] : ['components', 'responses'];
  const container = objectAt(model, sharedPath);
  const match = container?.properties.find((p) => RESPONSE_NAMES[code]?.test(p.key));
  if (match) return single(insertProperty(document, responses, code, { $ref: pointer(...sharedPath, match.key) }));
  const name = SHARED_NAMES[code];
  if (container && container.properties.length > 0 && name && !container.properties.some((p) => p.key === name)) {
    const shared = insertProperty(document, container, name, inlineErrorResponse(model, operation, code, description));
    const reference = insertProperty(document, responses, code, { $ref: pointer(...sharedPath, name) });
    if (shared && reference && (shared.end < reference.offset || reference.end < shared.offset)) return [reference, shared];
  }
  return single(insertProperty(document, responses, code, inlineErrorResponse(model, operation, code, description)));
}

const single = (edit: TextEdit | undefined) => (edit ? [edit] : undefined);

/** A complete error response; a 429 also tells clients when to retry and what the limit is, so adding it creates no new finding. */
function inlineErrorResponse(model: OpenApiModel, operation: Operation | undefined, code: string, description: string): PlainValue {
  const headers: Record<string, PlainValue> =
    code === '429'
      ? {
          headers: {
            'Retry-After': retryAfterHeader(model.isOas2),
            RateLimit: headerValue(model, 'RateLimit', 'Remaining quota in the current window (IETF RateLimit header fields).', HEADER_STRING),
            'RateLimit-Policy': headerValue(model, 'RateLimit-Policy', 'The quota policy: requests per window.', HEADER_STRING),
          },
        }
      : {};
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
