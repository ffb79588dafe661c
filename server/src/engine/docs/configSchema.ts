import type { Rule } from '../rule';
import { securityTxtRules } from '../securityTxt/rules';
import type { SecurityTxtRule } from '../securityTxt/rule';

/** schemas/openapi-security.schema.json: completion and validation for `.openapi-security.yaml` (security.txt rule ids included). */
export function configSchema(openApiRules: readonly Rule[], securityTxt: readonly SecurityTxtRule[] = securityTxtRules): object {
  const rules: ReadonlyArray<Pick<Rule, 'id' | 'title' | 'severity'>> = [...openApiRules, ...securityTxt];
  const level = { type: 'string', enum: ['error', 'warning', 'info', 'hint', 'off'] };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/openapi-security/openapi-security/schemas/openapi-security.schema.json',
    title: 'openapi-security configuration (.openapi-security.yaml)',
    description: 'Shared by the openapi-security CLI and editor extension. Editor settings override `rules` per rule.',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: {
        description: 'Severity per rule id, or off.',
        type: 'object',
        properties: Object.fromEntries(rules.map((rule) => [rule.id, { ...level, description: `${rule.title} (default: ${rule.severity}).` }])),
        additionalProperties: false,
      },
      ignore: {
        type: 'object',
        additionalProperties: false,
        properties: {
          files: { description: 'Globs of files to skip, relative to this file (**, *, ?, {a,b}).', type: 'array', items: { type: 'string' } },
          findings: {
            description: 'Findings to drop: a JSON Pointer pattern (matching the path and everything below it; * within a segment, ** for any segments), or { rule, path }.',
            type: 'array',
            items: {
              anyOf: [
                { type: 'string', pattern: '^(#?/.*)?$' },
                {
                  type: 'object',
                  additionalProperties: false,
                  minProperties: 1,
                  properties: { rule: { type: 'string', enum: rules.map((r) => r.id) }, path: { type: 'string', pattern: '^(#?/.*)?$' } },
                },
              ],
            },
          },
        },
      },
      failOn: { description: 'The CLI exits 1 when a finding is at or above this severity (default error).', type: 'string', enum: ['error', 'warning', 'info', 'never'] },
      maxFileSizeMB: { description: 'Files larger than this are skipped (CLI default 50).', type: 'number', exclusiveMinimum: 0 },
    },
  };
}
