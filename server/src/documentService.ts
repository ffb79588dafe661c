import type { CodeAction, CodeActionParams, Diagnostic, Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, resolveFixAll, type FixAllData } from './codeActions';
import { AnalysisCache, type LintContext } from './documentLinter';
import { WorkspaceFiles, type Overlay } from './workspaceFiles';
import { documentReport } from './documentReport';
import { fixesFor, keyHoverAt, securityTxtHoverAt, type Analysis, type EngineDiagnostic, type AstNode, type FileLoader, type Finding, type ProjectConfig, type Severity } from './engine';
import { renderHover, renderSecurityTxtHover } from './hover';
import { sameRange, toLspDiagnostic, touches } from './lspConvert';
import { DIAGNOSTIC_SOURCE, type DocumentReportParams, type DocumentReportResult, type DocumentScoreParams, type Settings } from './protocol';
import { isSecurityTxtDocument, SecurityTxtCache, securityTxtCodeActions, securityTxtLspDiagnostic } from './securityTxtDocuments';
import { OUT_OF_SYNC, type TextChanges } from './textSync';
import { PieceTextDocument } from './pieceTextDocument';
import { SentDiagnostics, type EncodedDiagnostics } from './diagnosticDelta';

/** A document as the main thread knows it: every request carries it, so a fresh worker needs nothing else. */
export interface DocumentSnapshot {
  uri: string;
  languageId: string;
  /** -1 with no text: a closed file of the workspace (a root whose fragment changed), read from disk. */
  version: number;
  text?: string;
  /** The open document this is a version of: a document closed and opened again is another one. */
  textId?: number;
  /** Instead of `text`: the edits from the version this worker holds (textSync.ts). */
  changes?: TextChanges;
}

export interface DocumentRequest {
  document: DocumentSnapshot;
  settings: Settings;
  config: ProjectConfig;
  /** Workspace folder URIs: file `$ref`s must stay inside them. */
  roots: string[];
  /** Diagnostics published per document at most; the rest is summarised in one. */
  maxDiagnostics: number;
  /** Open documents that the spec may reference: their unsaved text wins over the disk. */
  overlays: Overlay[];
  /** Bumped by the server when the client reports changed files on disk. */
  generation: number;
  /** The lint of this spec whose findings in other files the server has: the result may say only what changed since. */
  othersBase?: string;
  /** The list of this document's own diagnostics the server holds: the result may hold only what changed since. */
  diagnosticsBase?: string;
}

/** The document's own diagnostics, each as the JSON text of an LSP `Diagnostic` (see diagnosticList.ts), maybe only what changed (diagnosticDelta.ts). */
export interface LintResult extends EncodedDiagnostics {
  /** Findings in the other files of a multi-file spec, by file URI. */
  others: Array<{ uri: string; diagnostics: string }>;
  /** The other files the spec is made of (what a change must re-lint it for). */
  files: string[];
  /** Names this lint's `others`, for the next request's `othersBase`. */
  othersId?: string;
  /** Present when `others` holds only the files whose findings changed since the lint `base`; `removed` have none now. */
  othersDelta?: { base: string; removed: string[] };
  /** Undefined for documents that are not OpenAPI. */
  score: number | undefined;
  counts: DocumentScoreParams['counts'];
}

export interface ClientAbilities {
  markdownHover: boolean;
  documentChanges: boolean;
  canDisableRules: boolean;
  canResolve: boolean;
}

/** More than this many diagnostics slow every editor down and help nobody: the rest is summarised (initializationOptions.maxDiagnostics). */
export const DEFAULT_MAX_DIAGNOSTICS = 1000;
export const TOO_MANY_FINDINGS_CODE = 'too-many-findings';

/**
 * Everything that needs an analysis, answered from one cache: linting, hovers, code actions.
 * It runs in the lint worker, so a slow or runaway lint never blocks the LSP connection.
 */
export class DocumentService {
  private readonly cache = new AnalysisCache();
  private readonly securityTxt = new SecurityTxtCache();
  private readonly documents = new Map<string, { document: PieceTextDocument; textId: number | undefined }>();
  private readonly files = new WorkspaceFiles();
  /**
   * The titles of a finding's fixes (a rule's fix may not apply to every finding): published with each diagnostic,
   * so code actions can be offered while the document's next lint runs. Findings kept by an incremental lint keep them.
   */
  private readonly fixTitlesOf = new WeakMap<Finding, string[]>();

