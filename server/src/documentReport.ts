import type { TextDocument } from 'vscode-languageserver-textdocument';
import { renderReport } from './cli/report';
import type { FileResult } from './cli/lintFiles';
import type { CachedAnalysis } from './documentLinter';
import { displayName } from './displayName';
import type { DocumentReportParams, DocumentReportResult } from './protocol';

/**
 * The CLI's report for one open document, built from the analysis the editor already shows,
 * so the report, the diagnostics and the status bar score cannot disagree.
 */
export function documentReport(document: TextDocument, cached: CachedAnalysis, format: DocumentReportParams['format']): DocumentReportResult | null {
  if (!cached.analysis.isOpenApi) return null;
  const text = document.getText();
  const file = displayName(document.uri);
  const findings = cached.analysis.diagnostics.map((d) => ({ file, code: d.code, message: d.message, severity: d.severity, range: d.range, path: d.path, snippet: text.slice(d.offset, d.end) }));
  const result: FileResult = { file, findings, score: cached.score };
  return { uri: document.uri, version: document.version, format, score: cached.score.score, content: renderReport([result], format) };
}
