import { owningProperty, property } from '../server/src/engine/ast';
import { replacePropertyValue } from '../server/src/engine/edit/structuralEdits';
import { defineRule } from '../server/src/engine/rule';
import { allowsAnything, isDataPath, isMapSchema, mayBeObject, upstreamObject } from './support/schemaLimits';

export default defineRule({
  id: 'owasp:api3:2023-no-unevaluatedProperties',
  title: 'Object schema accepts any unevaluated property',
  owasp: 'API3:2023',
  cwe: [915],
  topics: ['mass-assignment'],
  severity: 'warning',
  versions: ['3.1'],
  message: 'If the unevaluatedProperties keyword is used it must be set to false.',
  docs: {
    summary: 'An object schema sets `unevaluatedProperties: true` (or `{}`), accepting every property that no subschema declares.',
    why:
      'When a request schema accepts any extra property, clients can send fields the API never meant to expose (`isAdmin`, `accountId`, `price`). Frameworks that bind request bodies to models then write them: mass assignment, the write side of Broken Object Property Level Authorization.',
    howToFix: 'Set `unevaluatedProperties: false` and declare every accepted property (in `properties` or in the composed schemas). If the object is a real map, give it a value schema and `maxProperties` instead.',
    example: 'User:\n  allOf:\n    - $ref: \'#/components/schemas/Base\'\n  properties:\n    name:\n      type: string\n      maxLength: 100\n  unevaluatedProperties: false',
    references: [
      { title: 'OWASP API3:2023 Broken Object Property Level Authorization', url: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/' },
      { title: 'CWE-915: Improperly Controlled Modification of Dynamically-Determined Object Attributes', url: 'https://cwe.mitre.org/data/definitions/915.html' },
    ],
    divergences: [
      {
        reason: 'A schema-valued `unevaluatedProperties` (a typed map) is left to constrained-unevaluatedProperties, which asks for `maxProperties`, as no-additionalProperties does for `additionalProperties`: the two rules never contradict each other. Only `true` and `{}` are reported here.',
        explains: (d) => d.side === 'only-upstream' && isMapSchema(d.node),
      },
      {
        reason: 'An untyped schema, or one with a type list including `object` (common in 3.1: `[object, "null"]`), is an object schema too; upstream only sees a plain `type: object`.',
        explains: (d) => d.side === 'only-ours' && d.node?.parent !== undefined && !upstreamObject(d.node.parent),
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
      const value = property(node, 'unevaluatedProperties')?.value;
      if (value && allowsAnything(value) && mayBeObject(node)) report({ node: value, highlight: 'key' });
    }
  },
  fix({ document, finding }) {
    const prop = owningProperty(finding.node);
    const edit = prop && replacePropertyValue(document, prop, false);
    return edit ? [{ title: 'Set unevaluatedProperties: false', edits: [edit], isPreferred: true }] : [];
  },
});
