import { child, type AstNode } from '../server/src/engine/ast';
import { defineRule } from '../server/src/engine/rule';
import { integerBoundsFix, has, isEnumerated, isNumber, schemasOfType, sharedDivergences, typeUnderline } from './support/schemaLimits';

export default defineRule({
  id: 'owasp:api4:2023-integer-limit',
  title: 'Integer without minimum and maximum',
  owasp: 'API4:2023',
  cwe: [770, 1284],
  topics: ['resource-limits', 'input-validation'],
  severity: 'error',
  versions: ['3.1'],
  message: 'Schema of type integer must specify minimum and maximum.',
  docs: {
    summary:
      'An integer schema of OpenAPI 3.1 lacks a lower bound (`minimum` or a numeric `exclusiveMinimum`) or an upper bound (`maximum` or a numeric `exclusiveMaximum`), and is not an `enum`/`const`.',
    why:
      'Integers drive loops, page sizes, quantities, offsets and allocations. Without bounds a client can ask for `limit=100000000` rows, a negative quantity or an offset that overflows, turning one request into a denial of service or a business-logic flaw.',
    howToFix: 'Give every integer the range it really has: `minimum`/`maximum`, or the numeric `exclusiveMinimum`/`exclusiveMaximum` of JSON Schema 2020-12.',
    example: 'limit:\n  type: integer\n  format: int32\n  minimum: 1\n  maximum: 100',
    references: [
      { title: 'OWASP API4:2023 Unrestricted Resource Consumption', url: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/' },
      { title: 'CWE-1284: Improper Validation of Specified Quantity in Input', url: 'https://cwe.mitre.org/data/definitions/1284.html' },
    ],
    divergences: [
      ...sharedDivergences('integer'),
      {
        reason: 'An integer `enum` or `const` lists every accepted value, so it is bounded and accepted.',
        explains: (d) => d.side === 'only-upstream' && isEnumerated(d.node),
      },
      {
        reason: 'Setting both `minimum` and `exclusiveMinimum` (or both maximums) is valid 2020-12, the tighter one wins; upstream\'s `xor` reports it, we accept it.',
        explains: (d) => d.side === 'only-upstream' && ((has(d.node, 'minimum') && has(d.node, 'exclusiveMinimum')) || (has(d.node, 'maximum') && has(d.node, 'exclusiveMaximum'))),
      },
      {
        reason: 'In 3.1 `exclusiveMinimum`/`exclusiveMaximum` must be numbers; a 3.0-style boolean bounds nothing, so it does not count (upstream only checks that the keyword is present).',
        explains: (d) => d.side === 'only-ours' && [child(d.node, 'exclusiveMinimum'), child(d.node, 'exclusiveMaximum')].some((b) => b?.kind === 'scalar' && typeof b.value === 'boolean'),
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const schema of schemasOfType(model, 'integer')) {
      if (isEnumerated(schema)) continue;
      const missing = [bounded(schema, 'minimum', 'exclusiveMinimum'), bounded(schema, 'maximum', 'exclusiveMaximum')].filter((m): m is string => m !== undefined);
      if (missing.length === 0) continue;
      const message = missing.length === 2 ? undefined : `Schema of type integer must specify ${missing[0]}.`;
      report({ node: schema, underline: typeUnderline(schema, 'integer'), message, highlight: 'value' });
    }
  },
  fix: ({ document, finding }) => integerBoundsFix(document, finding.node),
});

/** undefined when bounded on this side, else the words naming what is missing. */
function bounded(schema: AstNode, inclusive: string, exclusive: string): string | undefined {
  return isNumber(child(schema, inclusive)) || isNumber(child(schema, exclusive)) ? undefined : `${inclusive} (or ${exclusive})`;
}
