/**
 * Models after an edit of one file of a split spec (engine/incremental/files): the spec's model with the operations
 * of the path items that cannot reach the edited file carried over, and a view of the path items that can, with
 * everything only they reach (their region), for rules that promise locality.
 */
import { asObject, child, type AstNode, type ObjectNode, type PropertyNode } from '../ast';
import type { ParsedDocument } from '../parse';
import { OpenApiModel, schemeEntriesOf, serversIn, type Operation, type OutboundOperation, type SchemeEntry, type Server } from './openApiModel';
import type { FileLoader, RefResolver, SourceFile } from './refs';
import { isWithin, regionSchemas, type SchemaSite } from './schemas';

/** What belongs to the edited path items: nodes inside them in the root, and every node of the files only they reach. */
export interface Region {
  entries: readonly PropertyNode[];
  files: ReadonlySet<string>;
}

/** Whether `node` (of `model`'s spec) lies in the region. */
export function inRegion(model: OpenApiModel, region: Region, node: AstNode): boolean {
  const file = model.refs.fileOf(node);
  if (file) return region.files.has(file.uri);
  return region.entries.some((entry) => entry.value !== undefined && isWithin(node, entry.value));
}

/** The spec's model after the edit: operations of path items outside the region are the previous model's. */
export class CarriedModel extends OpenApiModel {
  constructor(previous: OpenApiModel, document: ParsedDocument, root: ObjectNode, main: SourceFile | undefined, load: FileLoader | undefined, region: Region, refs?: RefResolver) {
    super(document, root, previous.version, main, load, refs && { refs, memo: new Map() });
    this.cachedSchemes = previous.schemesForEdit();
    const known = previous.operationsForEdit();
    if (known) {
      const byEntry = new Map(known);
      for (const entry of region.entries) byEntry.delete(entry);
      this.operationsByEntry = byEntry;
    }
  }
}

/**
 * The region as if it were the whole API, for rules whose findings in it depend only on it and on what lies outside:
 * its operations and callbacks, its schemas, servers and OAS2 schemes, its files' text for rules that scan strings.
 * What lies outside the region counts as "outside paths" for the rules' `pathsContext`.
 */
export class RegionView extends OpenApiModel {
  private ownOperations?: Operation[];
  private sites?: SchemaSite[];

  constructor(
    private readonly full: OpenApiModel,
    private readonly region: Region,
  ) {
    super(full.document, full.root, full.version, undefined, undefined, { refs: full.refs, memo: new Map() });
    this.cachedSchemes = full.schemesForEdit();
  }

  contains(node: AstNode): boolean {
    return inRegion(this.full, this.region, node);
  }

  override pathEntries(): readonly PropertyNode[] {
    return this.region.entries;
  }

  override operations(): Operation[] {
    return (this.ownOperations ??= this.operationsOf(this.region.entries));
  }

  override outboundOperations(): OutboundOperation[] {
    return this.callbackOperations();
  }

  override schemas(): SchemaSite[] {
    return (this.sites ??= regionSchemas(
      this.region.entries.flatMap((entry) => (entry.value ? [entry.value] : [])),
      this.isOas2,
      this.refs,
      (node) => !this.contains(node),
    ));
  }

  override servers(): Server[] {
    return this.isOas2 ? [] : serversIn(this.pathServerLists(this.region.entries));
  }

  override schemeEntries(): SchemeEntry[] {
    return this.isOas2 ? this.operations().flatMap((op) => schemeEntriesOf(child(op.node, 'schemes'))) : [];
  }

  override documentRoots(): ObjectNode[] {
    const items = this.region.entries.flatMap((entry) => asObject(entry.value) ?? []);
    const files = this.full.refs.loadedFiles().filter((f) => this.region.files.has(f.uri));
    return [...items, ...files.flatMap((f) => (f.document.root?.kind === 'object' ? [f.document.root] : []))];
  }

  override outsidePaths(nodes: Iterable<AstNode>): AstNode[] {
    return [...nodes].filter((node) => !this.contains(node)).sort((a, b) => a.offset - b.offset);
  }

  override isOutsidePaths(node: AstNode): boolean {
    return !this.contains(node);
  }

  /** The region's files, whole: what `pathItemStructure` reads besides the path items themselves. */
  override structureRoots(): AstNode[] {
    const files = this.full.refs.loadedFiles().filter((f) => this.region.files.has(f.uri));
    return files.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0)).flatMap((f) => f.document.root ?? []);
  }
}
