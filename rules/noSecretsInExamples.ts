import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';
import { modelStrings, redactFix, secretMessage } from './support/secretScan';
import { findKnownSecrets } from './support/secrets';

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
      'A credential in a known format is written into the document: an AWS access key ID, a GitHub, GitLab or Slack token, a Slack webhook URL, a live Stripe, Google, OpenAI or SendGrid key, a PEM private key with key material, or a JWT whose claims look issued by a real server (anywhere, descriptions included); or, in `example`, `examples`, `default` and `x-` values, a password in a URL (`postgres://app:<password>@db`) or an `Authorization: Bearer|Basic|Token` header value. Vendor sample keys (`AKIA…EXAMPLE`, `sk_test_…`), the jwt.io sample token, JWTs about `example.com` or `John Doe`, and placeholder passwords and tokens (`<token>`, `$TOKEN`, `YOUR_API_KEY`, a `Basic` value that decodes to `user:password`) are not reported. Random-looking values under secret-named keys are `owasp:api8:2023-no-high-entropy-secrets-in-examples`; userinfo in `servers[].url` and `host` is `owasp:api8:2023-server-url-credentials`.',
    why:
      'OpenAPI documents are published on developer portals, committed to public repositories and fed to SDK generators and API catalogues: a real key pasted into an example or a description leaks with every copy (CWE-798, CWE-312), and scanners harvest public specs for exactly these formats. The finding message shows only a masked prefix, so it does not spread the secret further.',
    howToFix: 'Replace the value with a placeholder of the same shape (`<redacted>`, `YOUR_API_KEY`), then rotate the credential: removing it from the file does not remove it from history or from the copies already published.',
    example: 'x-codeSamples:\n  - lang: curl\n    source: curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/v1/me',
    references: [
      { title: 'OWASP API8:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { title: 'CWE-798: Use of Hard-coded Credentials', url: 'https://cwe.mitre.org/data/definitions/798.html' },
    ],
  },
  incremental: { scope: 'path-item' },
  check({ model, report }) {
    for (const { node, inData } of modelStrings(model)) {
      const matches = findKnownSecrets(node.value, { context: inData });
      if (matches.length) report({ node, highlight: 'value', message: secretMessage(node.value, matches, inData), data: { spans: matches.map((m) => [m.start, m.end]) } });
    }
  },
  fix: redactFix,
});
