import { child } from '../server/src/engine/ast';
import { insertProperty } from '../server/src/engine/edit/structuralEdits';
import { defineRule } from '../server/src/engine/rule';
import { describeOperations, usagesOutsidePaths, propertyUsages } from './support/schemaUsage';
import { exposingOperations, exposureKey, sensitiveKind } from './support/sensitiveNames';

export default defineRule({
  id: 'owasp:api3:2023-sensitive-properties-write-only',
  title: 'Sensitive property shared by requests and responses without writeOnly',
  owasp: 'API3:2023',
  cwe: [213, 200],
  topics: ['mass-assignment', 'credential-protection'],
  severity: 'warning',
  versions: ['3.0', '3.1'],
  message: 'Sensitive property in a schema shared by requests and responses must be writeOnly: true.',
  docs: {
    summary:
      'A schema used both in a request body and in a response declares a property named like a credential or regulated data (`password`, `client_secret`, `ssn`, `cardNumber`, `cvv`, tokens outside authentication endpoints: the same names as `owasp:api3:2023-no-sensitive-properties-in-responses`) without `writeOnly: true`, so the contract says responses return it.',
    why:
      'Sharing one model for input and output is convenient, and it is how a password sent at sign-up comes back in `GET /users/{id}`: serializers emit whatever the model declares. `writeOnly: true` states that the value is accepted but never returned, so generated servers, clients, mocks and contract tests drop it from responses.',
    howToFix: 'Add `writeOnly: true` to the property, or split the schema into separate request and response models.',
    example: 'User:\n  type: object\n  properties:\n    password:\n      type: string\n      writeOnly: true',
    references: [
      { title: 'OWASP API3:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/' },
      { title: 'OpenAPI 3.1 Schema Object: readOnly and writeOnly', url: 'https://spec.openapis.org/oas/v3.1.0#fixed-fields-19' },
    ],
  },
  incremental: { scope: 'path-item', pathsContext: (model) => usagesOutsidePaths(model, (usage) => sensitiveKind(usage.entry.key) !== undefined, exposureKey) },
  check({ model, report }) {
    for (const usage of propertyUsages(model)) {
      if (!usage.requests.length) continue;
      const exposed = exposingOperations(usage);
      if (!exposed) continue;
      report({
        node: usage.node,
        message: `Property "${usage.entry.key}" is accepted by ${describeOperations(usage.requests)} and returned by ${describeOperations(exposed.operations)}: mark it writeOnly: true.`,
      });
    }
  },
  fix({ model, document, finding }) {
    const node = finding.node;
    // 3.0 ignores keywords beside a $ref: the flag would be written and not read.
    if (node.kind !== 'object' || (child(node, '$ref') && model.version === '3.0')) return [];
    const edit = insertProperty(document, node, 'writeOnly', true);
    return edit ? [{ title: 'Add writeOnly: true', edits: [edit], isPreferred: true }] : [];
  },
});
