import { owningProperty, property } from '../server/src/engine/ast';
import { replacePropertyValue } from '../server/src/engine/edit/structuralEdits';
import { schemaTypes } from '../server/src/engine/model/schemaTypes';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

export default defineRule({
  id: 'owasp:api3:2023-no-additionalProperties',
  title: 'Object schema accepts any additional property',
  owasp: 'API3:2023',
  cwe: [915],
  topics: ['mass-assignment'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'If the additionalProperties keyword is used it must be set to false.',
  docs: {
    summary: 'An object schema sets `additionalProperties: true` (or `{}`), accepting properties it never declared.',
    why:
      'When a request schema accepts any extra property, clients can send fields the API never meant to expose (`isAdmin`, `accountId`, `price`). Frameworks that bind request bodies to models then write them: mass assignment, the write side of Broken Object Property Level Authorization.',
    howToFix: 'Set `additionalProperties: false` and list every accepted property. If the object is a real map, give it a value schema and `maxProperties` instead.',
    example: 'User:\n  type: object\n  additionalProperties: false\n  properties:\n    name:\n      type: string',
    references: [
      { title: 'OWASP API3:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/' },
      { title: 'CWE-915', url: 'https://cwe.mitre.org/data/definitions/915.html' },
    ],
    divergences: [
      {
        reason: 'Upstream runs this rule on OpenAPI 3.0 only; the keyword means the same in 2.0 and 3.1, so it applies to all three.',
        explains: (d) => d.side === 'only-ours' && d.model.version !== '3.0',
      },
      {
        reason: 'A schema-valued `additionalProperties` (a typed map) is left to constrained-additionalProperties, so the two rules never contradict each other; only `true` and the empty schema `{}` are reported here.',
        explains: (d) => d.side === 'only-upstream' && d.node?.kind === 'object' && d.node.properties.length > 0,
      },
      {
        reason: 'A schema without `type` that sets `additionalProperties: true` still accepts any property on objects; upstream only looks at schemas that say `type: object`.',
        explains: (d) => d.side === 'only-ours' && d.node?.parent !== undefined && schemaTypes(d.node.parent).length === 0,
      },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const { node } of model.schemas()) {
      const prop = property(node, 'additionalProperties');
      const value = prop?.value;
      if (!value) continue;
      const types = schemaTypes(node);
      if (types.length > 0 && !types.includes('object')) continue;
      const allowsAnything = (value.kind === 'scalar' && value.value === true) || (value.kind === 'object' && value.properties.length === 0);
      if (allowsAnything) report({ node: value, highlight: 'key' });
    }
  },
  fix({ document, finding }) {
    const prop = owningProperty(finding.node);
    const edit = prop && replacePropertyValue(document, prop, false);
    return edit ? [{ title: 'Set additionalProperties: false', edits: [edit], isPreferred: true }] : [];
  },
});
