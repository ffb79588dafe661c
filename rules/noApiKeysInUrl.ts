import { replacePropertyValue } from '../server/src/engine/edit/structuralEdits';
import { owningProperty } from '../server/src/engine/ast';
import { child, stringValue } from '../server/src/engine/ast';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

const URL_LOCATIONS = new Set(['query', 'path']);

export default defineRule({
  id: 'owasp:api2:2023-no-api-keys-in-url',
  title: 'API key passed in the URL',
  owasp: 'API2:2023',
  cwe: [598],
  topics: ['credential-protection'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'API Key passed in URL: send it in a header instead.',
  docs: {
    summary: 'An `apiKey` security scheme is sent in the query string or the path (`in: query` / `in: path`).',
    why:
      'URLs are written to access logs, proxy and CDN logs, browser history and `Referer` headers, and are pasted into tickets and chats. A key in the URL ends up in all of these, where anyone with read access to them can replay it against the API.',
    howToFix: 'Send the key in a request header (`in: header`, e.g. `X-API-Key`), or better, use short-lived OAuth 2.0 tokens.',
    example: 'components:\n  securitySchemes:\n    apiKey:\n      type: apiKey\n      in: header\n      name: X-API-Key',
    references: [
      { title: 'OWASP API2:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/' },
      { title: 'CWE-598: Use of GET Request Method With Sensitive Query Strings', url: 'https://cwe.mitre.org/data/definitions/598.html' },
      { title: 'RFC 9110 §17.9: Disclosure of Sensitive Information in URIs', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-17.9' },
    ],
    divergences: [
      {
        reason: 'Also applies to OpenAPI 2.0 `securityDefinitions` (`type: apiKey, in: query`): the key leaks the same way.',
        explains: (d) => d.side === 'only-ours' && d.model.isOas2 && d.path[0] === 'securityDefinitions' && d.path[d.path.length - 1] === 'in',
      },
    ],
  },
  // Reads the security schemes alone: an edit inside a path item changes none of its findings.
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    // A scheme shared through `$ref` is reported once, at its definition.
    for (const node of new Set(model.securitySchemes().map((s) => s.node))) {
      const type = stringValue(child(node, 'type'));
      if (type !== 'apiKey') continue;
      const location = child(node, 'in');
      const where = stringValue(location);
      if (!where || !URL_LOCATIONS.has(where)) continue;
      report({
        node: location!,
        highlight: 'value',
        message: `API Key passed in URL: scheme "${String(node.key)}" sends its key in the ${where === 'query' ? 'query string' : 'path'}.`,
      });
    }
  },
  fix({ document, finding }) {
    const prop = owningProperty(finding.node);
    const edit = prop && replacePropertyValue(document, prop, 'header');
    return edit ? [{ title: 'Send the API key in a header', edits: [edit], isPreferred: true }] : [];
  },
});
