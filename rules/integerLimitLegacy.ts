import { child } from '../server/src/engine/ast';
import { defineRule } from '../server/src/engine/rule';
import { integerBoundsFix, isEnumerated, isNumber, schemasOfType, sharedDivergences, typeUnderline } from './support/schemaLimits';

export default defineRule({
  id: 'owasp:api4:2023-integer-limit-legacy',
  title: 'Integer without minimum and maximum',
  owasp: 'API4:2023',
  cwe: [770, 1284],
  topics: ['resource-limits', 'input-validation'],
  severity: 'error',
  versions: ['2.0', '3.0'],
  message: 'Schema of type integer must specify minimum and maximum.',
  docs: {
    summary:
      'An integer schema of OpenAPI 2.0 or 3.0 lacks `minimum` or `maximum` (there `exclusiveMinimum`/`exclusiveMaximum` are booleans that only modify them), and is not an `enum`.',
    why:
      'Integers drive loops, page sizes, quantities, offsets and allocations. Without bounds a client can ask for `limit=100000000` rows, a negative quantity or an offset that overflows, turning one request into a denial of service or a business-logic flaw.',
    howToFix: 'Give every integer the range it really has with `minimum` and `maximum` (add `exclusiveMinimum: true` to exclude the bound itself).',
    example: 'limit:\n  type: integer\n  format: int32\n  minimum: 1\n  maximum: 100',
    references: [
      { title: 'OWASP API4:2023 Unrestricted Resource Consumption', url: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/' },
      { title: 'CWE-1284: Improper Validation of Specified Quantity in Input', url: 'https://cwe.mitre.org/data/definitions/1284.html' },
    ],
    divergences: [
      ...sharedDivergences('integer'),
      {
        reason: 'An integer `enum` lists every accepted value, so it is bounded and accepted.',
        explains: (d) => d.side === 'only-upstream' && isEnumerated(d.node),
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const schema of schemasOfType(model, 'integer')) {
      if (isEnumerated(schema)) continue;
      const missing = ['minimum', 'maximum'].filter((keyword) => !isNumber(child(schema, keyword)));
      if (missing.length === 0) continue;
      const message = missing.length === 2 ? undefined : `Schema of type integer must specify ${missing[0]}.`;
      report({ node: schema, underline: typeUnderline(schema, 'integer'), message, highlight: 'value' });
    }
  },
  fix: ({ document, finding }) => integerBoundsFix(document, finding.node),
});
