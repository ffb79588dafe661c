import { asObject, child, stringValue, type AstNode } from '../server/src/engine/ast';
import type { TextEdit } from '../server/src/engine/edit/textEdit';
import type { ParsedDocument } from '../server/src/engine/parse';
import { defineRule, type Fix } from '../server/src/engine/rule';
import { isLoopbackUrl } from '../server/src/engine/model/urls';


/** Turns the `http:` at the start of a string scalar into `https:`, touching only those characters. */
export function httpsEdit(document: ParsedDocument, node: AstNode): TextEdit | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || !/^http:/i.test(node.value)) return undefined;
  const source = document.text.slice(node.offset, node.end);
  const at = source.search(/http:/i);
  if (at < 0 || at > 1) return undefined; // only a bare or quoted scalar, never an escape sequence
  return { offset: node.offset + at, end: node.offset + at + 4, newText: 'https' };
}

export default defineRule({
  id: 'owasp:api8:2023-no-server-http',
  title: 'Server URL uses plain http',
  owasp: 'API8:2023',
  cwe: [319],
  topics: ['transport-encryption'],
  severity: 'error',
  versions: ['3.0', '3.1'],
  message: 'Server URLs must not use http://. Use https:// or wss:// instead.',
  docs: {
    summary: 'A `servers[].url` (root, path or operation level) starts with `http://`, directly or through a server variable\'s default.',
    why:
      'Plain HTTP sends tokens, API keys and personal data in clear text: anyone on the network path (public Wi-Fi, a compromised router, a proxy) can read and alter requests and responses, and steal credentials to replay them.',
    howToFix: 'Serve the API over TLS 1.2+ (RFC 9325) and list only `https://` (or `wss://`) URLs; send HSTS (RFC 6797) so clients never downgrade.',
    example: 'servers:\n  - url: https://api.example.com/v1',
    references: [
      { title: 'OWASP API8:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { title: 'RFC 9325: Recommendations for Secure Use of TLS', url: 'https://www.rfc-editor.org/rfc/rfc9325' },
      { title: 'RFC 6797: HTTP Strict Transport Security', url: 'https://www.rfc-editor.org/rfc/rfc6797' },
    ],
    divergences: [
      {
        reason: 'Loopback servers (`http://localhost`, `127.0.0.1`, `[::1]`) are not reported: that traffic never leaves the machine.',
        explains: (d) => d.side === 'only-upstream' && isLoopbackUrl(stringValue(d.node) ?? ''),
      },
      {
        reason: 'Servers declared on path items and operations are checked too; upstream only reads the root `servers`.',
        explains: (d) => d.side === 'only-ours' && d.path[0] === 'paths',
      },
      {
        reason: 'A URL such as `{scheme}://api.example.com` whose variable defaults to `http` is reported, and the check is case-insensitive (`HTTP://`); upstream only matches a literal lower-case `http:`.',
        explains: (d) => d.side === 'only-ours' && !/^http:/.test(stringValue(d.node) ?? ''),
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const server of model.servers()) {
      if (/^http:/i.test(server.resolvedUrl) && !isLoopbackUrl(server.resolvedUrl)) report({ node: server.urlNode, highlight: 'value' });
    }
  },
  fix({ document, finding }) {
    const direct = httpsEdit(document, finding.node);
    if (direct) return [fix(direct)];
    // `{scheme}://host`: switch the variable's default instead.
    const url = finding.node.kind === 'scalar' ? String(finding.node.value) : '';
    const variable = /^\{([^}]+)\}/.exec(url)?.[1];
    const server = finding.node.parent;
    const defaultNode = variable ? child(child(asObject(child(server, 'variables')), variable), 'default') : undefined;
    const viaDefault = defaultNode && defaultNode.kind === 'scalar' && String(defaultNode.value).toLowerCase() === 'http'
      ? { offset: defaultNode.offset + (defaultNode.style === 'plain' ? 0 : 1), end: defaultNode.offset + (defaultNode.style === 'plain' ? 4 : 5), newText: 'https' }
      : undefined;
    return viaDefault ? [fix(viaDefault)] : [];
  },
});

function fix(edit: TextEdit): Fix {
  return { title: 'Switch the server URL to https', edits: [edit], isPreferred: true };
}
