import { asArray, child, property } from '../server/src/engine/ast';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

export default defineRule({
  id: 'owasp:api2:2023-no-security',
  title: 'No security declared anywhere',
  owasp: 'API2:2023',
  cwe: [306],
  topics: ['authentication', 'authorization'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'The API declares no security requirement: neither a root `security` nor any operation `security`.',
  docs: {
    summary: 'A document with operations has no `security` requirement at all: no root `security` and no operation `security`. Reported once, at the `openapi` (`swagger`) key.',
    why:
      'With no security declared, every operation is documented as callable by anyone: either the API really is unauthenticated (anyone can read and change data), or its authentication lives outside the contract, where gateways, generated servers, SDKs and security reviews cannot see or enforce it.',
    howToFix: 'Declare the default requirement once at the root (`security: [{bearerAuth: []}]`) and override it per operation where needed; mark deliberately public operations with `security: []`.',
    example:
      'security:\n  - bearerAuth: []\npaths:\n  /health:\n    get:\n      security: []   # public on purpose\ncomponents:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'OpenAPI 3.1: Security Requirement Object', url: 'https://spec.openapis.org/oas/v3.1.0#security-requirement-object' },
    ],
    divergences: [
      {
        reason:
          'New rule (upstream has none). It complements read-restricted and write-restricted, which report each unprotected operation: this one finding names the document-level cause (security was never declared, not forgotten on a few operations) and points at defined-but-unused schemes. To keep false positives down, any `security` written anywhere (even `security: []`, a deliberate "public") silences it, as do documents whose only operations are webhooks or callbacks.',
      },
    ],
  },
  check({ model, report }) {
    const operations = model.operations();
    if (operations.length === 0 || asArray(child(model.root, 'security'))) return;
    if (operations.some((op) => asArray(child(op.node, 'security')))) return;
    const versionKey = property(model.root, model.isOas2 ? 'swagger' : 'openapi');
    if (!versionKey?.value) return;
    const schemes = model.securitySchemes().length;
    const unused = schemes ? ` ${schemes} security scheme${schemes === 1 ? ' is' : 's are'} defined but never required.` : '';
    const count = `${operations.length} operation${operations.length === 1 ? '' : 's'}`;
    report({ node: versionKey.value, message: `The API declares no security requirement: no root \`security\` and none on any of its ${count}.${unused}` });
  },
});
