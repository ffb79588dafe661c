import type { AstNode } from '../server/src/engine/ast';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { has, isEnumerated, schemasOfType, sharedDivergences, typeUnderline } from './support/schemaLimits';

export default defineRule({
  id: 'owasp:api4:2023-string-restricted',
  title: 'String without a format, pattern or enum',
  owasp: 'API4:2023',
  cwe: [20],
  topics: ['input-validation'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Schema of type string should specify a format, pattern, enum, or const.',
  docs: {
    summary: 'A string schema accepts any text: it has no `format`, `pattern`, `enum` or `const` (nor, in 3.1, a `contentEncoding` or `contentMediaType`).',
    why:
      'A string that accepts anything is where injection payloads, control characters and oversized values get in, and where data leaks out unnoticed. Declaring what a valid value looks like lets the API and its gateway reject malformed input before it reaches the code (CWE-20).',
    howToFix: 'Describe the values: a `format` (uuid, date-time, email, uri...), an anchored `pattern`, or an `enum`/`const` when the set is closed.',
    example: 'status:\n  type: string\n  enum: [active, suspended]\ncountry:\n  type: string\n  pattern: ^[A-Z]{2}$',
    references: [
      { title: 'OWASP API4:2023 Unrestricted Resource Consumption', url: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/' },
      { title: 'CWE-20: Improper Input Validation', url: 'https://cwe.mitre.org/data/definitions/20.html' },
    ],
    divergences: [
      ...sharedDivergences('string'),
      {
        reason:
          'In 3.1, `contentEncoding` (base64...) restricts the text to its alphabet and `contentMediaType` declares what the content is: both are accepted, as `format: byte` and `format: binary` are.',
        explains: (d) => d.side === 'only-upstream' && (has(d.node, 'contentEncoding') || has(d.node, 'contentMediaType')),
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const schema of schemasOfType(model, 'string')) {
      if (!isRestricted(schema)) report({ node: schema, underline: typeUnderline(schema, 'string'), highlight: 'value' });
    }
  },
});

function isRestricted(schema: AstNode): boolean {
  return has(schema, 'format') || has(schema, 'pattern') || isEnumerated(schema) || has(schema, 'contentEncoding') || has(schema, 'contentMediaType');
}