  private lspDiagnostic(analysis: Analysis, d: EngineDiagnostic, uri: string): Diagnostic {
    let titles = d.finding && this.fixTitlesOf.get(d.finding);
    if (d.finding && !titles) this.fixTitlesOf.set(d.finding, (titles = d.finding.rule.fix ? fixesFor(analysis, d.finding).map((f) => f.title) : []));
    return toLspDiagnostic(d, !!titles?.length, uri, titles);
  }

  /**
   * A finding's diagnostic as JSON, written again only when its range changed: after a keystroke most of a big
   * spec's findings are where they were (an edit within a line moves only that line's).
   */
  private readonly jsonOf = new WeakMap<Finding, { range: Diagnostic['range']; json: string }>();

  private lspDiagnosticJson(analysis: Analysis, d: EngineDiagnostic, uri: string): string {
    const known = d.finding && this.jsonOf.get(d.finding);
    if (known && sameRange(known.range, d.range)) return known.json;
    const json = JSON.stringify(this.lspDiagnostic(analysis, d, uri));
    // Related locations (in other files) move with edits elsewhere: only the document's own findings are kept.
    if (d.finding && !d.related) this.jsonOf.set(d.finding, { range: d.range, json });
    return json;
  }

  lint(request: DocumentRequest): LintResult {
    const id = `${this.instance}:${++this.lintCount}`;
    const encoded = ({ parts, score, counts }: ReturnType<typeof withCounts>) => ({ ...this.sentDiagnostics.encode(request.document.uri, parts, id, request.diagnosticsBase), score, counts });
    if (isSecurityTxtDocument(request.document)) {
      const analysis = this.securityTxt.lint(this.documentOf(request.document), request.settings, request.config);
      return { ...encoded(withCounts(analysis.diagnostics, (d) => JSON.stringify(securityTxtLspDiagnostic(d)), undefined, request.maxDiagnostics)), others: [], files: [] };
    }
    const { analysis, score } = this.analysisOf(request);
    // Only a spec made of several files has diagnostics in other files.
    const split = analysis.files.length > 0;
    const own = split ? analysis.diagnostics.filter((d) => !d.uri) : analysis.diagnostics;
    const result = encoded(withCounts(own, (d) => this.lspDiagnosticJson(analysis, d, request.document.uri), analysis.isOpenApi ? score.score : undefined, request.maxDiagnostics));
    const byFile = new Map<string, string[]>();
    for (const d of split ? analysis.diagnostics : []) {
      if (!d.uri) continue;
      const list = byFile.get(d.uri) ?? [];
      if (list.length < request.maxDiagnostics) list.push(this.otherFileJson(analysis, d, request.document.uri));
      byFile.set(d.uri, list);
    }
    // As JSON text too: a split spec's other files hold thousands of findings, copied to the server on every keystroke.
    const root = request.document.uri;
    const last = this.othersSent.get(root);
    // The server has what this worker sent last: only the files whose findings changed travel (not 4 MB per keystroke).
    const delta = last !== undefined && request.othersBase === last.id;
    const files = new Map<string, { parts: string[]; json: string }>();
    const others: LintResult['others'] = [];
    for (const [uri, parts] of byFile) {
      const known = last?.files.get(uri);
      // The same diagnostics as last time (the very same strings, from the cache above): the same text, not a new one.
      const same = known !== undefined && known.parts.length === parts.length && known.parts.every((part, i) => part === parts[i]);
      const json = same ? known.json : `[${parts.join(',')}]`;
      files.set(uri, { parts, json });
      if (!delta || !same) others.push({ uri, diagnostics: json });
    }
    this.othersSent.set(root, { id, files });
    const removed = delta ? [...last.files.keys()].filter((uri) => !files.has(uri)) : [];
    return { ...result, others, files: analysis.files.map((f) => f.uri), othersId: id, ...(delta ? { othersDelta: { base: last.id, removed } } : {}) };
  }

  /** Per spec, what the last lint found in each other file (its parts and their JSON), under that lint's id. */
  private readonly othersSent = new Map<string, { id: string; files: Map<string, { parts: string[]; json: string }> }>();
  /** Lint ids are unique across workers (a spec may move to another one). */
  private readonly instance = Math.random().toString(36).slice(2, 10);
  private lintCount = 0;
  private readonly sentDiagnostics = new SentDiagnostics();

  /**
   * Diagnostics in a split spec's other files as JSON, by the node they are about: an unchanged file is the same
   * tree on every lint, so after a keystroke in one file the 5,000 findings of the others are neither converted nor
   * their fixes asked again (~50 ms per keystroke in DigitalOcean's spec). Reused only while they say the same.
   */
  private readonly otherJsonOf = new WeakMap<AstNode, Array<{ diagnostic: EngineDiagnostic; mainUri: string; json: string }>>();

