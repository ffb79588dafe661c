import { asArray, child, type AstNode } from '../ast';

/** The `type` of a schema as a list: 3.1 allows `type: [integer, "null"]`. */
export function schemaTypes(schema: AstNode | undefined): string[] {
  const type = child(schema, 'type');
  if (!type) return [];
  if (type.kind === 'scalar') return type.value === null ? [] : [String(type.value)];
  return (asArray(type)?.items ?? []).flatMap((t) => (t.kind === 'scalar' && t.value !== null ? [String(t.value)] : []));
}

export function hasType(schema: AstNode | undefined, type: string): boolean {
  return schemaTypes(schema).includes(type);
}

/** Declared as an object, or shaped like one (has `properties`) without another declared type. */
export function isObjectSchema(schema: AstNode | undefined): boolean {
  const types = schemaTypes(schema);
  return types.includes('object') || (types.length === 0 && child(schema, 'properties')?.kind === 'object');
}
