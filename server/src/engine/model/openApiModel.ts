import { asArray, asObject, child, property, scalarText, stringValue, type AstNode, type ObjectNode, type PropertyNode, type ScalarNode } from '../ast';
import type { ParsedDocument } from '../parse';
import { RefResolver, type FileLoader, type SourceFile } from './refs';
import { collectSchemaIndex, HTTP_METHODS, isWithin, type SchemaIndex, type SchemaSite } from './schemas';
import { effectiveSecurity, type EffectiveSecurity } from './security';
import type { OpenApiVersion } from './version';

export interface Parameter {
  name: string;
  in: string;
  /** The parameter object where it is defined ($ref followed). */
  node: ObjectNode;
  /** Where its type lives: OAS3 `schema`; OAS2 body `schema`, or the parameter itself. */
  schema: ObjectNode | undefined;
}

export interface Response {
  code: string;
  /** `'200': ...` as written under `responses` (a `$ref` stays a `$ref` here). */
  entry: PropertyNode;
  /** The response object where it is defined ($ref followed). */
  node: ObjectNode;
  /** Header objects by lower-cased name (HTTP header names are case-insensitive), $refs followed. */
  headers: Map<string, ObjectNode>;
}

export interface Operation {
  path: string;
  method: string;
  node: ObjectNode;
  pathItem: ObjectNode;
  security: EffectiveSecurity;
  /** Path-level parameters merged with (and overridden by) the operation's own. */
  parameters: Parameter[];
  /** The request body where it is defined ($ref followed); OAS2 keeps bodies in `in: body` parameters. */
  requestBody: ObjectNode | undefined;
  responsesNode: ObjectNode | undefined;
  responses: Response[];
}

/** An operation of a callback (`callbacks.<name>.<url expression>.<method>`) or a 3.1 webhook. */
export interface OutboundOperation extends Operation {
  kind: 'callback' | 'webhook';
  /** The callback's name or the webhook's name. */
  name: string;
  /** For callbacks, the operation that registers it. */
  owner: Operation | undefined;
}

export interface SecurityScheme {
  name: string;
  entry: PropertyNode;
  node: ObjectNode;
  type: string | undefined;
}

export interface Server {
  /** The `url` scalar as written. */
  urlNode: ScalarNode;
  node: ObjectNode;
  /** The URL with server variables replaced by their defaults. */
  resolvedUrl: string;
}

/** One entry of an OAS2 `schemes` list (root or operation level). */
export interface SchemeEntry {
  value: string;
  node: ScalarNode;
  list: AstNode;
}

/**
 * Typed, cached views over an OpenAPI document that rules use instead of walking raw
 * trees. Built lazily: a rule that never asks for schemas does not pay for the walk.
 */
export class OpenApiModel {
  readonly refs: RefResolver;
  /** Operations of each `paths` entry: an edit of one path item recomputes only its own (engine/incremental). */
  protected operationsByEntry?: Map<PropertyNode, Operation[]>;
  protected cachedOperations?: Operation[];
  private cachedOutbound?: OutboundOperation[];
  protected schemaIndex?: SchemaIndex;
  protected cachedSchemes?: SecurityScheme[];
  /**
   * Derived data keyed by AST nodes that outlives an edit of one path item (nodes elsewhere keep their
   * identity and content); a full re-parse starts a new one.
   */
  readonly memo: Map<string, unknown>;

  constructor(
    readonly document: ParsedDocument,
    readonly root: ObjectNode,
    readonly version: OpenApiVersion,
    main?: SourceFile,
    load?: FileLoader,
    carried?: { refs: RefResolver; memo: Map<string, unknown> },
  ) {
    this.refs = carried?.refs ?? new RefResolver(root, main, load);
    this.memo = carried?.memo ?? new Map();
  }

  /** For engine/incremental: the schema walk this model made, if it made one. */
  indexForEdit(): SchemaIndex | undefined {
    return this.schemaIndex;
  }

  /** For engine/incremental: operations per `paths` entry, if computed. */
  operationsForEdit(): ReadonlyMap<PropertyNode, Operation[]> | undefined {
    return this.operationsByEntry;
  }

  /** For engine/incremental: security schemes live outside `paths`, so an edit of a path item keeps them. */
  schemesForEdit(): SecurityScheme[] | undefined {
    return this.cachedSchemes;
  }

  get isOas2(): boolean {
    return this.version === '2.0';
  }

  resolve(node: AstNode | undefined): AstNode | undefined {
    return this.refs.resolve(node);
  }

