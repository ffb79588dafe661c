import { addKeywordsFix } from '../server/src/engine/fixes/addKeywords';
import { asArray, child, type AstNode } from '../server/src/engine/ast';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { has, isEnumerated, schemasOfType, sharedDivergences, typeUnderline } from './support/schemaLimits';

export default defineRule({
  id: 'owasp:api4:2023-array-limit',
  title: 'Array without maxItems',
  owasp: 'API4:2023',
  cwe: [770, 400],
  topics: ['resource-limits', 'input-validation'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Schema of type array must specify maxItems.',
  docs: {
    summary: 'An array schema has no `maxItems` (nor an `enum`/`const`, nor a closed tuple), so a request may carry any number of items.',
    why:
      'Every item of an array costs parsing, validation, database work and memory; an endpoint that accepts a million ids in one call lets one request do the work of a million (batch abuse, Unrestricted Resource Consumption). Unbounded arrays in responses also invite unbounded queries.',
    howToFix: 'Set `maxItems` to what the operation can afford, and constrain the `items` schema too. Paginate responses instead of returning unbounded lists.',
    example: 'ids:\n  type: array\n  maxItems: 100\n  items:\n    type: string\n    format: uuid',
    references: [
      { title: 'OWASP API4:2023 Unrestricted Resource Consumption', url: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/' },
      { title: 'CWE-770: Allocation of Resources Without Limits or Throttling', url: 'https://cwe.mitre.org/data/definitions/770.html' },
    ],
    divergences: [
      ...sharedDivergences('array'),
      {
        reason:
          'An array that is an `enum`/`const`, or a closed tuple (`prefixItems` with `items: false` in 3.1, `items: [...]` with `additionalItems: false` before) has a known maximum size and is accepted.',
        explains: (d) => d.side === 'only-upstream' && (isEnumerated(d.node) || isClosedTuple(d.node)),
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const schema of schemasOfType(model, 'array')) {
      if (has(schema, 'maxItems') || isEnumerated(schema) || isClosedTuple(schema)) continue;
      report({ node: schema, underline: typeUnderline(schema, 'array'), highlight: 'value' });
    }
  },
  fix({ document, finding }) {
    return addKeywordsFix(document, finding.node, [['maxItems', 1000]], 'Add maxItems');
  },
});

/** A tuple whose positions are listed and whose extra items are forbidden. */
function isClosedTuple(schema: AstNode | undefined): boolean {
  const closed = (node: AstNode | undefined) => node?.kind === 'scalar' && node.value === false;
  if (asArray(child(schema, 'prefixItems')) && closed(child(schema, 'items'))) return true;
  return asArray(child(schema, 'items')) !== undefined && closed(child(schema, 'additionalItems'));
}
