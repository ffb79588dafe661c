import { child } from '../server/src/engine/ast';
import type { OpenApiModel } from '../server/src/engine/model/openApiModel';
import { allowsAnonymous, isExplicitlyPublic, readRequirements } from '../server/src/engine/model/security';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { WRITE_METHODS } from './writeRestricted';

/** Some requirement somewhere names a scheme: the API does authenticate, so a public write stands out. */
function usesSecurity(model: OpenApiModel): boolean {
  const named = (requirements: { length: number }[]) => requirements.some((r) => r.length > 0);
  return named(readRequirements(child(model.root, 'security'))) || model.operations().some((op) => op.security.source === 'operation' && named(op.security.requirements));
}

export default defineRule({
  id: 'owasp:api2:2023-public-write',
  title: 'Write operation made public',
  owasp: 'API2:2023',
  cwe: [306],
  topics: ['authentication', 'authorization'],
  severity: 'info',
  versions: ALL_VERSIONS,
  message: 'This write operation is public on purpose (`security: []`): check that anonymous callers may really do this.',
  docs: {
    summary: 'In an API that otherwise requires authentication, a POST, PUT, PATCH or DELETE operation opts out with its own `security: []`, or lets anonymous callers in with an empty `{}` alternative.',
    why:
      'Opting out is sometimes right (sign-up, login, password reset, public forms), but a public write is also how a debugging shortcut or a copy-pasted `security: []` ends up letting anyone modify or delete data. Such endpoints are also the first targets of spam, enumeration and credential-stuffing bots.',
    howToFix: 'Remove the override so the root security applies, or require a scheme on the operation. If the operation must stay public, protect it with rate limits, CAPTCHA or proof of work, and make it idempotent and harmless to replay.',
    example: 'paths:\n  /orders/{id}:\n    delete:\n      security:\n        - oauth: [orders:write]',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'OWASP API6:2023 Unrestricted Access to Sensitive Business Flows', url: 'https://owasp.org/API-Security/editions/2023/en/0xa6-unrestricted-access-to-sensitive-business-flows/' },
      { title: 'CWE-306: Missing Authentication for Critical Function', url: 'https://cwe.mitre.org/data/definitions/306.html' },
    ],
  },
  check({ model, report }) {
    if (!usesSecurity(model)) return;
    for (const op of model.operations()) {
      const { source, requirements, node } = op.security;
      if (!WRITE_METHODS.has(op.method) || source !== 'operation' || !node) continue;
      if (!isExplicitlyPublic(op.security) && !allowsAnonymous(op.security)) continue;
      const optional = requirements.some((r) => r.length > 0);
      report({
        node,
        message: isExplicitlyPublic(op.security)
          ? `This ${op.method.toUpperCase()} operation is public on purpose (\`security: []\`): check that anonymous callers may really do this.`
          : `This ${op.method.toUpperCase()} operation accepts anonymous callers (an empty \`{}\` security requirement${optional ? ' next to real ones' : ''}): check that they may really do this.`,
      });
    }
  },
});
