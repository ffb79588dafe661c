import { child, stringValue, type ObjectNode } from '../server/src/engine/ast';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

/** A description that says the server is not production: then a private host is the point. */
const NON_PRODUCTION = /\b(local|localhost|dev|develop|development|test|testing|staging|stage|sandbox|qa|mock|internal)\b/i;
const PRIVATE_NAME = /(^|\.)(localhost|local|internal)$/;

/** The host of an absolute or scheme-relative URL (the scheme may be a `{variable}`), brackets removed from IPv6 literals. */
export function hostOf(url: string): string | undefined {
  const match = /^(?:(?:[a-z][a-z0-9+.-]*|\{[^}]*\}):)?\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)/i.exec(url);
  return match ? match[1].replace(/^\[|\]$/g, '') : undefined;
}

function isPrivateIpv4(host: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return false;
  const [a, b] = [Number(match[1]), Number(match[2])];
  if (match.slice(1).some((octet) => Number(octet) > 255)) return false;
  return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

/** Loopback, private (RFC 1918, RFC 4193), link-local and reserved local names. */
export function isPrivateHost(rawHost: string): boolean {
  const host = rawHost.toLowerCase().replace(/\.$/, '');
  if (PRIVATE_NAME.test(host) || isPrivateIpv4(host)) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (mapped) return isPrivateIpv4(mapped[1]);
  return host === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
}

function markedInternal(node: ObjectNode | undefined): boolean {
  const flag = child(node, 'x-internal');
  return flag?.kind === 'scalar' && (flag.value === true || flag.value === 'true');
}

export default defineRule({
  id: 'owasp:api8:2023-server-private-host',
  title: 'Server points at a private or local host',
  owasp: 'API8:2023',
  cwe: [200],
  topics: ['inventory'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Server URL points at a private, link-local or loopback host.',
  docs: {
    summary:
      'A `servers[].url` (after substituting variable defaults) or an OpenAPI 2.0 `host` names a loopback, private or link-local address (127/8, 0/8, 10/8, 172.16/12, 192.168/16, 169.254/16, ::1, fc00::/7, fe80::/10) or a local name (`localhost`, `*.local`, `*.internal`). It stays quiet when the server says it is not production: `x-internal: true` on the server (or, for 2.0, at the root), or a description with local, dev, development, test, staging, sandbox, QA, mock or internal; and when the host is itself a server variable (`https://{host}:8443`), which self-hosted products use on purpose.',
    why:
      'A published document that lists internal hosts maps the private network for an attacker (names, addresses, ports) and shows which environment the spec was generated from; clients and SDKs generated from it point at the wrong place, and gateways importing it may route to internal services.',
    howToFix: 'List the public production URL; move development servers into a separate, unpublished document, or label them (`description: Local development`, `x-internal: true`).',
    example: "servers:\n  - url: https://api.example.com/v1\n  - url: http://localhost:8080/v1\n    description: Local development",
    references: [
      { title: 'OWASP API8:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { title: 'OWASP API9:2023 Improper Inventory Management', url: 'https://owasp.org/API-Security/editions/2023/en/0xa9-improper-inventory-management/' },
      { title: 'RFC 1918: Address Allocation for Private Internets', url: 'https://www.rfc-editor.org/rfc/rfc1918' },
      { title: 'RFC 6761: Special-Use Domain Names', url: 'https://www.rfc-editor.org/rfc/rfc6761' },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const server of model.servers()) {
      // A host (or whole URL) left to a server variable is meant to be filled in by whoever deploys it.
      const raw = String(server.urlNode.value);
      const rawHost = hostOf(raw);
      if (rawHost === undefined ? raw.startsWith('{') : rawHost.includes('{')) continue;
      const host = hostOf(server.resolvedUrl);
      if (!host || !isPrivateHost(host) || markedInternal(server.node)) continue;
      if (NON_PRODUCTION.test(stringValue(child(server.node, 'description')) ?? '')) continue;
      report({ node: server.urlNode, highlight: 'value' });
    }
    const host = model.oas2Host().host;
    const name = host && typeof host.value === 'string' ? hostOf(`//${host.value}`) : undefined;
    if (host && name && !name.includes('{') && isPrivateHost(name) && !markedInternal(model.root)) {
      report({ node: host, highlight: 'value', message: 'Host points at a private, link-local or loopback address.' });
    }
  },
});
