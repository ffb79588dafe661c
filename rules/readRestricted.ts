
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { addSecurityRequirementFixes, deliberatelyPublicDivergence, reportUnprotected, unprotectedOperations } from './writeRestricted';

const READ_METHODS: ReadonlySet<string> = new Set(['get', 'head']);

export default defineRule({
  id: 'owasp:api2:2023-read-restricted',
  title: 'Unprotected read operation',
  owasp: 'API2:2023',
  cwe: [306],
  topics: ['authentication', 'authorization'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'This read operation is not protected by any security scheme.',
  docs: {
    summary: 'A GET or HEAD operation has no security requirement: none at the root and none of its own.',
    why:
      'An operation without a security requirement exposes its data to anyone who finds the URL, and scrapers and search engines do find them. Missing security is usually an oversight rather than a decision, and generated servers and gateways then enforce no authentication at all.',
    howToFix: 'Declare a `security` requirement at the root (inherited by every operation) or on the operation. If the data really is public, say so with `security: []`.',
    example: 'security:\n  - oauth: [orders:read]\npaths:\n  /status:\n    get:\n      security: []   # public on purpose',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'CWE-306: Missing Authentication for Critical Function', url: 'https://cwe.mitre.org/data/definitions/306.html' },
      { title: 'OpenAPI 3.1 Security Requirement Object', url: 'https://spec.openapis.org/oas/v3.1.0#security-requirement-object' },
    ],
    divergences: [deliberatelyPublicDivergence(READ_METHODS, 'Public reads are common and expected (catalogues, status pages).')],
  },
  check({ model, report }) {
    for (const operation of unprotectedOperations(model, READ_METHODS)) reportUnprotected(operation, report, 'read');
  },
  fix({ model, document, finding }) {
    return addSecurityRequirementFixes(model, document, finding.node);
  },
});
