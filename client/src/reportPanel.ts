import { ViewColumn, window, type WebviewPanel } from 'vscode';
import type { DocumentReportResult } from '../../server/src/protocol';

let panel: WebviewPanel | undefined;

/**
 * Shows the server's HTML report (the CLI's `report` page) in one reused webview. The page has
 * no scripts; the CSP forbids them and any fetch anyway, and links open in the browser.
 */
export function showReportPanel(report: DocumentReportResult, title: string): WebviewPanel {
  if (!panel) {
    panel = window.createWebviewPanel('openapiSecurity.report', title, { viewColumn: ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, enableFindWidget: true });
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.title = title;
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">`;
  panel.webview.html = report.content.replace(/<head>/i, `<head>${csp}`);
  panel.reveal(ViewColumn.Beside, true);
  return panel;
}
