import type { AstNode, ScalarNode } from '../server/src/engine/ast';
import type { TextEdit } from '../server/src/engine/edit/textEdit';
import type { ParsedDocument } from '../server/src/engine/parse';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

/** The `user:password@` part of an absolute or scheme-relative URL's authority, up to its last `@` as WHATWG URL parsers read it. */
const URL_USERINFO = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#]*@)/i;
/** OAS2 `host` is an authority without a scheme. */
const HOST_USERINFO = /^([^/?#]*@)/;

/** Where the userinfo sits in the value, or undefined when there is none. */
function userinfoSpan(value: string, isHost: boolean): { start: number; end: number } | undefined {
  const match = (isHost ? HOST_USERINFO : URL_USERINFO).exec(value);
  if (!match) return undefined;
  const end = match.index + match[0].length;
  return { start: end - match[1].length, end };
}

/** Deletes the userinfo from a plain or quoted scalar whose text is the value verbatim (no escapes). */
function removeUserinfo(document: ParsedDocument, node: AstNode, isHost: boolean): TextEdit | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || node.style === 'block') return undefined;
  const span = userinfoSpan(node.value, isHost);
  if (!span) return undefined;
  const quote = node.style === 'plain' ? 0 : 1;
  const source = document.text.slice(node.offset + quote, node.end - quote);
  if (source !== node.value) return undefined;
  return { offset: node.offset + quote + span.start, end: node.offset + quote + span.end, newText: '' };
}

export default defineRule({
  id: 'owasp:api8:2023-server-url-credentials',
  title: 'Credentials embedded in a server URL',
  owasp: 'API8:2023',
  cwe: [798, 522],
  topics: ['credential-protection'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Server URL embeds credentials (user:password@host). Remove them and use a security scheme.',
  docs: {
    summary:
      'A `servers[].url` (root, path or operation level, also after substituting server-variable defaults) or an OpenAPI 2.0 `host` contains userinfo (`https://user:secret@api.example.com`). Only the authority counts: an `@` in the path (`https://example.com/@team`) is not userinfo and is not reported.',
    why:
      'An OpenAPI document is published, committed, pasted into tools and turned into SDKs: credentials in its URLs leak with it, and URLs with userinfo also end up in logs, proxies and browser history. RFC 3986 deprecates the `user:password` form for exactly this reason.',
    howToFix: 'Remove the userinfo from the URL, rotate the exposed secret, and describe authentication with a security scheme so clients send credentials in headers.',
    example: 'servers:\n  - url: https://api.example.com/v1\ncomponents:\n  securitySchemes:\n    basicAuth:\n      type: http\n      scheme: basic',
    references: [
      { title: 'OWASP API8:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { title: 'RFC 3986 §3.2.1 User Information', url: 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1' },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const server of model.servers()) {
      if (userinfoSpan(String(server.urlNode.value), false) || userinfoSpan(server.resolvedUrl, false)) report({ node: server.urlNode, highlight: 'value' });
    }
    const host: ScalarNode | undefined = model.oas2Host().host;
    if (host && typeof host.value === 'string' && userinfoSpan(host.value, true)) {
      report({ node: host, highlight: 'value', message: 'Host embeds credentials (user:password@host). Remove them and use a security definition.', data: { host: true } });
    }
  },
  fix({ document, finding }) {
    const edit = removeUserinfo(document, finding.node, finding.data?.host === true);
    return edit ? [{ title: 'Remove the credentials from the URL', edits: [edit], isPreferred: true }] : [];
  },
});
