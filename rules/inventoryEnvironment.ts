import { asObject, child, property, stringValue } from '../server/src/engine/ast';
import { defineRule } from '../server/src/engine/rule';

/** Upstream's test: any of these as a substring, so "Latest" (test) and "Products" (prod) pass. */
const UPSTREAM_ENVIRONMENT = /(local|sandbox|alpha|beta|test|testing|stag|staging|prod|production|next|preprod|preproduction)/i;
/** Environment names as whole words; digits and punctuation separate words (`prod-eu`, `sandbox2`). */
const ENVIRONMENT =
  /(?<![a-z])(local|localhost|sandbox|alpha|beta|test|testing|stag|stage|staging|stg|prod|production|pre-?prod|pre-?production|next|dev|develop|development|qa|uat|integration|demo|mock|live|preview|canary)(?![a-z])/i;

export default defineRule({
  id: 'owasp:api9:2023-inventory-environment',
  title: 'Server does not name its environment',
  owasp: 'API9:2023',
  cwe: [1059],
  topics: ['inventory'],
  severity: 'error',
  versions: ['3.0', '3.1'],
  message: 'Declare intended environment in server descriptions using terms like local, staging, production.',
  docs: {
    summary: 'A server (root, path or operation level) has no `description`, or its description does not name an environment (production, staging, sandbox, development, local...).',
    why:
      'When nobody can tell which host is production and which is a test copy, test data is exposed to the public, test hosts run with debug features and weaker authentication against production data, and forgotten environments stay online unpatched. Attackers look for exactly those older, less protected environments.',
    howToFix: 'Give every server a description that names its environment, and list only the environments the document\'s readers are meant to use.',
    example: "servers:\n  - url: https://api.example.com\n    description: Production\n  - url: https://sandbox.api.example.com\n    description: Sandbox (test data only)",
    references: [
      { title: 'OWASP API9:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa9-improper-inventory-management/' },
      { title: 'CWE-1059: Insufficient Technical Documentation', url: 'https://cwe.mitre.org/data/definitions/1059.html' },
    ],
    divergences: [
      {
        reason: 'Environment names are matched as whole words: "Latest API" (test) or "Products" (prod) do not name an environment. Upstream matches substrings.',
        explains: (d) => {
          const text = d.side === 'only-ours' && d.path.at(-1) === 'description' ? stringValue(d.node) : undefined;
          return text !== undefined && UPSTREAM_ENVIRONMENT.test(text) && !ENVIRONMENT.test(text);
        },
      },
      {
        reason: 'More environment names are recognised: dev, development, qa, uat, integration, demo, mock, live, preview, canary, stage, stg.',
        explains: (d) => {
          const text = d.side === 'only-upstream' && d.path.at(-1) === 'description' ? stringValue(d.node) : undefined;
          return text !== undefined && !UPSTREAM_ENVIRONMENT.test(text) && ENVIRONMENT.test(text);
        },
      },
      {
        reason: 'A server without any `description` is reported (at the server); upstream skips it, though it names no environment either.',
        explains: (d) => d.side === 'only-ours' && d.path.at(-2) === 'servers' && asObject(d.node) !== undefined && !property(d.node, 'description'),
      },
      {
        reason: 'Servers declared on path items and operations are checked too (upstream: root `servers` only).',
        explains: (d) => d.side === 'only-ours' && d.path[0] === 'paths' && d.path.includes('servers'),
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const server of model.servers()) {
      const description = child(server.node, 'description');
      if (!description) report({ node: server.node, underline: server.urlNode, highlight: 'value', message: 'Describe this server, naming its environment (local, staging, production...).' });
      else if (!ENVIRONMENT.test(stringValue(description) ?? '')) report({ node: description, highlight: 'value' });
    }
  },
});
