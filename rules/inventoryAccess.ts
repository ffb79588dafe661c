import { asObject, property } from '../server/src/engine/ast';
import { insertProperty } from '../server/src/engine/edit/structuralEdits';
import { defineRule, type Fix } from '../server/src/engine/rule';

export default defineRule({
  id: 'owasp:api9:2023-inventory-access',
  title: 'Server does not declare its audience',
  owasp: 'API9:2023',
  cwe: [1059],
  topics: ['inventory'],
  severity: 'error',
  versions: ['3.0', '3.1'],
  message: 'Declare intended audience of every server by defining x-internal as true/false.',
  docs: {
    summary: 'A server (root, path or operation level) does not say whether it is internal or public with `x-internal: true` or `x-internal: false`.',
    why:
      'Internal hosts end up in public documentation and SDKs, and public gateways end up routing to hosts that were meant to stay behind the firewall, because nobody recorded which is which. Attackers enumerate those forgotten, less protected hosts first: improper inventory management.',
    howToFix: 'Add `x-internal: true` to servers that must only be reachable inside your network and `x-internal: false` to public ones, and keep internal servers out of published documents.',
    example: "servers:\n  - url: https://api.example.com\n    description: Production\n    x-internal: false",
    references: [
      { title: 'OWASP API9:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa9-improper-inventory-management/' },
      { title: 'CWE-1059: Insufficient Technical Documentation', url: 'https://cwe.mitre.org/data/definitions/1059.html' },
    ],
    divergences: [
      {
        reason: 'Servers declared on path items and operations are checked too (upstream: root `servers` only); they are hosts of the same API.',
        explains: (d) => d.side === 'only-ours' && d.path[0] === 'paths' && d.path.at(-2) === 'servers',
      },
      {
        reason: 'The value must be the boolean `true` or `false`: a string such as `"yes"` or an empty value does not declare the audience (upstream accepts anything present).',
        explains: (d) => d.side === 'only-ours' && d.path.at(-1) === 'x-internal' && !(d.node?.kind === 'scalar' && typeof d.node.value === 'boolean'),
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const server of model.servers()) {
      const declared = property(server.node, 'x-internal');
      if (!declared) report({ node: server.node, underline: server.urlNode, highlight: 'value', data: { kind: 'missing' } });
      else if (declared.value?.kind !== 'scalar' || typeof declared.value.value !== 'boolean') {
        report({ node: declared.value ?? server.node, highlight: 'value', message: 'x-internal should be true (internal server) or false (public server).' });
      }
    }
  },
  fix({ document, finding }) {
    const server = asObject(finding.node);
    if (finding.data?.kind !== 'missing' || !server) return [];
    // Only the author knows the audience: offer both, prefer neither.
    const choices = [
      { value: false, title: 'Mark the server as public (x-internal: false)' },
      { value: true, title: 'Mark the server as internal (x-internal: true)' },
    ];
    return choices.flatMap(({ value, title }): Fix[] => {
      const edit = insertProperty(document, server, 'x-internal', value);
      return edit ? [{ title, edits: [edit] }] : [];
    });
  },
});
