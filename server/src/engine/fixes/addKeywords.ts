import { asObject, child, type AstNode } from '../ast';
import type { PlainValue } from '../edit/render';
import { insertProperties } from '../edit/structuralEdits';
import type { OpenApiModel } from '../model/openApiModel';
import type { ParsedDocument } from '../parse';
import type { Fix } from '../rule';

export const ADJUST_COMMENT = 'conservative default: adjust to the real limit';

/** A fix that adds keywords to a schema (or any object), with a YAML comment saying the values are defaults. */
export function addKeywordsFix(document: ParsedDocument, target: AstNode, entries: Array<[string, PlainValue]>, title: string, preferred = true): Fix[] {
  const obj = asObject(target);
  if (!obj || child(obj, '$ref')) return [];
  const edit = insertProperties(document, obj, entries, { comment: ADJUST_COMMENT });
  return edit ? [{ title, edits: [edit], isPreferred: preferred, scope: 'node' }] : [];
}

/** A response header declaration for `name`: a `$ref` to the document's own when it keeps one, else inline. */
export function headerValue(model: OpenApiModel, name: string, description: string, schema: Record<string, PlainValue>): PlainValue {
  const shared = model.isOas2 ? undefined : asObject(child(child(model.root, 'components'), 'headers'));
  const match = shared?.properties.find((p) => p.key.toLowerCase() === name.toLowerCase() || p.key.toLowerCase() === name.toLowerCase().replace(/-/g, ''));
  if (match) return { $ref: `#/components/headers/${match.key.replace(/~/g, '~0').replace(/\//g, '~1')}` };
  return model.isOas2 ? { description, ...schema } : { description, schema };
}

/** Header values are visible ASCII (RFC 9110 field values), bounded. */
export const HEADER_STRING: Record<string, PlainValue> = { type: 'string', maxLength: 256, pattern: '^[\\x20-\\x7E]*$' };
