import { stringValue } from '../server/src/engine/ast';
import { removeArrayItem } from '../server/src/engine/edit/structuralEdits';
import { defineRule } from '../server/src/engine/rule';

const SECURE: Record<string, string> = { http: 'https', ws: 'wss' };

export default defineRule({
  id: 'owasp:api8:2023-no-scheme-http',
  title: 'Plain http in OpenAPI 2.0 schemes',
  owasp: 'API8:2023',
  cwe: [319],
  topics: ['transport-encryption'],
  severity: 'error',
  versions: ['2.0'],
  message: 'Server schemes must not use http. Use https or wss instead.',
  docs: {
    summary: 'An OpenAPI 2.0 `schemes` list (root or operation) contains `http` or `ws`.',
    why:
      'Plain HTTP and WebSocket traffic is readable and modifiable by anyone on the network path: credentials, tokens and personal data leak, and responses can be tampered with.',
    howToFix: 'Offer only `https` (and `wss`), with TLS 1.2+ (RFC 9325) and HSTS (RFC 6797).',
    example: 'schemes:\n  - https',
    references: [
      { title: 'OWASP API8:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { title: 'RFC 9325: Recommendations for Secure Use of TLS', url: 'https://www.rfc-editor.org/rfc/rfc9325' },
    ],
    divergences: [
      {
        reason: 'Operation-level `schemes` are checked as well as the root list, and values are compared case-insensitively.',
        explains: (d) => d.side === 'only-ours' && (d.path[0] === 'paths' || String(stringValue(d.node)) !== String(stringValue(d.node)).toLowerCase()),
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const entry of model.schemeEntries()) {
      const secure = SECURE[entry.value.toLowerCase()];
      if (secure) report({ node: entry.node, highlight: 'value', data: { secure } });
    }
  },
  fix({ document, finding }) {
    const node = finding.node;
    const list = node.parent;
    const secure = String(finding.data?.secure ?? 'https');
    if (node.kind !== 'scalar' || !list || list.kind !== 'array') return [];
    const alreadyThere = list.items.some((item) => item.kind === 'scalar' && String(item.value).toLowerCase() === secure);
    if (alreadyThere) {
      const edit = removeArrayItem(document, list, list.items.indexOf(node));
      return edit ? [{ title: `Remove ${String(node.value)} (${secure} is already listed)`, edits: [edit], isPreferred: true }] : [];
    }
    const source = document.text.slice(node.offset, node.end);
    const at = source.toLowerCase().indexOf(String(node.value).toLowerCase());
    if (at < 0 || at > 1) return [];
    const edit = { offset: node.offset + at, end: node.offset + at + String(node.value).length, newText: secure };
    return [{ title: `Replace ${String(node.value)} with ${secure}`, edits: [edit], isPreferred: true }];
  },
});
