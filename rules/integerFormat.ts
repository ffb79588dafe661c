import { addKeywordsFix } from '../server/src/engine/fixes/addKeywords';
import { child } from '../server/src/engine/ast';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { has, schemasOfType, sharedDivergences, stringFormat, typeUnderline } from './support/schemaLimits';

/** Formats that give an integer's size (OpenAPI Format Registry). */
const SIZE_FORMATS = new Set(['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64']);

export default defineRule({
  id: 'owasp:api4:2023-integer-format',
  title: 'Integer without a size format',
  owasp: 'API4:2023',
  cwe: [190],
  topics: ['input-validation'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Schema of type integer must specify format (int32 or int64).',
  docs: {
    summary: 'An integer schema does not say its size: it has no `format`, or one that is not a size (`int32`, `int64`, or `int8`..`uint64` of the format registry).',
    why:
      'Without a size, each client and server picks its own: a value valid for a 64-bit producer overflows a 32-bit consumer, wraps around or loses precision in JavaScript, and bypasses checks done on the truncated value (integer overflow, CWE-190).',
    howToFix: 'Add `format: int32` or `format: int64` (or another registered size such as `uint8`) matching the storage the API uses.',
    example: 'count:\n  type: integer\n  format: int32\n  minimum: 0\n  maximum: 1000',
    references: [
      { title: 'OWASP API4:2023 Unrestricted Resource Consumption', url: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/' },
      { title: 'CWE-190: Integer Overflow or Wraparound', url: 'https://cwe.mitre.org/data/definitions/190.html' },
      { title: 'OpenAPI Format Registry', url: 'https://spec.openapis.org/registry/format/' },
    ],
    divergences: [
      ...sharedDivergences('integer'),
      {
        reason: 'A `format` that is not a size (`int`, `timestamp`...) says nothing about overflow, so it is reported; upstream accepts any format.',
        explains: (d) => d.side === 'only-ours' && has(d.node, 'format') && !SIZE_FORMATS.has(stringFormat(d.node) ?? ''),
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const schema of schemasOfType(model, 'integer')) {
      const format = stringFormat(schema);
      if (format !== undefined && SIZE_FORMATS.has(format)) continue;
      const message = has(schema, 'format') ? `Schema of type integer must specify a size format (int32 or int64); \`${format ?? ''}\` is not one.` : undefined;
      report({ node: schema, underline: message ? child(schema, 'format') : typeUnderline(schema, 'integer'), message, highlight: 'value' });
    }
  },
  fix({ document, finding }) {
    // Only where no format is written: replacing one would change what the schema means.
    if (child(finding.node, 'format')) return [];
    return addKeywordsFix(document, finding.node, [['format', 'int64']], 'Add format: int64');
  },
});
