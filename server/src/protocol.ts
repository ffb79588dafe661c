/**
 * What the VS Code client and the language server agree on. The client imports only
 * this module from the server, so it must stay free of engine and LSP imports.
 */
export const SERVER_ID = 'openapiSecurity';
export const SERVER_NAME = 'OpenAPI Security';
export const CONFIG_SECTION = 'openapiSecurity';
export const DIAGNOSTIC_SOURCE = 'openapi-security';

/** The language of security.txt files (RFC 9116), contributed by the extension. */
export const SECURITY_TXT_LANGUAGE = 'securitytxt';

/** Languages whose documents the server looks at; it reports only on OpenAPI documents and security.txt files. */
export const DOCUMENT_LANGUAGES = ['yaml', 'json', 'jsonc', SECURITY_TXT_LANGUAGE] as const;

export type RuleSetting = 'error' | 'warning' | 'info' | 'hint' | 'off';

export type RunSetting = 'onType' | 'onSave';

/** The `openapiSecurity` settings section (package.json contributes the same keys and defaults; a test checks). */
export interface Settings {
  enable: boolean;
  /** Per-rule severity overrides keyed by rule code. */
  rules: Record<string, RuleSetting>;
  /** Lint as you type (after `debounceMs`), or only when the document is opened and saved. */
  run: RunSetting;
  /** Documents larger than this are linted on open and save only, whatever `run` says. */
  maxFileSizeMB: number;
  spectral: {
    /**
     * A Spectral ruleset file (absolute, or relative to the document's workspace folder). Empty: the nearest
     * `.spectral.yaml|.yml|.json|.js|.mjs` beside the document or in a parent folder up to the workspace folder.
     */
    ruleset: string;
  };
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, run: 'onType', maxFileSizeMB: 5, spectral: { ruleset: '' } };

/** Options other editors can pass in `initializationOptions`. */
export interface InitializationOptions {
  /** Settings to use when the client cannot answer `workspace/configuration`. */
  settings?: Partial<Settings>;
  /** Delay between the last keystroke and a lint, in milliseconds (default 200). */
  debounceMs?: number;
  /**
   * How long a document's lint runs before the server reports it as window progress (`window/workDoneProgress`,
   * for clients that support it), in milliseconds (default 500).
   */
  progressDelayMs?: number;
  /** Client commands the server may put in code actions (our VS Code client: DISABLE_RULE_COMMAND). */
  clientCommands?: string[];
  /** Diagnostics published per document at most (default 1000); the rest is summarised in one diagnostic. */
  maxDiagnostics?: number;
  /** Limits of one lint (or hover, code action) in the lint worker; beyond them it is stopped with a diagnostic. */
  limits?: { lintTimeoutMs?: number; lintMemoryMb?: number; workers?: number; spectralTimeoutMs?: number; spectralMemoryMb?: number };
  /**
   * Whether the workspace is trusted to run its own code (VS Code: `workspace.isTrusted`). Default false:
   * only declarative Spectral rulesets (YAML/JSON, no custom functions, no npm packages) run.
   */
  workspaceTrusted?: boolean;
}

/** Client → server, no params: the user trusted the workspace; JavaScript Spectral rulesets may run from now on. */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'openapiSecurity/workspaceTrusted';

/** Spectral ruleset files, watched like the config file (a change re-runs them). */
export const SPECTRAL_RULESET_GLOB = '**/.spectral.{yaml,yml,json,js,mjs}';

/** The `source` of diagnostics from the user's own Spectral ruleset. */
export const SPECTRAL_DIAGNOSTIC_SOURCE = 'spectral';

export const DEFAULT_DEBOUNCE_MS = 200;

/** Code action kind of "fix all" (usable in `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.openapiSecurity';

/** Client-side command that turns a rule off in the workspace settings (arguments: [ruleId]). */
export const DISABLE_RULE_COMMAND = 'openapiSecurity.disableRule';

/** Commands of the VS Code client (package.json `contributes.commands` lists the same ids). */
export const FIX_ALL_COMMAND = 'openapiSecurity.fixAll';
export const SHOW_REPORT_COMMAND = 'openapiSecurity.showReport';
export const RESTART_SERVER_COMMAND = 'openapiSecurity.restartServer';
export const SHOW_OUTPUT_COMMAND = 'openapiSecurity.showOutput';

/**
 * Request: the security report of one open document, rendered by the same code as the CLI's
 * `report` command. Answers null for a document that is not open, not OpenAPI or not linted.
 */
export const DOCUMENT_REPORT_REQUEST = 'openapiSecurity/documentReport';

export interface DocumentReportParams {
  uri: string;
  /** `html`: one self-contained page (inline CSS and SVG, no scripts); `markdown`: the CLI's markdown. */
  format: 'html' | 'markdown';
}

export interface DocumentReportResult {
  uri: string;
  /** The document version the report describes. */
  version: number;
  format: DocumentReportParams['format'];
  score: number;
  content: string;
}

/** The `data` attached to each published diagnostic. */
export interface DiagnosticData {
  ruleId: string;
  fixable: boolean;
  /** The titles of the finding's quick fixes, as its code actions will offer them. */
  fixes?: string[];
}

/**
 * Sent by the server after each publish of diagnostics, so clients can show the document's
 * security score (0-100, see the README for the formula).
 */
export const DOCUMENT_SCORE_NOTIFICATION = 'openapiSecurity/documentScore';

export interface DocumentScoreParams {
  uri: string;
  version: number | undefined;
  /** False for documents that are not OpenAPI (or not linted): clients hide the score. */
  isOpenApi: boolean;
  /** 100 when nothing was found. */
  score: number;
  /** Published diagnostics by severity. */
  counts: { error: number; warning: number; info: number; hint: number };
}

/** Files a multi-file spec can be made of: clients report their changes (workspace/didChangeWatchedFiles). */
export const SPEC_FILES_GLOB = '**/*.{yaml,yml,json}';

/** The shared config file, read from the document's workspace folder. */
export const CONFIG_FILE = '.openapi-security.yaml';
