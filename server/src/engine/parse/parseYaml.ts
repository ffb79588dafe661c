import {
  Alias,
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  type Node as YamlNode,
} from 'yaml';
import type { ArrayNode, AstNode, ObjectNode, PathSegment, PropertyNode, ScalarNode, ScalarStyle } from '../ast';
import { parseYamlFast } from './fastYaml';
import { MAX_ALIAS_EXPANSION, MAX_NESTING_DEPTH, type ParseProblem } from './problems';

export interface ParseOutput {
  root: AstNode | undefined;
  problems: ParseProblem[];
  /** YAML aliases and merge keys share nodes between places: an edit in one place changes another (see engine/incremental). */
  hasAliases?: boolean;
}

const STYLE_BY_TYPE: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'block',
  BLOCK_FOLDED: 'block',
};

/**
 * Parses YAML into our neutral tree: with the fast parser when the text is in its subset (nearly every
 * OpenAPI document), otherwise with the `yaml` package.
 */
export function parseYaml(text: string): ParseOutput {
  const root = parseYamlFast(text);
  return root ? { root, problems: [] } : parseWithYamlPackage(text);
}

/**
 * Parses YAML with the `yaml` package and converts its AST into our neutral tree.
 * Aliases share the converted anchor node (never expanded), so alias bombs cost
 * nothing here; merge keys (`<<`) copy the merged properties by reference.
 */
export function parseWithYamlPackage(text: string): ParseOutput {
  const problems: ParseProblem[] = [];
  const doc = parseDocument(text, {
    prettyErrors: false,
    merge: true,
    // yaml's own duplicate check compares each key with all before it (quadratic on 30,000-key maps); ours is a Set.
    uniqueKeys: false,
    strict: false,
    keepSourceTokens: false,
  });
  for (const error of doc.errors) problems.push({ message: friendlyMessage(error.message), offset: error.pos[0], end: error.pos[1], severity: 'error', code: error.code });
  for (const warning of doc.warnings) {
    problems.push({ message: warning.message, offset: warning.pos[0], end: warning.pos[1], severity: 'warning', code: warning.code });
  }
  const converter = new YamlConverter(text, doc, problems);
  const root = doc.contents ? converter.convert(doc.contents as YamlNode, undefined, undefined, 0) : undefined;
  const firstAlias = converter.aliasOffsets[0];
  if (root && firstAlias && expandedSizeExceeds(root, MAX_ALIAS_EXPANSION)) {
    problems.push({
      message: `YAML aliases in this document expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} nodes (alias expansion limit). openapi-security checks aliased content once, where it is defined; tools that expand aliases may run out of memory on this file.`,
      offset: firstAlias[0],
      end: firstAlias[1],
      severity: 'warning',
      code: 'alias-expansion-limit',
    });
  }
  return { root, problems, hasAliases: converter.aliasOffsets.length > 0 || converter.merges };
}

function friendlyMessage(message: string): string {
  if (/call stack/i.test(message)) return 'Nesting is too deep to parse; content past this point is not analysed.';
  if (/multiple documents/i.test(message)) return 'This file holds more than one YAML document (`---`); only the first one is linted.';
  return message;
}

/**
 * Whether the tree, with every alias expanded in place, would exceed `limit` nodes. Sizes are
 * memoised per shared node, so a billion-node alias bomb is measured in a few thousand steps.
 */
export function expandedSizeExceeds(root: AstNode, limit: number): boolean {
  const sizes = new Map<AstNode, number>();
  const inProgress = new Set<AstNode>();
  const size = (node: AstNode): number => {
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (inProgress.has(node)) return 1; // a self-referencing anchor: counted once, not forever
    inProgress.add(node);
    let total = 1;
    const children = node.kind === 'object' ? node.properties.map((p) => p.value) : node.kind === 'array' ? node.items : [];
    for (const child of children) {
      if (child) total = Math.min(limit + 1, total + size(child));
    }
    inProgress.delete(node);
    sizes.set(node, total);
    return total;
  };
  return size(root) > limit;
}

