import { asObject, child, scalarText, type AstNode } from '../ast';

export type OpenApiVersion = '2.0' | '3.0' | '3.1';
export const ALL_VERSIONS: readonly OpenApiVersion[] = ['2.0', '3.0', '3.1'];

/**
 * `swagger: "2.0"` or `openapi: 3.x.y`. Later 3.x releases keep 3.1's JSON Schema
 * semantics, so they are analysed as 3.1. Anything else is not an OpenAPI document.
 */
export function detectVersion(root: AstNode | undefined): OpenApiVersion | undefined {
  const obj = asObject(root);
  if (!obj) return undefined;
  const swagger = scalarText(child(obj, 'swagger'));
  if (swagger !== undefined && /^2(\.0)?(\.\d+)?$/.test(swagger.trim())) return '2.0';
  const openapi = scalarText(child(obj, 'openapi'));
  if (openapi === undefined) return undefined;
  const match = /^3\.(\d+)/.exec(openapi.trim());
  if (!match) return undefined;
  return match[1] === '0' ? '3.0' : '3.1';
}

/**
 * For text that did not parse into an object at all: does its head look like an
 * OpenAPI document? Then its syntax errors are worth reporting.
 */
export function looksLikeOpenApi(text: string): boolean {
  return /^\s*(\{\s*)?["']?(openapi|swagger)["']?\s*:/m.test(text.slice(0, 4096));
}
