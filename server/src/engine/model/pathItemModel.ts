/**
 * Models after an edit of one path item (engine/incremental): the whole document's model rebuilt
 * from the previous one, and a view of the edited path item alone for rules that promise locality.
 */
import { asObject, child, type AstNode, type ObjectNode, type PropertyNode } from '../ast';
import type { ParsedDocument } from '../parse';
import { OpenApiModel, schemeEntriesOf, serversIn, type Operation, type OutboundOperation, type SchemeEntry, type Server } from './openApiModel';
import { isWithin, pathItemSchemas, type SchemaIndex, type SchemaSite } from './schemas';

export interface PathItemEdit {
  paths: ObjectNode;
  oldProp: PropertyNode;
  newProp: PropertyNode;
}

/**
 * The document's model after `edit`, reusing the previous model's resolved `$ref`s, operations of the
 * other path items and schemas outside the edited one. Undefined when the edited item reaches schemas
 * no other part of the document does (only a full walk knows what else changes then).
 */
export function deriveModel(previous: OpenApiModel, document: ParsedDocument, edit: PathItemEdit): { model: OpenApiModel; local: PathItemView } | undefined {
  const model = new DerivedModel(previous, document);
  const index = previous.indexForEdit();
  let sites: SchemaSite[] | undefined;
  if (index) {
    if (index.escapes) return undefined;
    const own = edit.newProp.value ? pathItemSchemas(edit.newProp.value, model.isOas2, model.refs, index.outsidePaths) : [];
    if (!own) return undefined;
    sites = own;
    model.adoptSchemas({ sites: spliceSites(index.sites, edit.oldProp.value, own), outsidePaths: index.outsidePaths, escapes: false });
  }
  model.adoptOperations(previous, edit);
  return { model, local: new PathItemView(model, edit.newProp, sites, model.operationsOfEntry(edit.newProp)) };
}

/** Replaces the previous item's schemas (contiguous in document order) by the new item's. */
function spliceSites(sites: readonly SchemaSite[], oldItem: AstNode | undefined, replacement: readonly SchemaSite[]): SchemaSite[] {
  const first = oldItem ? sites.findIndex((s) => isWithin(s.node, oldItem)) : -1;
  if (first < 0) {
    const at = replacement.length ? sites.findIndex((s) => s.node.offset > replacement[0].node.offset) : -1;
    const cut = at < 0 ? sites.length : at;
    return [...sites.slice(0, cut), ...replacement, ...sites.slice(cut)];
  }
  let last = first;
  while (last < sites.length && isWithin(sites[last].node, oldItem!)) last++;
  return [...sites.slice(0, first), ...replacement, ...sites.slice(last)];
}

/** Documentation and example values: no rule that iterates operations reads them for findings outside `paths`. */
const DOCUMENTATION_KEYS = new Set(['description', 'summary', 'operationId', 'example', 'examples', 'externalDocs']);

/**
 * A `pathsContext` for rules that iterate operations and may report on what they reference (a shared
 * response, a parameter): the path items' structure and values, without documentation and examples.
 * Editing a description keeps it; changing a status code, a `$ref`, a security requirement or a schema does not.
 */
export function pathItemStructure(model: OpenApiModel): unknown[] {
  const parts: string[] = [];
  const stack: Array<AstNode | string> = [];
  const starts: Array<[string, AstNode | undefined]> = [...model.pathEntries().map((entry): [string, AstNode | undefined] => [entry.key, entry.value]), ...model.structureRoots().map((root): [string, AstNode] => ['\u0001file', root])];
  for (const [key, value] of starts) {
    parts.push(key);
    if (value) stack.push(value);
    while (stack.length) {
      const next = stack.pop()!;
      if (typeof next === 'string') {
        parts.push(next);
        continue;
      }
      if (next.kind === 'scalar') parts.push(`=${String(next.value)}`);
      else if (next.kind === 'array') {
        stack.push(']');
        for (let i = next.items.length - 1; i >= 0; i--) stack.push(next.items[i]);
        parts.push('[');
      } else {
        stack.push('}');
        for (let i = next.properties.length - 1; i >= 0; i--) {
          const p = next.properties[i];
          if (DOCUMENTATION_KEYS.has(p.key) || !p.value) continue;
          stack.push(p.value);
          stack.push(`.${p.key}`);
        }
        parts.push('{');
      }
    }
  }
  return [parts.join('\u0000')];
}

class DerivedModel extends OpenApiModel {
  constructor(previous: OpenApiModel, document: ParsedDocument) {
    super(document, previous.root, previous.version, undefined, undefined, { refs: previous.refs, memo: previous.memo });
    this.cachedSchemes = previous.schemesForEdit();
  }

  adoptSchemas(index: SchemaIndex): void {
    this.schemaIndex = index;
  }

  adoptOperations(previous: OpenApiModel, edit: PathItemEdit): void {
    const known = previous.operationsForEdit();
    if (!known) return;
    const byEntry = new Map(known);
    byEntry.delete(edit.oldProp);
    byEntry.set(edit.newProp, this.operationsOf([edit.newProp]));
    this.operationsByEntry = byEntry;
  }

  operationsOfEntry(entry: PropertyNode): Operation[] {
    this.operations();
    return this.operationsByEntry?.get(entry) ?? [];
  }
}

/**
 * The edited path item as if it were the whole API, for rules whose findings inside a path item depend only on
 * that item and on what lies outside `paths`: its operations and their callbacks, its schemas, its servers
 * and OAS2 schemes, its text for rules that scan strings. Security schemes and the root stay the document's.
 */
export class PathItemView extends OpenApiModel {
  constructor(
    private readonly full: OpenApiModel,
    private readonly entry: PropertyNode,
    private readonly sites?: SchemaSite[],
    private ownOperations?: Operation[],
  ) {
    super(full.document, full.root, full.version, undefined, undefined, { refs: full.refs, memo: full.memo });
    this.cachedSchemes = full.schemesForEdit();
  }

  /** The node whose subtree this view covers. */
  get item(): AstNode | undefined {
    return this.entry.value;
  }

  override pathEntries(): readonly PropertyNode[] {
    return [this.entry];
  }

  override operations(): Operation[] {
    return (this.ownOperations ??= this.operationsOf([this.entry]));
  }

  override outboundOperations(): OutboundOperation[] {
    return this.callbackOperations();
  }

  override schemas(): SchemaSite[] {
    return this.sites ?? this.full.schemas().filter((s) => this.entry.value !== undefined && isWithin(s.node, this.entry.value));
  }

  override servers(): Server[] {
    return this.isOas2 ? [] : serversIn(this.pathServerLists([this.entry]));
  }

  override schemeEntries(): SchemeEntry[] {
    return this.isOas2 ? this.operations().flatMap((op) => schemeEntriesOf(child(op.node, 'schemes'))) : [];
  }

  override documentRoots(): ObjectNode[] {
    const item = asObject(this.entry.value);
    return item ? [item] : [];
  }
}