class YamlConverter {
  private readonly converted = new Map<YamlNode, AstNode>();
  private depthReported = false;
  /** Source ranges of the aliases (`*name`) met, in document order. */
  readonly aliasOffsets: [number, number][] = [];
  /** Some mapping merged another in (`<<`): its properties then sit in two places. */
  merges = false;

  constructor(
    private readonly text: string,
    private readonly doc: Document,
    private readonly problems: ParseProblem[],
  ) {}

  convert(node: YamlNode, parent: AstNode | undefined, key: PathSegment | undefined, depth: number): AstNode {
    if (isAlias(node)) return this.convertAlias(node, parent, key, depth);
    const known = this.converted.get(node);
    if (known) return known;
    const range = node.range ?? [0, 0, 0];
    if (depth > MAX_NESTING_DEPTH) return this.tooDeep(range[0], parent, key);
    if (isMap(node)) {
      const obj: ObjectNode = { kind: 'object', properties: [], flow: !!node.flow, offset: range[0], end: range[1], parent, key };
      this.converted.set(node, obj);
      const merged = this.fillObject(obj, node.items, depth);
      if (merged.length) this.merges = true;
      if (!obj.flow) obj.end = blockEnd(this.text, obj, range);
      for (const source of merged) mergeInto(obj, source);
      return obj;
    }
    if (isSeq(node)) {
      const arr: ArrayNode = { kind: 'array', items: [], flow: !!node.flow, offset: range[0], end: range[1], parent, key };
      this.converted.set(node, arr);
      const ends: number[] = [];
      node.items.forEach((item, i) => {
        if (item && typeof item === 'object' && !isPair(item)) {
          arr.items.push(this.convert(item as YamlNode, arr, i, depth + 1));
          ends.push(sourceEnd(this.text, item as YamlNode));
        }
      });
      if (!arr.flow) arr.end = ends.length ? ends[ends.length - 1] : trimTrailingSpace(this.text, range[1], range[0]);
      return arr;
    }
    return this.convertScalar(node as Scalar, parent, key);
  }

  private convertAlias(alias: Alias, parent: AstNode | undefined, key: PathSegment | undefined, depth: number): AstNode {
    let target: YamlNode | undefined;
    try {
      target = alias.resolve(this.doc) as YamlNode | undefined;
    } catch {
      target = undefined;
    }
    const range = alias.range ?? [0, 0, 0];
    this.aliasOffsets.push([range[0], range[1]]);
    if (!target) {
      return { kind: 'scalar', value: null, style: 'plain', offset: range[0], end: range[1], parent, key };
    }
    // A self-referencing anchor resolves to a node still being converted: the cache returns it.
    return this.converted.get(target) ?? this.convert(target, parent, key, depth + 1);
  }

  private fillObject(obj: ObjectNode, items: unknown[], depth: number): AstNode[] {
    const merged: AstNode[] = [];
    const keys = new Set<string>();
    for (const item of items) {
      if (!isPair(item)) continue;
      const keyNode = item.key as YamlNode | null;
      const keyRange = keyNode?.range ?? [obj.offset, obj.offset, obj.offset];
      if (keyNode && isScalar(keyNode) && this.text.slice(keyRange[0], keyRange[1]) === '<<' && item.value) {
        merged.push(this.convert(item.value as YamlNode, obj, '<<', depth + 1));
        continue;
      }
      const keyText = keyNode && isScalar(keyNode) ? String(keyNode.value) : keyNode ? this.text.slice(keyRange[0], keyRange[1]) : '';
      if (keys.has(keyText)) {
        this.problems.push({ message: `Map keys must be unique: \`${keyText.length > 60 ? `${keyText.slice(0, 57)}...` : keyText}\` is already defined in this mapping.`, offset: keyRange[0], end: Math.max(keyRange[1], keyRange[0] + 1), severity: 'error', code: 'DUPLICATE_KEY' });
      }
      keys.add(keyText);
      const prop: PropertyNode = { key: keyText, keyOffset: keyRange[0], keyEnd: keyRange[1], value: undefined, end: keyRange[1] };
      const valueNode = item.value as YamlNode | null;
      const isEmpty = !valueNode || (isScalar(valueNode) && valueNode.value == null && valueNode.range?.[0] === valueNode.range?.[1]);
      if (isEmpty) {
        // `key:` with nothing after it: anchor the null where the key ends, not on the next line.
        prop.value = { kind: 'scalar', value: null, style: 'plain', offset: keyRange[1], end: keyRange[1], parent: obj, key: keyText };
      } else {
        prop.value = this.convert(valueNode, obj, keyText, depth + 1);
        prop.end = sourceEnd(this.text, valueNode);
      }
      obj.properties.push(prop);
    }
    return merged;
  }

