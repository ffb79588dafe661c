import { child, property } from '../server/src/engine/ast';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { allowsAnything, has, isDataPath, isMapSchema, mayBeObject, upstreamObject } from './support/schemaLimits';

export default defineRule({
  id: 'owasp:api3:2023-constrained-additionalProperties',
  title: 'Map without maxProperties',
  owasp: 'API3:2023',
  cwe: [915, 770],
  topics: ['mass-assignment', 'resource-limits'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Objects should not allow unconstrained additionalProperties.',
  docs: {
    summary: 'An object schema whose `additionalProperties` is a schema (a map of any keys to typed values) does not set `maxProperties`.',
    why:
      'A map accepts keys the API never declared: clients can slip in fields that get bound to internal models (mass assignment, Broken Object Property Level Authorization), and an unbounded number of entries costs memory and storage with every request.',
    howToFix: 'Set `maxProperties` on the map (and constrain its keys with `propertyNames`), or list the properties and set `additionalProperties: false` if it is not really a map.',
    example: 'labels:\n  type: object\n  maxProperties: 50\n  propertyNames:\n    pattern: ^[a-z0-9.-]{1,63}$\n  additionalProperties:\n    type: string\n    maxLength: 256',
    references: [
      { title: 'OWASP API3:2023 Broken Object Property Level Authorization', url: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/' },
      { title: 'CWE-915: Improperly Controlled Modification of Dynamically-Determined Object Attributes', url: 'https://cwe.mitre.org/data/definitions/915.html' },
    ],
    divergences: [
      {
        reason: 'Upstream runs this rule on OpenAPI 3.0 only; the keyword means the same in 2.0 and 3.1, so it applies to all three.',
        explains: (d) => d.side === 'only-ours' && d.model.version !== '3.0',
      },
      {
        reason: 'An untyped schema, or one with a type list including `object`, is an object schema too; upstream only sees a plain `type: object`.',
        explains: (d) => d.side === 'only-ours' && !upstreamObject(d.node),
      },
      {
        reason: '`additionalProperties: {}` means the same as `true` and is reported by no-additionalProperties (set it to false), so this rule leaves it alone and the two never give different advice for one keyword.',
        explains: (d) => d.side === 'only-upstream' && allowsAnything(child(d.node, 'additionalProperties')),
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
      const prop = property(node, 'additionalProperties');
      if (!prop || !isMapSchema(prop.value) || !mayBeObject(node) || has(node, 'maxProperties')) continue;
      report({ node, underline: prop.value });
    }
  },
});