  private otherFileJson(analysis: Analysis, d: EngineDiagnostic, mainUri: string): string {
    const node = d.finding?.node;
    if (!node) return JSON.stringify(this.lspDiagnostic(analysis, d, mainUri));
    let known = this.otherJsonOf.get(node);
    if (!known) this.otherJsonOf.set(node, (known = []));
    const same = known.find((k) => k.mainUri === mainUri && saysTheSame(k.diagnostic, d));
    if (same) return same.json;
    const json = JSON.stringify(this.lspDiagnostic(analysis, d, mainUri));
    if (known.length >= 8) known.shift();
    known.push({ diagnostic: d, mainUri, json });
    return json;
  }

  /** Specs in the workspace whose files include `uri`: a fragment opened alone is linted through them. */
  rootsReferencing(request: { uri: string; roots: string[]; overlays: Overlay[]; generation?: number }): string[] {
    const load = this.files.loader(request.roots, request.overlays, request.generation);
    return this.files.discoverRoots(request.roots).filter((root) => root !== request.uri && referencedFiles(root, load).has(request.uri));
  }

  hover(request: DocumentRequest & { position: Position; abilities: ClientAbilities }): Hover | null {
    if (isSecurityTxtDocument(request.document)) return this.securityTxtHover(request);
    const { analysis } = this.analysisOf(request);
    const point = { start: request.position, end: request.position };
    const under = analysis.diagnostics.filter((d) => touches(d.range, point));
    const key = analysis.model ? keyHoverAt(analysis.model, analysis.document.lines.offsetAt(request.position)) : undefined;
    if (under.length === 0 && !key) return null;
    const range = under.length ? under[0].range : analysis.document.lines.range(key!.offset, key!.end);
    return { contents: renderHover(under, key, (d) => isFixable(analysis, d), request.abilities.markdownHover), range };
  }

  codeActions(request: DocumentRequest & { params: CodeActionParams; abilities: ClientAbilities }): CodeAction[] {
    const document = this.documentOf(request.document);
    const target = { uri: document.uri, version: document.version, documentChanges: request.abilities.documentChanges };
    if (isSecurityTxtDocument(request.document)) {
      const analysis = this.securityTxt.current(document, request.settings, request.config);
      return securityTxtCodeActions(request.params, analysis, target, request.abilities.canDisableRules);
    }
    const { analysis } = this.analysisOf(request);
    return codeActions(request.params, { analysis, document, settings: request.settings, config: request.config, target, ...request.abilities });
  }

  private securityTxtHover(request: DocumentRequest & { position: Position; abilities: ClientAbilities }): Hover | null {
    const analysis = this.securityTxt.current(this.documentOf(request.document), request.settings, request.config);
    const point = { start: request.position, end: request.position };
    const under = analysis.diagnostics.filter((d) => touches(d.range, point));
    const field = securityTxtHoverAt(analysis, analysis.document.lines.offsetAt(request.position));
    if (under.length === 0 && !field) return null;
    const range = under.length ? under[0].range : analysis.document.lines.range(field!.offset, field!.end);
    return { contents: renderSecurityTxtHover(under, field, request.abilities.markdownHover), range };
  }

  resolveFixAll(request: DocumentRequest & { action: CodeAction; data: FixAllData; abilities: ClientAbilities }): CodeAction {
    const document = this.documentOf(request.document);
    const target = { uri: document.uri, version: document.version, documentChanges: request.abilities.documentChanges };
    return resolveFixAll(request.action, request.data, { document, settings: request.settings, config: request.config, target });
  }

  /** The CLI's report for this document, from the analysis the editor shows. */
  report(request: DocumentRequest & { format: DocumentReportParams['format'] }): DocumentReportResult | null {
    if (isSecurityTxtDocument(request.document)) return null;
    return documentReport(this.documentOf(request.document), this.analysisOf(request), request.format);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.othersSent.delete(uri);
    this.sentDiagnostics.forget(uri);
    this.securityTxt.delete(uri);
    this.documents.delete(uri);
  }

  private analysisOf(request: DocumentRequest) {
    return this.cache.current(this.documentOf(request.document, request.roots), lintContext(request, this.files));
  }

