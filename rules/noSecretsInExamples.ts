import { child, stringValue, type AstNode, type ObjectNode } from '../server/src/engine/ast';
import type { TextEdit } from '../server/src/engine/edit/textEdit';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { findKnownSecrets, findSecretValue, isSecretKey, maskSecret, type SecretMatch } from './support/secrets';

/** Keywords whose content is instance data: what an author pastes from a real request lands here. */
const DATA_KEYWORDS = new Set(['example', 'examples', 'default']);
/** Maps whose keys are names chosen by the author (a property called `example` is not an example). */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'schemas', 'parameters', 'responses', 'headers', 'requestBodies', 'securitySchemes', 'paths', 'webhooks', 'callbacks', 'links', 'content', 'encoding', 'variables']);
const PLACEHOLDER = '<redacted>';

/** The key that says what a data value is: its own key, or for `example`/`default`, the property or parameter it exemplifies. */
function meaningfulKey(node: AstNode): string | undefined {
  const parent = node.parent;
  if (typeof node.key === 'number') return typeof parent?.key === 'string' ? parent.key : undefined;
  // `examples: {prod: {value: ...}}` of a parameter or header: the value exemplifies what owns `examples`.
  const owner = node.key === 'value' && parent?.parent?.key === 'examples' ? parent.parent.parent : node.key === 'example' || node.key === 'default' ? parent : undefined;
  if (!owner) return node.key;
  const name = stringValue(child(owner, 'name'));
  return name ?? (typeof owner.key === 'string' ? owner.key : node.key);
}

interface Visit {
  node: AstNode;
  inData: boolean;
  isNameMap: boolean;
}

/** Every string scalar of the document with whether it is example data, in document order. */
function* strings(root: ObjectNode): Generator<{ node: AstNode & { value: string }; inData: boolean }> {
  const stack: Visit[] = [{ node: root, inData: false, isNameMap: false }];
  const seen = new Set<AstNode>();
  while (stack.length) {
    const { node, inData, isNameMap } = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.kind === 'scalar') {
      if (typeof node.value === 'string') yield { node: node as AstNode & { value: string }, inData };
    } else if (node.kind === 'array') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], inData, isNameMap: false });
    } else {
      for (let i = node.properties.length - 1; i >= 0; i--) {
        const { key, value } = node.properties[i];
        if (!value) continue;
        const data = inData || (!isNameMap && (DATA_KEYWORDS.has(key) || key.startsWith('x-')));
        stack.push({ node: value, inData: data, isNameMap: !data && !isNameMap && NAME_MAPS.has(key) });
      }
    }
  }
}

/** Replaces each secret by the placeholder where the value is written verbatim in the source; nothing when it is not (escapes, folded lines). */
function redactEdits(text: string, node: AstNode, spans: Array<[number, number]>): TextEdit[] | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  const source = text.slice(node.offset, node.end);
  const edits: TextEdit[] = [];
  for (const [start, end] of spans) {
    const secret = node.value.slice(start, end);
    const at = source.indexOf(secret);
    if (at < 0 || source.indexOf(secret, at + 1) >= 0 || node.value.indexOf(secret) !== node.value.lastIndexOf(secret)) return undefined;
    edits.push({ offset: node.offset + at, end: node.offset + at + secret.length, newText: PLACEHOLDER });
  }
  return edits.length ? edits : undefined;
}

export default defineRule({
  id: 'owasp:api8:2023-no-secrets-in-examples',
  title: 'Credential written into the document',
  owasp: 'API8:2023',
  cwe: [798, 312],
  topics: ['credential-protection'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'The document contains a credential. Remove it, rotate it, and use a placeholder.',
  docs: {
    summary:
      'A credential is written into the document: a known token format (AWS access key ID, GitHub, GitLab, Slack, live Stripe, Google, OpenAI or SendGrid key, a PEM private key, a JWT whose claims look issued by a real server) anywhere, including descriptions; or, in `example`, `examples`, `default` and `x-` values, a password in a URL, an `Authorization:` header value, or a random-looking value (length 16+, Shannon entropy 3.5+ bits per character) under a secret-named key such as `password`, `client_secret`, `api_key` or `X-Auth-Token`. The key is the own key of the value, or for an `example`, `default` or `examples.*.value`, the name of the property, parameter or header it exemplifies. Documentation placeholders (`<token>`, `YOUR_API_KEY`, `$OPENAI_API_KEY`, `{{api_key}}`, `xxxx`, values with placeholder words or ending in a typed run such as `123`), vendor sample keys (`AKIA…EXAMPLE`, `sk_test_…`), the jwt.io sample token, `Basic` credentials whose decoded password is a placeholder, and one random value reused as the example of several different credentials (a documentation sample: a real leak is not at once an access token and a refresh token) are not reported. Userinfo in `servers[].url` and `host` is left to `owasp:api8:2023-server-url-credentials`.',
    why:
      'OpenAPI documents are published on developer portals, committed to public repositories and fed to SDK generators and API catalogues: a real key pasted into an example leaks with every copy (CWE-798, CWE-312), and scanners harvest public specs for exactly these formats. The finding message shows only a masked prefix, so it does not spread the secret further.',
    howToFix: 'Replace the value with a placeholder of the same shape (`<redacted>`, `YOUR_API_KEY`), then rotate the credential: removing it from the file does not remove it from history or from the copies already published.',
    example: 'components:\n  securitySchemes:\n    apiKey:\n      type: apiKey\n      in: header\n      name: X-API-Key\n  examples:\n    login:\n      value:\n        client_id: my-app\n        client_secret: <redacted>',
    references: [
      { title: 'OWASP API8:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { title: 'CWE-798: Use of Hard-coded Credentials', url: 'https://cwe.mitre.org/data/definitions/798.html' },
    ],
  },
  check({ model, report }) {
    const all = [...strings(model.root)];
    // The same value as the example of `access_token`, `refresh_token` and `actor_token` is a
    // documentation sample: a real leak does not serve as three different credentials.
    const keysByValue = new Map<string, Set<string>>();
    for (const { node, inData } of all) {
      const key = inData ? meaningfulKey(node) : undefined;
      if (key === undefined || !isSecretKey(key)) continue;
      const keys = keysByValue.get(node.value) ?? new Set();
      keysByValue.set(node.value, keys.add(key.toLowerCase().replace(/[^a-z0-9]/g, '')));
    }
    for (const { node, inData } of all) {
      let matches: SecretMatch[] = findKnownSecrets(node.value, { context: inData });
      const key = inData ? meaningfulKey(node) : undefined;
      if (matches.length === 0 && key !== undefined && isSecretKey(key) && keysByValue.get(node.value)?.size === 1) {
        const value = findSecretValue(node.value);
        if (value) matches = [value];
      }
      if (matches.length === 0) continue;
      const [first] = matches;
      const what = `${first.kind} (${maskSecret(node.value.slice(first.start, first.end))})${matches.length > 1 ? ` and ${matches.length - 1} more` : ''}`;
      const where = inData ? 'Example data contains' : 'The document contains';
      report({
        node,
        highlight: 'value',
        message: `${where} ${what}. Remove it, rotate the credential, and use a placeholder.`,
        data: { spans: matches.map((m) => [m.start, m.end]) },
      });
    }
  },
  fix({ document, finding }) {
    const spans = finding.data?.spans as Array<[number, number]> | undefined;
    const edits = spans && redactEdits(document.text, finding.node, spans);
    return edits ? [{ title: `Replace the secret with ${PLACEHOLDER}`, edits, isPreferred: true }] : [];
  },
});
