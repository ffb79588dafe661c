import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { AstNode, ObjectNode, PathSegment, PropertyNode } from '../ast';
import { parseJsonFast } from './fastJson';
import { MAX_NESTING_DEPTH, type ParseProblem } from './problems';
import type { ParseOutput } from './parseYaml';

/**
 * Parses JSON (comments and trailing commas tolerated, as editors allow in JSONC) into our neutral tree:
 * strict JSON with the fast parser, anything else with jsonc-parser.
 */
export function parseJson(text: string): ParseOutput {
  const root = parseJsonFast(text);
  return root ? { root, problems: [] } : parseWithJsoncParser(text);
}

/** jsonc-parser keeps offsets and recovers from errors; its tree is converted into ours. */
export function parseWithJsoncParser(text: string): ParseOutput {
  const errors: ParseError[] = [];
  const problems: ParseProblem[] = [];
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  } catch (error) {
    // jsonc-parser recurses per nesting level; absurd nesting must not take the server down.
    const tooDeep = /call stack/i.test((error as Error).message);
    problems.push({ message: tooDeep ? 'Nesting is too deep to parse; the document is not analysed.' : `The document could not be parsed: ${(error as Error).message}`, offset: 0, end: Math.min(1, text.length), severity: 'error', code: 'parser-failure' });
    return { root: undefined, problems };
  }
  for (const e of errors) {
    problems.push({ message: describe(printParseErrorCode(e.error)), offset: e.offset, end: e.offset + Math.max(e.length, 1), severity: 'error', code: printParseErrorCode(e.error) });
  }
  let depthReported = false;
  const convert = (node: JsonNode, parent: AstNode | undefined, key: PathSegment | undefined, depth: number): AstNode => {
    const offset = node.offset;
    const end = node.offset + node.length;
    if (depth > MAX_NESTING_DEPTH) {
      if (!depthReported) {
        depthReported = true;
        problems.push({ message: `Nesting deeper than ${MAX_NESTING_DEPTH} levels; deeper content is not analysed.`, offset, end: offset + 1, severity: 'error', code: 'nesting-depth' });
      }
      return { kind: 'scalar', value: null, style: 'plain', offset, end: offset, parent, key };
    }
    if (node.type === 'object') {
      const obj: ObjectNode = { kind: 'object', properties: [], flow: true, offset, end, parent, key };
      for (const propNode of node.children ?? []) {
        const [keyNode, valueNode] = propNode.children ?? [];
        if (!keyNode) continue;
        const name = String(keyNode.value);
        const prop: PropertyNode = {
          key: name,
          keyOffset: keyNode.offset,
          keyEnd: keyNode.offset + keyNode.length,
          value: valueNode ? convert(valueNode, obj, name, depth + 1) : undefined,
          end: valueNode ? valueNode.offset + valueNode.length : keyNode.offset + keyNode.length,
        };
        obj.properties.push(prop);
      }
      return obj;
    }
    if (node.type === 'array') {
      const arr: AstNode = { kind: 'array', items: [], flow: true, offset, end, parent, key };
      (node.children ?? []).forEach((item, i) => arr.items.push(convert(item, arr, i, depth + 1)));
      return arr;
    }
    const value = node.type === 'null' ? null : (node.value as string | number | boolean);
    return { kind: 'scalar', value, style: node.type === 'string' ? 'double' : 'plain', offset, end, parent, key };
  };
  const root = tree ? convert(tree, undefined, undefined, 0) : undefined;
  return { root, problems };
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace `}` expected',
  CloseBracketExpected: 'Closing bracket `]` expected',
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Invalid comment token',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unexpected end of string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode sequence in string',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid characters in string (control characters must be escaped)',
};

function describe(code: string): string {
  return MESSAGES[code] ?? code;
}
