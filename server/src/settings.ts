import type { Connection } from 'vscode-languageserver';
import { SEVERITIES } from './engine';
import { CONFIG_SECTION, DEFAULT_SETTINGS, type InitializationOptions, type RuleSetting, type RunSetting, type Settings } from './protocol';

/** Accepts whatever a client sends and keeps only well-formed values: bad settings never break linting. */
export function normalizeSettings(raw: unknown): Settings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, level] of Object.entries(value.rules as Record<string, unknown>)) {
      const normalized = typeof level === 'string' ? level.toLowerCase().replace(/^information$/, 'info') : level;
      if (normalized === 'off' || SEVERITIES.includes(normalized as never)) rules[id] = normalized as RuleSetting;
    }
  }
  const run: RunSetting = value.run === 'onSave' || value.run === 'onType' ? value.run : DEFAULT_SETTINGS.run;
  const size = value.maxFileSizeMB;
  const maxFileSizeMB = typeof size === 'number' && Number.isFinite(size) && size > 0 ? size : DEFAULT_SETTINGS.maxFileSizeMB;
  const spectral = (value.spectral && typeof value.spectral === 'object' ? value.spectral : {}) as Record<string, unknown>;
  const ruleset = typeof spectral.ruleset === 'string' ? spectral.ruleset.trim() : DEFAULT_SETTINGS.spectral.ruleset;
  return { enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable, rules, run, maxFileSizeMB, spectral: { ruleset } };
}

/**
 * Whether an edit should trigger a lint. When it should not (run: onSave, or a document above
 * maxFileSizeMB), the document is linted on open and save only.
 */
export function lintsOnType(settings: Settings, textLength: number): boolean {
  return settings.run === 'onType' && !isOversized(settings, textLength);
}

/** Characters, not bytes: close enough for a size guard, and free to compute. */
export function isOversized(settings: Settings, textLength: number): boolean {
  return textLength > settings.maxFileSizeMB * 1024 * 1024;
}

/**
 * Settings per document: pulled with `workspace/configuration` when the client supports
 * it (cached until `didChangeConfiguration`), otherwise pushed settings or defaults.
 */
export class SettingsStore {
  private readonly perDocument = new Map<string, Promise<Settings>>();
  private pushed: Settings;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    initial: unknown,
  ) {
    this.pushed = normalizeSettings(initial);
  }

  get(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let settings = this.perDocument.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: CONFIG_SECTION })
        .then((raw) => (raw === null || raw === undefined ? this.pushed : normalizeSettings(raw)), () => this.pushed);
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  /** `workspace/didChangeConfiguration`: drop what was pulled; keep what was pushed. */
  changed(pushedSection: unknown): void {
    this.perDocument.clear();
    if (pushedSection && typeof pushedSection === 'object') this.pushed = normalizeSettings(pushedSection);
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }
}

/** Numbers from `initializationOptions` (a client may send anything). */
export function positive(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

export function positiveNumbers(limits: InitializationOptions['limits']): Partial<{ timeoutMs: number; memoryMb: number }> {
  const picked: Partial<{ timeoutMs: number; memoryMb: number }> = {};
  if (typeof limits?.lintTimeoutMs === 'number' && limits.lintTimeoutMs > 0) picked.timeoutMs = limits.lintTimeoutMs;
  if (typeof limits?.lintMemoryMb === 'number' && limits.lintMemoryMb > 0) picked.memoryMb = limits.lintMemoryMb;
  return picked;
}