  resolveObject(node: AstNode | undefined): ObjectNode | undefined {
    return asObject(this.refs.resolve(node));
  }

  /** The root of this document, then of every other file of a multi-file spec (for rules that scan raw text). */
  documentRoots(): ObjectNode[] {
    return [this.root, ...this.refs.loadedFiles().flatMap((f) => (f.document.root?.kind === 'object' ? [f.document.root] : []))];
  }

  /** The entries of `paths` (a path-item view has only its own). */
  pathEntries(): readonly PropertyNode[] {
    return asObject(child(this.root, 'paths'))?.properties ?? [];
  }

  /** Nodes among `nodes` that lie outside `paths`, in document order: what a rule's `pathsContext` usually compares. */
  outsidePaths(nodes: Iterable<AstNode>): AstNode[] {
    const paths = child(this.root, 'paths');
    return [...nodes].filter((node) => !isWithin(node, paths)).sort((a, b) => a.offset - b.offset);
  }

  /** Whether a node lies outside `paths` (for a view of some path items: outside what the view covers). */
  isOutsidePaths(node: AstNode): boolean {
    return !isWithin(node, child(this.root, 'paths'));
  }

  /** Nodes besides the path entries whose structure `pathItemStructure` reads: none here (a region view's files). */
  structureRoots(): AstNode[] {
    return [];
  }

  /** The operations under `paths`. */
  operations(): Operation[] {
    if (this.cachedOperations) return this.cachedOperations;
    const entries = asObject(child(this.root, 'paths'))?.properties ?? [];
    const byEntry = (this.operationsByEntry ??= new Map());
    for (const entry of entries) if (!byEntry.has(entry)) byEntry.set(entry, this.operationsOf([entry]));
    return (this.cachedOperations = entries.flatMap((entry) => byEntry.get(entry)!));
  }

  /** Operations the API itself calls: 3.1 webhooks and every operation's callbacks. */
  outboundOperations(): OutboundOperation[] {
    if (this.cachedOutbound) return this.cachedOutbound;
    const outbound: OutboundOperation[] = [];
    for (const webhook of asObject(child(this.root, 'webhooks'))?.properties ?? []) {
      for (const op of this.operationsOf([webhook])) outbound.push({ ...op, kind: 'webhook', name: webhook.key, owner: undefined });
    }
    outbound.push(...this.callbackOperations());
    return (this.cachedOutbound = outbound);
  }

  /** The operations of the callbacks of `operations()`. */
  protected callbackOperations(): OutboundOperation[] {
    const outbound: OutboundOperation[] = [];
    for (const owner of this.operations()) {
      for (const callback of asObject(this.resolve(child(owner.node, 'callbacks')))?.properties ?? []) {
        for (const op of this.operationsOf(this.resolveObject(callback.value)?.properties ?? [])) outbound.push({ ...op, kind: 'callback', name: callback.key, owner });
      }
    }
    return outbound;
  }

  /** Operations of path-item entries (of `paths`, a callback, or webhooks). */
  protected operationsOf(entries: readonly PropertyNode[]): Operation[] {
    const operations: Operation[] = [];
    const rootSecurity = child(this.root, 'security');
    for (const pathProp of entries) {
      const pathItem = this.resolveObject(pathProp.value);
      if (!pathItem || pathProp.key.startsWith('x-')) continue;
      const shared = this.parameters(child(pathItem, 'parameters'));
      for (const method of HTTP_METHODS) {
        // Operations are not meant to be `$ref`s, but multi-file specs (DigitalOcean's) do it: follow them.
        // One that cannot be followed stays an operation we know nothing about (as upstream sees it).
        const node = this.resolveObject(child(pathItem, method)) ?? asObject(child(pathItem, method));
        if (!node) continue;
        const own = this.parameters(child(node, 'parameters'));
        const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
        const responsesNode = this.resolveObject(child(node, 'responses'));
        operations.push({
          path: pathProp.key,
          method,
          node,
          pathItem,
          security: effectiveSecurity(child(node, 'security'), rootSecurity),
          parameters,
          requestBody: this.resolveObject(child(node, 'requestBody')),
          responsesNode,
          responses: this.responses(responsesNode),
        });
      }
    }
    return operations;
  }

