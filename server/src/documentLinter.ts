import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatFor, lintText, type Analysis, type SourceFormat } from './engine';
import type { Settings } from './protocol';

export interface CachedAnalysis {
  version: number;
  settings: Settings;
  analysis: Analysis;
}

/** YAML or JSON from the language id other editors send (`yaml`, `json`, `openapi-yaml`...), else the file name. */
export function documentFormat(document: TextDocument): SourceFormat {
  const language = document.languageId.toLowerCase();
  if (language.includes('json')) return 'json';
  if (language.includes('yaml')) return 'yaml';
  return formatFor(document.uri.replace(/[?#].*$/, ''), document.getText());
}

/**
 * Lints documents and remembers the last analysis per document version, so hovers and
 * code actions reuse it instead of linting again.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, CachedAnalysis>();

  lint(document: TextDocument, settings: Settings): CachedAnalysis {
    const analysis = lintText(document.getText(), { format: documentFormat(document), overrides: settings.rules });
    const entry = { version: document.version, settings, analysis };
    this.entries.set(document.uri, entry);
    return entry;
  }

  /** The analysis of exactly this version, linting now if the cache is behind. */
  current(document: TextDocument, settings: Settings): CachedAnalysis {
    const entry = this.entries.get(document.uri);
    return entry && entry.version === document.version && entry.settings === settings ? entry : this.lint(document, settings);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
