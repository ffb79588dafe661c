import { addKeywordsFix } from '../server/src/engine/fixes/addKeywords';
import type { AstNode } from '../server/src/engine/ast';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import {
  BOUNDED_STRING_FORMATS, binaryPayloadsOutsidePaths, boundedPattern, has, isBinary, isBinaryPayload, isEnumerated, schemasOfType, sharedDivergences, stringFormat, typeUnderline,
} from './support/schemaLimits';

export default defineRule({
  id: 'owasp:api4:2023-string-limit',
  title: 'String without a maximum length',
  owasp: 'API4:2023',
  cwe: [770, 400],
  topics: ['resource-limits', 'input-validation'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Schema of type string must specify maxLength, enum, or const.',
  docs: {
    summary:
      'A string schema has no `maxLength`, `enum` or `const`, no `pattern` of bounded length and no format of bounded size (`uuid`, `date-time`, `email`...).',
    why:
      'An unbounded string lets one request carry megabytes in a single field: the API parses, validates, logs, stores and indexes it, and every downstream system that copies it pays again. Attackers use such fields to exhaust memory, disk and CPU (Unrestricted Resource Consumption).',
    howToFix:
      'Give every string a `maxLength` that fits its meaning (a name: 100, a comment: 2000), or an `enum`/`const`, a bounded `format` (uuid, date, date-time, email...) or an anchored `pattern` such as `^[A-Z]{2}[0-9]{6}$`. File uploads (`format: binary`) are bounded by the server\'s request size limit instead: configure it in the gateway or framework.',
    example: 'name:\n  type: string\n  maxLength: 100\nid:\n  type: string\n  format: uuid\ncode:\n  type: string\n  pattern: ^[A-Z]{2}[0-9]{6}$',
    references: [
      { title: 'OWASP API4:2023 Unrestricted Resource Consumption', url: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/' },
      { title: 'CWE-770: Allocation of Resources Without Limits or Throttling', url: 'https://cwe.mitre.org/data/definitions/770.html' },
      { title: 'OpenAPI Format Registry', url: 'https://spec.openapis.org/registry/format/' },
    ],
    divergences: [
      ...sharedDivergences('string'),
      {
        reason:
          'A `pattern` anchored at both ends (`^...$`) without an unbounded quantifier (`*`, `+`, `{n,}`) bounds the length as surely as `maxLength` does (`^AC[0-9a-f]{32}$` matches 34 characters exactly), so it is accepted.',
        explains: (d) => d.side === 'only-upstream' && boundedPattern(d.node),
      },
      {
        reason:
          'A format whose values have a fixed or small size is accepted: by grammar uuid, ipv4, ipv6, hostname (253), email (254, RFC 5321), char and int8..uint64 as text; date, date-time, time, duration and http-date are parsed into fixed-size values before use. Free text (`password`) and unbounded grammars (`uri`, `byte`) still need maxLength.',
        explains: (d) => d.side === 'only-upstream' && BOUNDED_STRING_FORMATS.has(stringFormat(d.node) ?? ''),
      },
      {
        reason:
          'Raw file content is not reported: a binary schema (`format: binary`, or a 3.1 `contentMediaType` without a text `contentEncoding`) that is a whole request or response body, or a multipart part. Those octets never travel inside JSON and no validator applies `maxLength` to a stream: the server\'s request size limit bounds them, and the docs ask for it. A binary property inside a JSON body is an ordinary JSON string and is still reported, as are text-encoded payloads (`format: byte`, `contentEncoding: base64`).',
        explains: (d) => d.side === 'only-upstream' && isBinaryPayload(d.node, d.model),
      },
    ],
  },
  incremental: { scope: 'path-item', pathsContext: binaryPayloadsOutsidePaths },
  check({ model, report }) {
    for (const schema of schemasOfType(model, 'string')) {
      if (isStringBounded(schema) || isBinaryPayload(schema, model)) continue;
      // `format: binary` inside JSON looks exempt but is an ordinary string: say so.
      const message = isBinary(schema) ? 'Schema of type string must specify maxLength, enum, or const: binary data inside JSON is an ordinary string.' : undefined;
      report({ node: schema, underline: typeUnderline(schema, 'string'), message, highlight: 'value' });
    }
  },
  fix({ document, finding }) {
    return addKeywordsFix(document, finding.node, [['maxLength', 1024]], 'Add maxLength');
  },
});

/** maxLength, enum or const as upstream asks, or a bounded pattern or format. */
function isStringBounded(schema: AstNode): boolean {
  if (has(schema, 'maxLength') || isEnumerated(schema)) return true;
  return boundedPattern(schema) || BOUNDED_STRING_FORMATS.has(stringFormat(schema) ?? '');
}