  private convertScalar(node: Scalar, parent: AstNode | undefined, key: PathSegment | undefined): ScalarNode {
    const range = node.range ?? [0, 0, 0];
    const raw = node.value;
    let value: ScalarNode['value'];
    if (raw === null || raw === undefined) value = null;
    else if (typeof raw === 'string' || typeof raw === 'boolean') value = raw;
    else if (typeof raw === 'number') value = raw;
    else if (typeof raw === 'bigint') value = Number(raw);
    else value = this.text.slice(range[0], range[1]); // !!binary, dates and unknown tags keep their source text
    const style = STYLE_BY_TYPE[node.type ?? 'PLAIN'] ?? 'plain';
    const end = style === 'block' ? trimTrailingSpace(this.text, range[1], range[0]) : range[1];
    return { kind: 'scalar', value, style, offset: range[0], end, parent, key };
  }

  private tooDeep(offset: number, parent: AstNode | undefined, key: PathSegment | undefined): ScalarNode {
    if (!this.depthReported) {
      this.depthReported = true;
      this.problems.push({
        message: `Nesting deeper than ${MAX_NESTING_DEPTH} levels; deeper content is not analysed.`,
        offset,
        end: offset + 1,
        severity: 'error',
        code: 'nesting-depth',
      });
    }
    return { kind: 'scalar', value: null, style: 'plain', offset, end: offset, parent, key };
  }
}

/** `<<: *base` or `<<: [*a, *b]`: explicit keys win, earlier sources win over later ones. */
function mergeInto(obj: ObjectNode, source: AstNode): void {
  const sources = source.kind === 'array' ? source.items : [source];
  for (const src of sources) {
    if (src.kind !== 'object' || src === obj) continue;
    for (const p of src.properties) {
      if (!obj.properties.some((existing) => existing.key === p.key)) obj.properties.push({ ...p, inherited: true });
    }
  }
}

/** A block collection ends where its last property's text ends, not at the comments that follow it. */
function blockEnd(text: string, node: ObjectNode, range: [number, number, number]): number {
  const last = node.properties[node.properties.length - 1];
  return last ? last.end : trimTrailingSpace(text, range[1], range[0]);
}

/** Where a YAML node's own text ends, trailing comments and blank lines excluded. */
function sourceEnd(text: string, node: YamlNode): number {
  const range = node.range ?? [0, 0, 0];
  if (isMap(node) || isSeq(node)) {
    if (node.flow) return range[1];
    const items = node.items as unknown[];
    const last = items[items.length - 1];
    if (isPair(last)) {
      const value = last.value as YamlNode | null;
      const keyEnd = (last.key as YamlNode | null)?.range?.[1] ?? range[0];
      return value && value.range && value.range[1] > value.range[0] ? sourceEnd(text, value) : keyEnd;
    }
    if (last && typeof last === 'object') return sourceEnd(text, last as YamlNode);
  }
  return trimTrailingSpace(text, range[1], range[0]);
}

function trimTrailingSpace(text: string, end: number, start: number): number {
  let i = end;
  while (i > start) {
    const ch = text.charCodeAt(i - 1);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13) i--;
    else break;
  }
  return i;
}
