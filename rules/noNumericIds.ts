import { pathItemStructure } from '../server/src/engine/model/pathItemModel';
import { insertProperty, replacePropertyValue } from '../server/src/engine/edit/structuralEdits';
import { owningProperty } from '../server/src/engine/ast';
import { child } from '../server/src/engine/ast';
import { hasType } from '../server/src/engine/model/schemaTypes';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

/** `id`, `user_id`, `userId`, `user-id`: the names upstream treats as object identifiers. */
const ID_NAME = /^id$|(_id|Id|-id)$/;

export default defineRule({
  id: 'owasp:api1:2023-no-numeric-ids',
  title: 'Object identifiers should not be sequential integers',
  owasp: 'API1:2023',
  cwe: [639],
  topics: ['authorization'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Use random IDs that cannot be guessed. UUIDs are preferred but any other random string will do.',
  docs: {
    summary: 'A parameter named like an object identifier (`id`, `userId`, `order_id`, `item-id`) is typed as an integer.',
    why:
      'Sequential integer IDs can be enumerated: an attacker who sees `/orders/1041` tries `/orders/1040`. Every object-level authorization check the API forgets becomes a data breach (Broken Object Level Authorization), and integers leak business volume.',
    howToFix: 'Use a random, non-guessable identifier such as a UUID, and still check object-level authorization on every request.',
    example: 'parameters:\n  - name: orderId\n    in: path\n    required: true\n    schema:\n      type: string\n      format: uuid',
    references: [{ title: 'OWASP API1:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/' }],
    divergences: [
      {
        reason: 'Also applies to OpenAPI 2.0, where the type sits on the parameter itself (upstream only looks for a `schema`).',
        explains: (d) => d.side === 'only-ours' && d.model.isOas2 && d.path[d.path.length - 1] === 'type',
      },
      {
        reason: 'Reads 3.1 type lists such as `[integer, "null"]`, which upstream\'s `const: integer` check misses.',
        explains: (d) => d.side === 'only-ours' && child(d.node, 'type')?.kind === 'array',
      },
      { reason: 'A parameter defined once under components/parameters and referenced many times is reported once, at its definition.' },
    ],
  },
  // Findings on shared responses and parameters depend on which operations use them, and how.
  incremental: { scope: 'path-item', pathsContext: pathItemStructure },
  check({ model, report }) {
    const seen = new Set<object>();
    for (const operation of model.operations()) {
      for (const parameter of operation.parameters) {
        if (!ID_NAME.test(parameter.name) || !parameter.schema || seen.has(parameter.schema)) continue;
        seen.add(parameter.schema);
        if (hasType(parameter.schema, 'integer')) {
          // Reported at the schema (upstream's path), underlined where the type must change.
          const type = child(parameter.schema, 'type');
          report({ node: model.isOas2 ? (type ?? parameter.schema) : parameter.schema, underline: type, highlight: 'value' });
        }
      }
    }
  },
  fix({ document, finding }) {
    // OAS2 reports the `type` itself; OAS3 the schema. Changing the type changes the API contract: not preferred.
    const schema = finding.node.kind === 'object' ? finding.node : finding.node.parent;
    const type = schema && child(schema, 'type');
    const typeProp = type && owningProperty(type);
    if (!schema || schema.kind !== 'object' || !typeProp || type.kind !== 'scalar') return [];
    const typeEdit = replacePropertyValue(document, typeProp, 'string');
    const format = child(schema, 'format');
    const formatProp = format && owningProperty(format);
    const formatEdit = formatProp ? replacePropertyValue(document, formatProp, 'uuid') : insertProperty(document, schema, 'format', 'uuid');
    return typeEdit && formatEdit ? [{ title: 'Use a random UUID string instead of an integer', edits: [typeEdit, formatEdit] }] : [];
  },
});
