import { child } from '../server/src/engine/ast';
import { insertProperty } from '../server/src/engine/edit/structuralEdits';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { describeOperations, flagged, propertyUsages, usagesOutsidePaths } from './support/schemaUsage';
import { isServerManaged } from './support/sensitiveNames';

const WRITES = new Set(['post', 'put', 'patch']);

export default defineRule({
  id: 'owasp:api3:2023-server-managed-properties-read-only',
  title: 'Server-managed property accepted in a request body',
  owasp: 'API3:2023',
  cwe: [915],
  topics: ['mass-assignment'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Server-managed property in a schema shared by requests and responses must be readOnly: true.',
  docs: {
    summary:
      'A schema used both as the request body of a create or update operation (POST, PUT, PATCH; the body itself or a part of its `allOf`/`anyOf`/`oneOf`, not a nested object, which usually references another resource by its `id`) and in a response declares a field the server manages (`id`, `createdAt`, `updatedAt`, `createdBy`, `role`, `isAdmin`, `permissions`, `privileges`, `balance`, `emailVerified`...) without `readOnly: true`. Request-only schemas are not reported: a field there was put in the input on purpose.',
    why:
      'Mass assignment: frameworks bind request bodies onto the model the schema describes, so a client that adds `"role": "admin"`, `"isAdmin": true` or `"balance": 1e9` to a sign-up or profile update can grant itself privileges or money, and one that sets `id` or `createdBy` can overwrite or impersonate. `readOnly: true` says the value is only returned, never accepted.',
    howToFix: 'Add `readOnly: true` to the property (and have the server ignore or reject it in requests), or give create and update operations their own request schema without it.',
    example: 'User:\n  type: object\n  properties:\n    id:\n      type: string\n      format: uuid\n      readOnly: true\n    role:\n      type: string\n      readOnly: true',
    references: [
      { title: 'OWASP API3:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/' },
      { title: 'OWASP Mass Assignment Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html' },
    ],
  },
  incremental: { scope: 'path-item', pathsContext: (model) => usagesOutsidePaths(model, (usage) => isServerManaged(usage.entry.key)) },
  check({ model, report }) {
    for (const usage of propertyUsages(model)) {
      const writes = usage.topLevelRequests.filter((o) => WRITES.has(o.method));
      if (!writes.length || !usage.responses.length || !isServerManaged(usage.entry.key) || flagged(usage, 'readOnly')) continue;
      report({
        node: usage.node,
        message: `Server-managed property "${usage.entry.key}" is accepted in the request body of ${describeOperations(writes)} (and returned by ${describeOperations(usage.responses, 1)}): mark it readOnly: true.`,
      });
    }
  },
  fix({ model, document, finding }) {
    const node = finding.node;
    // Before 3.1 keywords beside a $ref are ignored: the flag would be written and not read.
    if (node.kind !== 'object' || (child(node, '$ref') && model.version !== '3.1')) return [];
    const edit = insertProperty(document, node, 'readOnly', true);
    return edit ? [{ title: 'Add readOnly: true', edits: [edit], isPreferred: true }] : [];
  },
});
