import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { describeOperations, usagesOutsidePaths, propertyUsages } from './support/schemaUsage';
import { exposingOperations, exposureKey, sensitiveKind, type SensitiveKind } from './support/sensitiveNames';

const NAMES: Record<SensitiveKind, string> = { password: 'a password', secret: 'a secret', token: 'a token or key', personal: 'government-ID or card data' };

export default defineRule({
  id: 'owasp:api3:2023-no-sensitive-properties-in-responses',
  title: 'Response exposes a credential or sensitive personal data',
  owasp: 'API3:2023',
  cwe: [213, 200],
  topics: ['mass-assignment', 'credential-protection'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Response schema exposes a sensitive property. Remove it from the response.',
  docs: {
    summary:
      'A schema returned in a response (2xx or not) declares a property named like a credential or regulated data: `password`, `passwordHash`, `client_secret`, `private_key`, tokens and API keys (secrets, tokens and keys only outside the operations whose purpose is to issue them: authentication and key-issuing endpoints such as `/oauth/token`, `/login` or `/api-keys`, and POST operations, which return a generated secret once when they create a webhook or a key; a plain `token` only when its description or schema says it is an access, session, webhook or API token, not a text token or a pagination cursor), `ssn`, `cardNumber`/PAN, `cvv`. Names such as `passwordLast4`, `hasPassword` or `password_policy`, booleans, objects and `writeOnly: true` properties are not reported. A schema used in requests as well is left to `owasp:api3:2023-sensitive-properties-write-only` (OpenAPI 3), which has a fix.',
    why:
      'Excessive data exposure (Broken Object Property Level Authorization): what the schema promises, the implementation serializes, and every client, log, cache and browser extension on the path receives it. Password hashes can be cracked offline, tokens replayed, and a full card number or CVV in a response puts the whole API in PCI DSS scope.',
    howToFix: 'Remove the property from the response schema (use a separate response model), or return a masked form under another name (`cardLast4`). If the value is only ever sent by clients, mark it `writeOnly: true`.',
    example: 'UserResponse:\n  type: object\n  properties:\n    id:\n      type: string\n      format: uuid\n    email:\n      type: string\n      format: email',
    references: [
      { title: 'OWASP API3:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/' },
      { title: 'CWE-213: Exposure of Sensitive Information Due to Incompatible Policies', url: 'https://cwe.mitre.org/data/definitions/213.html' },
    ],
  },
  incremental: { scope: 'path-item', pathsContext: (model) => usagesOutsidePaths(model, (usage) => sensitiveKind(usage.entry.key) !== undefined, exposureKey) },
  check({ model, report }) {
    for (const usage of propertyUsages(model)) {
      // Shared with requests in OAS3: writeOnly is the fix, and the sibling rule reports it.
      if (!model.isOas2 && usage.requests.length) continue;
      const exposed = exposingOperations(usage);
      if (!exposed) continue;
      report({
        node: usage.node,
        message: `Property "${usage.entry.key}" (${NAMES[exposed.kind]}) is returned by ${describeOperations(exposed.operations)}. Remove it from the response schema.`,
      });
    }
  },
});
