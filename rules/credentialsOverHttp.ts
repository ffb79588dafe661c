import { asArray, child, scalarText, stringValue, type AstNode } from '../server/src/engine/ast';
import type { OpenApiModel, Operation, SecurityScheme, Server } from '../server/src/engine/model/openApiModel';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { entriesOf } from './undefinedSecurityScheme';
import { isLoopbackUrl } from '../server/src/engine/model/urls';

/** Unencrypted transports (loopback URLs are let through, as by no-server-http: that traffic never leaves the machine). */
const PLAIN_HTTP = /^(http|ws):/i;

/** What a scheme puts on the wire, when that is a reusable credential; undefined otherwise. */
function credentialKind(model: OpenApiModel, scheme: SecurityScheme): string | undefined {
  if (scheme.type === 'apiKey') return 'API key';
  if (model.isOas2) return scheme.type === 'basic' ? 'HTTP Basic password' : undefined;
  if (scheme.type !== 'http') return undefined;
  const name = stringValue(child(scheme.node, 'scheme'))?.trim().toLowerCase();
  return name === 'basic' ? 'HTTP Basic password' : name === 'digest' ? 'HTTP Digest response' : name === 'bearer' ? 'bearer token' : undefined;
}

/** The plain-http base URLs an operation is served from (OpenAPI's override order). */
function plainHttpUrls(model: OpenApiModel, operation: Operation, byUrlNode: Map<AstNode, Server>): string[] {
  if (model.isOas2) {
    const own = asArray(child(operation.node, 'schemes'));
    const schemes = own ?? asArray(child(model.root, 'schemes'));
    const { host, basePath } = model.oas2Host();
    const hostText = scalarText(host) ?? '';
    const plain = (schemes?.items ?? []).some((s) => /^(http|ws)$/i.test(stringValue(s)?.trim() ?? ''));
    const url = `http://${hostText}${basePath}`;
    return plain && !(hostText && isLoopbackUrl(url)) ? [hostText ? url : `http://<document host>${basePath}`] : [];
  }
  // An empty `servers` list counts as absent at every level (the root default is `/`).
  const nonEmpty = (node: AstNode | undefined) => {
    const list = asArray(node);
    return list && list.items.length > 0 ? list : undefined;
  };
  const list = nonEmpty(child(operation.node, 'servers')) ?? nonEmpty(child(operation.pathItem, 'servers')) ?? nonEmpty(child(model.root, 'servers'));
  const urls: string[] = [];
  for (const item of list?.items ?? []) {
    const urlNode = child(item, 'url');
    const server = urlNode && byUrlNode.get(urlNode);
    if (server && PLAIN_HTTP.test(server.resolvedUrl) && !isLoopbackUrl(server.resolvedUrl)) urls.push(server.resolvedUrl);
  }
  return urls;
}

export default defineRule({
  id: 'owasp:api2:2023-credentials-over-http',
  title: 'Credentials sent over plain http',
  owasp: 'API2:2023',
  cwe: [319, 523],
  topics: ['credential-protection', 'transport-encryption'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Credentials are sent over plain http.',
  docs: {
    summary:
      'An API key or an HTTP Basic, Digest or Bearer credential is required by operations served from a plain-http (or `ws`) server (OAS3 `servers` at root, path or operation level; OAS2 `schemes` containing `http` or `ws`).',
    why:
      'Whoever sits on the network path (public Wi-Fi, a compromised router, a corporate proxy) reads the credential from the request and replays it: an API key or password grants lasting access, a bearer token access until it expires. This is the concrete consequence of a plain-http server for an authenticated API.',
    howToFix: 'Serve these operations over HTTPS only (list only `https://` servers; OAS2 `schemes: [https]`), with HSTS so clients never downgrade, and rotate any credential that has been sent in clear text.',
    example: 'servers:\n  - url: https://api.example.com\nsecurity:\n  - apiKey: []',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'CWE-523: Unprotected Transport of Credentials', url: 'https://cwe.mitre.org/data/definitions/523.html' },
      { title: 'RFC 9325: Recommendations for Secure Use of TLS', url: 'https://www.rfc-editor.org/rfc/rfc9325' },
    ],
    divergences: [
      {
        reason:
          'New rule (upstream has none). Reported at the scheme\'s name in the security requirement that puts it in force (root or operation `security`), once per scheme and server URL, the servers it reaches listed in the message; the http server itself is no-server-http\'s (no-scheme-http\'s) finding. To keep false positives down, unlike scanners that flag every Basic scheme, a scheme counts only when an operation actually requires it and that operation\'s effective servers (operation, then path, then root) include a non-loopback `http://` URL; an OAS2 `host` on loopback is skipped the same way.',
      },
    ],
  },
  check({ model, report }) {
    const servers = model.servers();
    // Operations are served only from these (OpenAPI 3): with none over plain http, no operation is (and no walk of them all).
    if (!model.isOas2 && !servers.some((s) => PLAIN_HTTP.test(s.resolvedUrl) && !isLoopbackUrl(s.resolvedUrl))) return;
    const schemes = new Map(model.securitySchemes().map((s) => [s.name, s]));
    const byUrlNode = new Map<AstNode, Server>(servers.map((s) => [s.urlNode, s]));
    const reportedPairs = new Set<string>();
    // Servers per requirement key, so a key shared by many operations gets one finding.
    const byKey = new Map<AstNode, { name: string; kind: string; urls: string[] }>();
    for (const operation of model.operations()) {
      const entries = entriesOf(asArray(operation.security.node));
      if (entries.length === 0) continue;
      const urls = plainHttpUrls(model, operation, byUrlNode);
      if (urls.length === 0) continue;
      for (const entry of entries) {
        const scheme = schemes.get(entry.name);
        const kind = scheme && credentialKind(model, scheme);
        if (!kind) continue;
        for (const url of urls) {
          const pair = `${entry.name}\u0000${url.toLowerCase()}`;
          if (reportedPairs.has(pair)) continue;
          reportedPairs.add(pair);
          const group = byKey.get(entry.value) ?? { name: entry.name, kind, urls: [] };
          group.urls.push(url);
          byKey.set(entry.value, group);
        }
      }
    }
    for (const [node, { name, kind, urls }] of byKey) {
      report({ node, message: `The ${kind} of '${name}' is sent over plain http: ${urls.join(', ')}. Serve these operations over https only.` });
    }
  },
});
