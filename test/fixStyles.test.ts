import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as parseYaml, stringify } from 'yaml';
import { KNOWN, randomText } from './support/fakeSecrets';
import { applyFix } from './support/ruleHarness';

/**
 * Every quick fix, on the same document written five ways: block YAML (exact text expected),
 * CRLF, YAML with comments everywhere, flow YAML and JSON (the same data expected). Each run
 * also checks, through applyFix, that the finding is gone, nothing new appeared (but for the
 * listed codes) and the text still parses.
 */
interface Case {
  code: string;
  title: string;
  before: string;
  after: string;
  allowNew?: string[];
}

const doc = (body: string) => `openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n${body}`;
const secret = randomText('fix-styles', 32);
/** A User schema that POST /users accepts and returns, with `properties` as given. */
const sharedUser = (properties: string) =>
  doc(`paths:\n  /users:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/User'\n      responses:\n        '201':\n          description: Created\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/User'\ncomponents:\n  schemas:\n    User:\n      type: object\n      properties:\n${properties}`);
const CASES: Case[] = [
  { code: 'owasp:api4:2023-string-limit', title: 'Add maxLength', before: doc('paths: {}\ncomponents:\n  schemas:\n    Name:\n      type: string\n      format: hostname-ish\n'), after: doc('paths: {}\ncomponents:\n  schemas:\n    Name:\n      type: string\n      format: hostname-ish\n      maxLength: 1024 # conservative default: adjust to the real limit\n') },
  { code: 'owasp:api4:2023-array-limit', title: 'Add maxItems', before: doc('paths: {}\ncomponents:\n  schemas:\n    Tags:\n      type: array\n      items:\n        type: string\n        enum: [a, b]\n'), after: doc('paths: {}\ncomponents:\n  schemas:\n    Tags:\n      type: array\n      items:\n        type: string\n        enum: [a, b]\n      maxItems: 1000 # conservative default: adjust to the real limit\n') },
  { code: 'owasp:api4:2023-integer-limit-legacy', title: 'Add minimum and maximum', before: doc('paths: {}\ncomponents:\n  schemas:\n    Count:\n      type: integer\n      format: int32\n'), after: doc('paths: {}\ncomponents:\n  schemas:\n    Count:\n      type: integer\n      format: int32\n      minimum: -2147483648 # conservative default: adjust to the real limit\n      maximum: 2147483647 # conservative default: adjust to the real limit\n') },
  { code: 'owasp:api4:2023-integer-format', title: 'Add format: int64', before: doc('paths: {}\ncomponents:\n  schemas:\n    Count:\n      type: integer\n      minimum: 0\n      maximum: 10\n'), after: doc('paths: {}\ncomponents:\n  schemas:\n    Count:\n      type: integer\n      minimum: 0\n      maximum: 10\n      format: int64 # conservative default: adjust to the real limit\n') },
  {
    code: 'owasp:api4:2023-rate-limit',
    title: 'Declare RateLimit and RateLimit-Policy headers',
    before: doc("paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n          headers:\n            X-Id:\n              schema:\n                type: string\n                format: uuid\n"),
    after: doc("paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n          headers:\n            X-Id:\n              schema:\n                type: string\n                format: uuid\n            RateLimit:\n              description: Remaining quota in the current window (IETF RateLimit header fields).\n              schema:\n                type: string\n                maxLength: 256\n                pattern: \"^[\\\\x20-\\\\x7E]*$\"\n            RateLimit-Policy:\n              description: \"The quota policy: requests per window.\"\n              schema:\n                type: string\n                maxLength: 256\n                pattern: \"^[\\\\x20-\\\\x7E]*$\"\n"),
    allowNew: ['owasp:api8:2023-define-cors-origin'],
  },
  {
    code: 'owasp:api2:2023-no-api-keys-in-url',
    title: 'Send the API key in a header',
    before: doc("paths: {}\ncomponents:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: query\n      name: api_key\n"),
    after: doc("paths: {}\ncomponents:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: api_key\n"),
  },
  {
    code: 'owasp:api2:2023-write-restricted',
    title: 'Require key for this operation',
    before: doc("paths:\n  /a:\n    post:\n      responses:\n        '204':\n          description: Done\ncomponents:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: X-Key\n"),
    after: doc("paths:\n  /a:\n    post:\n      responses:\n        '204':\n          description: Done\n      security:\n        - key: []\ncomponents:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: X-Key\n"),
    allowNew: ['owasp:api8:2023-define-error-responses-401', 'owasp:api5:2023-define-error-responses-403'],
  },
  {
    code: 'owasp:api1:2023-no-numeric-ids',
    title: 'Use a random UUID string instead of an integer',
    before: doc("paths:\n  /a/{id}:\n    get:\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: integer\n            format: int64\n      responses:\n        '204':\n          description: Done\n"),
    after: doc("paths:\n  /a/{id}:\n    get:\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n            format: uuid\n      responses:\n        '204':\n          description: Done\n"),
  },

  {
    code: 'owasp:api3:2023-no-additionalProperties',
    title: 'Set additionalProperties: false',
    before: doc('paths: {}\ncomponents:\n  schemas:\n    User:\n      type: object\n      additionalProperties: true\n'),
    after: doc('paths: {}\ncomponents:\n  schemas:\n    User:\n      type: object\n      additionalProperties: false\n'),
  },
  {
    code: 'owasp:api3:2023-no-unevaluatedProperties',
    title: 'Set unevaluatedProperties: false',
    before: 'openapi: 3.1.0\ninfo:\n  title: t\n  version: \'1\'\npaths: {}\ncomponents:\n  schemas:\n    User:\n      type: object\n      unevaluatedProperties: true\n',
    after: 'openapi: 3.1.0\ninfo:\n  title: t\n  version: \'1\'\npaths: {}\ncomponents:\n  schemas:\n    User:\n      type: object\n      unevaluatedProperties: false\n',
  },
  {
    code: 'owasp:api8:2023-no-server-http',
    title: 'Switch the server URL to https',
    before: doc('servers:\n  - url: http://api.example.com\n    x-internal: false\n    description: production\npaths: {}\n'),
    after: doc('servers:\n  - url: https://api.example.com\n    x-internal: false\n    description: production\npaths: {}\n'),
  },
  {
    code: 'owasp:api9:2023-inventory-access',
    title: 'Mark the server as public (x-internal: false)',
    before: doc('servers:\n  - url: https://api.example.com\n    description: production\npaths: {}\n'),
    after: doc('servers:\n  - url: https://api.example.com\n    description: production\n    x-internal: false\npaths: {}\n'),
  },
  {
    code: 'owasp:api8:2023-define-error-responses-401',
    title: 'Add a 401 Unauthorized response',
    before: doc("security:\n  - key: []\npaths:\n  /a:\n    get:\n      responses:\n        '400':\n          description: Bad\n          content:\n            application/json:\n              schema:\n                type: object\ncomponents:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: X-Key\n"),
    after: doc("security:\n  - key: []\npaths:\n  /a:\n    get:\n      responses:\n        '400':\n          description: Bad\n          content:\n            application/json:\n              schema:\n                type: object\n        '401':\n          description: Unauthorized\n          content:\n            application/json:\n              schema:\n                type: object\ncomponents:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: X-Key\n"),
    allowNew: ['owasp:api4:2023-rate-limit'],
  },
  {
    code: 'owasp:api4:2023-rate-limit-responses-429',
    title: 'Add a 429 Too Many Requests response',
    before: doc("paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n"),
    after: doc("paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n        '429':\n          description: Too Many Requests\n          headers:\n            Retry-After:\n              description: Seconds to wait before retrying.\n              schema:\n                type: integer\n                format: int32\n                minimum: 0\n                maximum: 86400\n            RateLimit:\n              description: Remaining quota in the current window (IETF RateLimit header fields).\n              schema:\n                type: string\n                maxLength: 256\n                pattern: '^[\\x20-\\x7E]*$'\n            RateLimit-Policy:\n              description: 'The quota policy: requests per window.'\n              schema:\n                type: string\n                maxLength: 256\n                pattern: '^[\\x20-\\x7E]*$'\n          content:\n            application/json:\n              schema:\n                type: object\n"),
    allowNew: ['owasp:api8:2023-define-cors-origin'],
  },
  {
    code: 'owasp:api8:2023-define-error-responses-500',
    title: 'Add a 500 Internal Server Error response',
    before: doc("paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n"),
    after: doc("paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: OK\n        '500':\n          description: Internal Server Error\n          content:\n            application/json:\n              schema:\n                type: object\n"),
  },
  {
    code: 'owasp:api8:2023-no-secrets-in-examples',
    title: 'Replace the secret with <redacted>',
    before: doc(`paths: {}\nx-deploy:\n  region: eu-west-1\n  github_token: ${KNOWN[1][1]}\n`),
    after: doc('paths: {}\nx-deploy:\n  region: eu-west-1\n  github_token: <redacted>\n'),
  },
  {
    code: 'owasp:api8:2023-no-high-entropy-secrets-in-examples',
    title: 'Replace the secret with <redacted>',
    before: doc(`paths: {}\ncomponents:\n  examples:\n    login:\n      value:\n        client_id: my-app\n        client_secret: ${secret}\n`),
    after: doc('paths: {}\ncomponents:\n  examples:\n    login:\n      value:\n        client_id: my-app\n        client_secret: <redacted>\n'),
  },
  {
    code: 'owasp:api3:2023-sensitive-properties-write-only',
    title: 'Add writeOnly: true',
    before: sharedUser('        password:\n          type: string\n          minLength: 12\n'),
    after: sharedUser('        password:\n          type: string\n          minLength: 12\n          writeOnly: true\n'),
  },
  {
    code: 'owasp:api3:2023-server-managed-properties-read-only',
    title: 'Add readOnly: true',
    before: sharedUser('        role:\n          type: string\n          enum: [user, admin]\n'),
    after: sharedUser('        role:\n          type: string\n          enum: [user, admin]\n          readOnly: true\n'),
  },
];

