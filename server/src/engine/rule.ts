import type { AstNode, PathSegment } from './ast';
import type { TextEdit } from './edit/textEdit';
import type { SourceFile } from './model/refs';
import type { OpenApiModel } from './model/openApiModel';
import type { OpenApiVersion } from './model/version';
import type { OwaspCategory } from './owasp';
import type { SecurityTopic } from './reference/compliance';
import type { ParsedDocument } from './parse';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export interface Reference {
  title: string;
  url: string;
}

/** A rule's documentation: one source for hovers, the README table and the CLI. */
export interface RuleDocs {
  /** What the rule detects, one sentence. */
  summary: string;
  /** Why it matters: the attack it enables. */
  why: string;
  /** How to fix it, in words. */
  howToFix: string;
  /** A short YAML example of the fixed form. */
  example?: string;
  references?: Reference[];
  /** Where and why we deliberately differ from @stoplight/spectral-owasp-ruleset. */
  divergences?: Divergence[];
}

/**
 * A deliberate difference from @stoplight/spectral-owasp-ruleset. The differential test
 * runs both on fixtures and real specs; every place where one reports and the other does
 * not must be recognised by some divergence's `explains`, or the test fails.
 */
export interface Divergence {
  /** What we do differently, and why: shown in the rule's docs. */
  reason: string;
  /** Recognises the disagreements this divergence accounts for (absent: documentation only). */
  explains?(disagreement: Disagreement): boolean;
}

export interface Disagreement {
  /** `only-ours`: we report where upstream does not; `only-upstream`: the reverse. */
  side: 'only-ours' | 'only-upstream';
  /** The JSON path reported, in the document as written. */
  path: PathSegment[];
  /** The node at that path (refs not followed), if it exists. */
  node: AstNode | undefined;
  message: string;
  model: OpenApiModel;
}

export interface RuleReport {
  /** The node the finding is about; its JSON path is reported. */
  node: AstNode;
  /** Underline the node's property name (default) or its value. */
  highlight?: 'key' | 'value';
  /** Underline this node instead (its key, or its value with `highlight: 'value'`), when what the user must change sits inside `node`. */
  underline?: AstNode;
  message?: string;
  /** Anything the rule's fix needs to know later. */
  data?: Record<string, unknown>;
}

export interface RuleContext {
  model: OpenApiModel;
  report(report: RuleReport): void;
}

export interface Finding {
  rule: Rule;
  message: string;
  severity: Severity;
  node: AstNode;
  offset: number;
  end: number;
  path: PathSegment[];
  data?: Record<string, unknown>;
  /** Set when the node lives in another file of a multi-file spec: offsets and path are in that file. */
  file?: SourceFile;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The obvious fix, applied by "auto fix" gestures. */
  isPreferred?: boolean;
  /**
   * 'node': the edits touch only the finding's own node, so the fix also applies when that node lives in
   * another file of a multi-file spec (other fixes are offered only in the file that was linted).
   */
  scope?: 'node';
}

/**
 * `'path-item'` promises that a finding inside a path item depends only on that path item and on content
 * outside `paths` (the edited item is checked with a model that holds it alone), and that findings outside
 * `paths` depend on `paths` only through `pathsContext`. The equivalence tests hold rules to this.
 */
export interface IncrementalScope {
  scope: 'path-item';
  /**
   * Everything about `paths` that this rule's findings outside `paths` read (a component schema's users...),
   * compared element by element before and after an edit; a difference re-runs the rule on the whole document.
   */
  pathsContext?(model: OpenApiModel): readonly unknown[];
}

export interface FixContext {
  model: OpenApiModel;
  document: ParsedDocument;
  finding: Finding;
}

export interface Rule {
  /** The code users see and configure: @stoplight/spectral-owasp-ruleset's where one exists. */
  id: string;
  title: string;
  owasp: OwaspCategory;
  cwe: number[];
  /** What the rule protects; the compliance controls it supports follow from these (reference/compliance.ts). */
  topics: SecurityTopic[];
  severity: Severity;
  versions: readonly OpenApiVersion[];
  /** Default message when a report does not give its own. */
  message: string;
  docs: RuleDocs;
  check(context: RuleContext): void;
  /**
   * Lets an edit inside one path item re-run this rule on that path item alone (engine/incremental) instead
   * of the whole document. Absent: the rule re-runs on the whole document after every edit, always correct.
   */
  incremental?: IncrementalScope;
  /** Safe edits that resolve a finding; an empty list when the text around it cannot be edited safely. */
  fix?(context: FixContext): Fix[];
}

/** Identity helper that gives rule files full type checking. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