  private documentOf(snapshot: DocumentSnapshot, roots: readonly string[] = []): TextDocument {
    const known = this.documents.get(snapshot.uri);
    if (snapshot.changes) return this.edited(known, snapshot, snapshot.changes);
    const same = known && known.textId === snapshot.textId && known.document.version === snapshot.version && known.document.languageId === snapshot.languageId;
    if (same && snapshot.version >= 0) return known.document;
    const text = snapshot.text ?? this.files.read(snapshot.uri, roots) ?? '';
    const document = new PieceTextDocument(snapshot.uri, snapshot.languageId, snapshot.version, text);
    this.documents.set(snapshot.uri, { document, textId: snapshot.textId });
    return document;
  }

  /** The version the edits make of the one held, edited in place (its line index is updated, not rebuilt). */
  private edited(known: { document: PieceTextDocument; textId: number | undefined } | undefined, snapshot: DocumentSnapshot, changes: TextChanges): TextDocument {
    if (!known || known.textId !== changes.textId || known.document.version !== changes.from || known.document.languageId !== snapshot.languageId) throw new Error(OUT_OF_SYNC);
    const { document } = known;
    if (changes.from !== snapshot.version) document.update(changes.events, snapshot.version);
    if (document.getText().length !== changes.length) {
      this.documents.delete(snapshot.uri);
      throw new Error(OUT_OF_SYNC);
    }
    return document;
  }
}

function lintContext(request: DocumentRequest, files: WorkspaceFiles): LintContext {
  const documentUri = request.document.uri.startsWith('file:') ? request.document.uri : undefined;
  const load = files.loader(request.roots, request.overlays, request.generation);
  return {
    settings: request.settings,
    config: request.config,
    // Only ever asked about files inside the workspace folders (the engine checks that first).
    refs: { documentUri, roots: request.roots, fileExists: (uri) => files.exists(uri, request.generation) },
    load: documentUri ? load : undefined,
    // Other files' texts change what the analysis says: open ones by version; disk ones are re-read when they change.
    filesKey: JSON.stringify([request.overlays.map((o) => [o.uri, o.version]), request.generation, request.document.version < 0 ? Date.now() : 0]),
  };
}

/** Every file a spec reaches through `$ref`s (transitively), without linting it. */
function referencedFiles(rootUri: string, load: FileLoader): Set<string> {
  const seen = new Set<string>();
  const queue = [rootUri];
  while (queue.length) {
    const uri = queue.pop()!;
    const root = load(uri)?.root;
    if (!root) continue;
    const stack = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.kind === 'array') stack.push(...node.items);
      if (node.kind !== 'object') continue;
      for (const p of node.properties) {
        if (p.key === '$ref' && p.value?.kind === 'scalar' && typeof p.value.value === 'string' && !p.value.value.startsWith('#')) {
          try {
            const target = new URL(p.value.value.split('#')[0], uri).href;
            if (!seen.has(target)) {
              seen.add(target);
              queue.push(target);
            }
          } catch {
            // Not a URL: reported by the linter where it is written.
          }
        } else if (p.value) stack.push(p.value);
      }
    }
  }
  return seen;
}

/** Two diagnostics of the same node that would be published alike (fix titles aside: those follow from the node). */
function saysTheSame(a: EngineDiagnostic, b: EngineDiagnostic): boolean {
  if (a.code !== b.code || a.offset !== b.offset || a.end !== b.end || a.severity !== b.severity || a.message !== b.message || a.uri !== b.uri) return false;
  const x = a.related ?? [];
  const y = b.related ?? [];
  return x.length === y.length && x.every((r, i) => r.uri === y[i].uri && r.message === y[i].message && sameRange(r.range, y[i].range));
}

function isFixable(analysis: Analysis, d: EngineDiagnostic): boolean {
  return !!d.finding && !!d.finding.rule.fix && fixesFor(analysis, d.finding).length > 0;
}

/**
 * Counts every problem by severity; converts (and sends) only the first `max` and a summary, as converting
 * thousands costs on each keystroke. `convert` gives a diagnostic's JSON.
 */
function withCounts<T extends { severity: Severity }>(all: readonly T[], convert: (problem: T) => string, score: number | undefined, max: number): { parts: string[]; score: number | undefined; counts: LintResult['counts'] } {
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of all) counts[d.severity]++;
  const parts = all.slice(0, max).map(convert);
  if (all.length > max) parts.push(JSON.stringify(tooMany(all.length, max)));
  return { parts, score, counts };
}

function tooMany(total: number, max: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 2,
    code: TOO_MANY_FINDINGS_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: `${total - max} more problems are not shown: the editor shows the first ${max} of ${total}. Run \`openapi-security lint\` for the full list.`,
  };
}