const commented = (text: string) => text.replace(/^( *)(\S.*)$/gm, '$1# note\n$1$2');
const uncommented = (text: string) => text.replace(/^ *# note\r?\n/gm, '');

describe('quick fixes in every style', () => {
  for (const c of CASES) {
    it(`${c.code}: ${c.title}`, () => {
      const block = applyFix(c.before, 'yaml', c.code, 0, c.allowNew);
      assert.equal(block.title, c.title);
      assert.equal(block.text, c.after);
      const crlf = applyFix(c.before.replace(/\n/g, '\r\n'), 'yaml', c.code, 0, c.allowNew).text;
      assert.equal(crlf, c.after.replace(/\n/g, '\r\n'), 'CRLF kept, no lone LF');
      const withComments = applyFix(commented(c.before), 'yaml', c.code, 0, c.allowNew).text;
      assert.equal((withComments.match(/# note/g) ?? []).length, (commented(c.before).match(/# note/g) ?? []).length, 'every comment kept');
      assert.deepEqual(parseYaml(uncommented(withComments)), parseYaml(c.after));
      const data = parseYaml(c.before);
      const expected = parseYaml(c.after);
      const flow = applyFix(stringify(data, { collectionStyle: 'flow' }), 'yaml', c.code, 0, c.allowNew).text;
      assert.deepEqual(parseYaml(flow), expected, 'flow YAML');
      const json = applyFix(JSON.stringify(data, null, 2), 'json', c.code, 0, c.allowNew).text;
      assert.deepEqual(JSON.parse(json), expected, 'JSON');
    });
  }
});
