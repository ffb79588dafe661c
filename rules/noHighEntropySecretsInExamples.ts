import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { meaningfulKey, modelStrings, redactFix, secretMessage } from './support/secretScan';
import { findKnownSecrets, findSecretValue, isSecretKey, MIN_ENTROPY, MIN_SECRET_LENGTH } from './support/secrets';

export default defineRule({
  id: 'owasp:api8:2023-no-high-entropy-secrets-in-examples',
  title: 'Random-looking secret in example data',
  owasp: 'API8:2023',
  cwe: [798, 312],
  topics: ['credential-protection'],
  severity: 'warning',
  versions: ALL_VERSIONS,
  message: 'Example data contains a value that looks like a real secret. Use a placeholder.',
  docs: {
    summary: `In \`example\`, \`examples\`, \`default\` and \`x-\` values, a key named like a secret (\`password\`, \`client_secret\`, \`api_key\`, \`access_token\`, \`X-Auth-Token\`, \`Authorization\`; not \`next_page_token\`, \`max_tokens\` or \`token_type\`) holds a random-looking value: ${MIN_SECRET_LENGTH}+ characters mixing letters and digits, Shannon entropy ${MIN_ENTROPY}+ bits per character, no placeholder words. The key is the value's own key, or for an \`example\`, \`default\` or \`examples.*.value\`, the name of the property, parameter or header it exemplifies; a \`Bearer \` or \`Basic \` prefix is looked through. Documentation placeholders (\`<token>\`, \`YOUR_API_KEY\`, \`{{api_key}}\`, \`xxxx\`, values with placeholder words or ending in a typed run such as \`123\`), UUIDs, words joined by separators, JWTs that are not issued by a real server, and one value reused as the example of several different keys (a documentation sample: a real leak is not at once an access token and an authorization code) are not reported. Values in a known credential format are \`owasp:api8:2023-no-secrets-in-examples\`.`,
    why:
      'Authors paste real responses and real configuration into examples; a secret there is published with the document (CWE-798, CWE-312). Unlike a known token format, a random string cannot be proven to be a live credential, which is why this rule is a warning: a realistic-looking sample teaches readers nothing a placeholder would not, and it trains them to ignore real leaks.',
    howToFix: 'Replace the value with a placeholder (`<redacted>`, `YOUR_CLIENT_SECRET`); if it ever was a real credential, rotate it.',
    example: 'components:\n  examples:\n    login:\n      value:\n        client_id: my-app\n        client_secret: <redacted>',
    references: [
      { title: 'OWASP API8:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { title: 'CWE-798: Use of Hard-coded Credentials', url: 'https://cwe.mitre.org/data/definitions/798.html' },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    const data = modelStrings(model).filter((s) => s.inData);
    const keysByValue = new Map<string, Set<string>>();
    for (const { node } of data) {
      const key = meaningfulKey(node);
      if (key !== undefined) keysByValue.set(node.value, (keysByValue.get(node.value) ?? new Set()).add(key.toLowerCase().replace(/[^a-z0-9]/g, '')));
    }
    for (const { node } of data) {
      const key = meaningfulKey(node);
      if (key === undefined || !isSecretKey(key) || keysByValue.get(node.value)!.size > 1) continue;
      if (findKnownSecrets(node.value, { context: true }).length) continue;
      const match = findSecretValue(node.value);
      if (match) report({ node, highlight: 'value', message: secretMessage(node.value, [match], true), data: { spans: [[match.start, match.end]] } });
    }
  },
  fix: redactFix,
});