  private parameters(list: AstNode | undefined): Parameter[] {
    const result: Parameter[] = [];
    for (const item of asArray(list)?.items ?? []) {
      const node = this.resolveObject(item);
      if (!node) continue;
      const location = scalarText(child(node, 'in')) ?? '';
      const schema = this.isOas2 && location !== 'body' ? node : this.resolveObject(child(node, 'schema'));
      result.push({ name: scalarText(child(node, 'name')) ?? '', in: location, node, schema });
    }
    return result;
  }

  private responses(responses: ObjectNode | undefined): Response[] {
    const result: Response[] = [];
    for (const entry of responses?.properties ?? []) {
      const node = this.resolveObject(entry.value);
      if (!node || entry.key.startsWith('x-')) continue;
      const headers = new Map<string, ObjectNode>();
      for (const h of asObject(this.resolve(child(node, 'headers')))?.properties ?? []) {
        const header = this.resolveObject(h.value);
        if (header) headers.set(h.key.toLowerCase(), header);
      }
      result.push({ code: entry.key, entry, node, headers });
    }
    return result;
  }

  /** Every schema object once, at its definition. */
  schemas(): SchemaSite[] {
    return (this.schemaIndex ??= collectSchemaIndex(this.root, this.isOas2, this.refs)).sites;
  }

  securitySchemes(): SecurityScheme[] {
    if (this.cachedSchemes) return this.cachedSchemes;
    const container = this.isOas2 ? child(this.root, 'securityDefinitions') : child(child(this.root, 'components'), 'securitySchemes');
    const schemes: SecurityScheme[] = [];
    for (const entry of asObject(container)?.properties ?? []) {
      const node = this.resolveObject(entry.value);
      if (node) schemes.push({ name: entry.key, entry, node, type: stringValue(child(node, 'type')) });
    }
    return (this.cachedSchemes = schemes);
  }

  /** OAS3 servers at root, path-item and operation level. */
  servers(): Server[] {
    if (this.isOas2) return [];
    const root = child(this.root, 'servers');
    return serversIn([...(root ? [root] : []), ...this.pathServerLists(asObject(child(this.root, 'paths'))?.properties ?? [])]);
  }

  /** `servers` lists of path items and their operations. */
  protected pathServerLists(entries: readonly PropertyNode[]): AstNode[] {
    const lists: AstNode[] = [];
    for (const pathProp of entries) {
      const item = this.resolveObject(pathProp.value);
      const own = child(item, 'servers');
      if (own) lists.push(own);
      for (const method of HTTP_METHODS) {
        const list = child(this.resolve(child(item, method)), 'servers');
        if (list) lists.push(list);
      }
    }
    return lists;
  }

  /** OAS2 `schemes` entries, at the root and on operations. */
  schemeEntries(): SchemeEntry[] {
    if (!this.isOas2) return [];
    return [...schemeEntriesOf(child(this.root, 'schemes')), ...this.operations().flatMap((op) => schemeEntriesOf(child(op.node, 'schemes')))];
  }

  /** OAS2 `host` (with `basePath`), the other half of the base URL next to `schemes`. */
  oas2Host(): { host: ScalarNode | undefined; basePath: string } {
    if (!this.isOas2) return { host: undefined, basePath: '' };
    const host = child(this.root, 'host');
    return { host: host && host.kind === 'scalar' ? host : undefined, basePath: scalarText(child(this.root, 'basePath')) ?? '' };
  }

  /** The root-level property for a key, e.g. `components`, with its position. */
  rootProperty(key: string): PropertyNode | undefined {
    return property(this.root, key);
  }
}

export function serversIn(lists: readonly AstNode[]): Server[] {
  const servers: Server[] = [];
  for (const list of lists) {
    for (const item of asArray(list)?.items ?? []) {
      const node = asObject(item);
      const urlNode = child(node, 'url');
      if (!node || !urlNode || urlNode.kind !== 'scalar' || typeof urlNode.value !== 'string') continue;
      servers.push({ urlNode, node, resolvedUrl: substituteVariables(urlNode.value, asObject(child(node, 'variables'))) });
    }
  }
  return servers;
}

export function schemeEntriesOf(list: AstNode | undefined): SchemeEntry[] {
  const entries: SchemeEntry[] = [];
  for (const item of asArray(list)?.items ?? []) {
    if (item.kind === 'scalar' && typeof item.value === 'string') entries.push({ value: item.value, node: item, list: list! });
  }
  return entries;
}

function substituteVariables(url: string, variables: ObjectNode | undefined): string {
  if (!variables) return url;
  return url.replace(/\{([^}]+)\}/g, (whole, name: string) => scalarText(child(child(variables, name), 'default')) ?? whole);
}
