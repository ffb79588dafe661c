import { child, property } from '../server/src/engine/ast';
import { defineRule } from '../server/src/engine/rule';
import { allowsAnything, has, isDataPath, isMapSchema, mayBeObject, upstreamObject } from './support/schemaLimits';

export default defineRule({
  id: 'owasp:api3:2023-constrained-unevaluatedProperties',
  title: 'Map of unevaluated properties without maxProperties',
  owasp: 'API3:2023',
  cwe: [915, 770],
  topics: ['mass-assignment', 'resource-limits'],
  severity: 'warning',
  versions: ['3.1'],
  message: 'Objects should not allow unconstrained unevaluatedProperties.',
  docs: {
    summary: 'An object schema whose `unevaluatedProperties` is a schema (any undeclared key with a typed value) does not set `maxProperties`.',
    why:
      'Properties that no `properties`, `patternProperties` or composed schema declares are still accepted: clients can slip in fields that get bound to internal models (mass assignment), and an unbounded number of entries costs memory and storage with every request.',
    howToFix: 'Set `maxProperties` (and constrain the keys with `propertyNames`), or set `unevaluatedProperties: false` if undeclared properties are not really wanted.',
    example: 'Settings:\n  type: object\n  properties:\n    theme:\n      type: string\n      enum: [light, dark]\n  maxProperties: 20\n  unevaluatedProperties:\n    type: string\n    maxLength: 100',
    references: [
      { title: 'OWASP API3:2023 Broken Object Property Level Authorization', url: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/' },
      { title: 'CWE-915: Improperly Controlled Modification of Dynamically-Determined Object Attributes', url: 'https://cwe.mitre.org/data/definitions/915.html' },
      { title: 'JSON Schema 2020-12: unevaluatedProperties', url: 'https://json-schema.org/draft/2020-12/json-schema-core#section-11.3' },
    ],
    divergences: [
      {
        reason: 'An untyped schema, or one with a type list including `object` (common in 3.1: `[object, "null"]`), is an object schema too; upstream only sees a plain `type: object`.',
        explains: (d) => d.side === 'only-ours' && !upstreamObject(d.node),
      },
      {
        reason: '`unevaluatedProperties: {}` means the same as `true` and is reported by no-unevaluatedProperties (set it to false), so this rule leaves it alone and the two never give different advice for one keyword.',
        explains: (d) => d.side === 'only-upstream' && allowsAnything(child(d.node, 'unevaluatedProperties')),
      },
      {
        reason: 'Only schemas are checked; upstream also matches `example`, `default` and `x-` extension content shaped like a schema.',
        explains: (d) => d.side === 'only-upstream' && isDataPath(d.path),
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const { node } of model.schemas()) {
      const prop = property(node, 'unevaluatedProperties');
      if (!prop || !isMapSchema(prop.value) || !mayBeObject(node) || has(node, 'maxProperties')) continue;
      report({ node, underline: prop.value });
    }
  },
});
