import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HoverRequest, type Hover, type MarkupContent, type Position } from 'vscode-languageserver-protocol/node';
import { randomText } from '../support/fakeSecrets';
import { LspTestClient } from '../support/lspClient';
import { repoRoot } from '../support/paths';

const fixture = (name: string) => readFileSync(path.join(repoRoot, 'test', 'fixtures', name), 'utf8');

/** The position of the n-th occurrence of `needle` in `text`, plus `shift` characters. */
function positionOf(text: string, needle: string, shift = 0, occurrence = 0): Position {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} not in fixture`);
  const before = text.slice(0, index + shift);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('hovers on security-relevant keys', () => {
  let client: LspTestClient;
  const yamlUri = 'file:///w/keys.yaml';
  const jsonUri = 'file:///w/keys.json';
  const yaml = fixture('security-keys-3.1.yaml');
  const json = fixture('security-keys-2.0.json');
  const hover = async (uri: string, position: Position): Promise<{ value: string; hover: Hover | null }> => {
    const result = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return { value: (result?.contents as MarkupContent | undefined)?.value ?? '', hover: result };
  };

  before(async () => {
    client = await LspTestClient.start({ settings: () => ({}) });
    await client.open(yamlUri, 'yaml', yaml);
    await client.open(jsonUri, 'json', json);
    await client.diagnosticsFor(yamlUri, 1);
    await client.diagnosticsFor(jsonUri, 1);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('explains each kind of security scheme (YAML, 3.1)', async () => {
    const bearer = await hover(yamlUri, positionOf(yaml, '    bearer:', 6));
    assert.match(bearer.value, /\*\*Bearer JWT\*\*/);
    assert.match(bearer.value, /RFC 8725/);
    assert.match(bearer.value, /Required \(alone or with others\) by 1 of 2 operations/);
    assert.match((await hover(yamlUri, positionOf(yaml, '    apiKey:', 6))).value, /API key in the query string/);
    assert.match((await hover(yamlUri, positionOf(yaml, '    mtls:\n      type', 6))).value, /Mutual TLS[\s\S]*RFC 8705/);
    assert.match((await hover(yamlUri, positionOf(yaml, 'implicit:', 2))).value, /implicit flow \(deprecated\)[\s\S]*RFC 9700/);
  });

  it('computes the effective security of the root and of each operation', async () => {
    const root = await hover(yamlUri, positionOf(yaml, 'security:', 2));
    assert.match(root.value, /Applies to every operation without its own `security` \(1 of 2\): requires bearer, or apiKey \+ mtls\./);
    const publicPost = await hover(yamlUri, positionOf(yaml, 'security: []', 2));
    assert.match(publicPost.value, /Effective security of POST \/pets: explicitly public/);
    const get = await hover(yamlUri, positionOf(yaml, '    get:', 5));
    assert.match(get.value, /Effective security of GET \/pets: requires bearer, or apiKey \+ mtls\./);
    assert.deepEqual(get.hover?.range, { start: { line: 12, character: 4 }, end: { line: 12, character: 7 } });
  });

  it('states the transport baseline on servers, with the facts of this server', async () => {
    const server = await hover(yamlUri, positionOf(yaml, 'https://api.example.com', 3));
    assert.match(server.value, /Transport security baseline[\s\S]*This server uses TLS[\s\S]*RFC 9325[\s\S]*RFC 6797/);
  });

  it('documents status codes and response headers on their keys', async () => {
    assert.match((await hover(yamlUri, positionOf(yaml, "'429'", 2))).value, /429 Too Many Requests[\s\S]*Retry-After[\s\S]*RFC 6585/);
    assert.match((await hover(yamlUri, positionOf(yaml, "'401'", 2))).value, /401 Unauthorized[\s\S]*RFC 9110 §15\.5\.2/);
    assert.match((await hover(yamlUri, positionOf(yaml, 'Strict-Transport-Security', 3))).value, /HSTS[\s\S]*RFC 6797/);
    assert.match((await hover(yamlUri, positionOf(yaml, 'RateLimit-Policy', 3))).value, /RateLimit headers/);
    assert.equal((await hover(yamlUri, positionOf(yaml, 'description: OK', 3))).hover, null, 'ordinary keys have no hover');
  });

  it('works in JSON and OAS 2.0: definitions, flows, host and requirements', async () => {
    assert.match((await hover(jsonUri, positionOf(json, '"basic": { "type"', 2))).value, /HTTP Basic authentication[\s\S]*RFC 7617/);
    assert.match((await hover(jsonUri, positionOf(json, '"oauth"', 2))).value, /password flow \(deprecated\)/);
    assert.match((await hover(jsonUri, positionOf(json, '"host"', 2))).value, /Transport security baseline/);
    assert.match((await hover(jsonUri, positionOf(json, '"security"', 2))).value, /Effective security of GET \/pets: anonymous allowed, or requires basic\./);
    assert.match((await hover(jsonUri, positionOf(json, '"403"', 2))).value, /403 Forbidden/);
  });

  it('combines findings and key docs in one hover, with compliance references', async () => {
    const result = await hover(yamlUri, positionOf(yaml, '    apiKey:', 6));
    assert.match(result.value, /\*\*API key in the query string\*\*/);
    const sections = result.value.split('\n\n---\n\n');
    assert.ok(sections.length >= 1);
    const finding = await hover(yamlUri, positionOf(yaml, 'in: query', 5));
    assert.match(finding.value, /no-api-keys-in-url/);
    assert.match(finding.value, /\*\*Supports:\*\* .*OWASP ASVS 4\.0\.3 V13\.1\.3/);
    assert.match(finding.value, /CWE-\d+\]\(https:\/\/cwe\.mitre\.org\/data\/definitions\/\d+\.html\)/);
  });

  it('hovers the sensitive-data findings: masked secret, CWE, quick fix', async () => {
    const uri = 'file:///w/sensitive.yaml';
    const secret = randomText('hover', 32);
    const text = [
      'openapi: 3.0.3',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /users:',
      '    post:',
      '      requestBody:',
      '        content:',
      "          application/json: {schema: {$ref: '#/components/schemas/User'}}",
      '      responses:',
      "        '201':",
      '          description: Created',
      '          content:',
      "            application/json: {schema: {$ref: '#/components/schemas/User'}}",
      'components:',
      '  schemas:',
      '    User:',
      '      type: object',
      '      properties:',
      '        password:',
      '          type: string',
      `          example: ${secret}`,
      '',
    ].join('\n');
    await client.open(uri, 'yaml', text);
    const published = await client.diagnosticsFor(uri, 1);
    const codes = published.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('owasp:api8:2023-no-high-entropy-secrets-in-examples') && codes.includes('owasp:api3:2023-sensitive-properties-write-only'), codes.join(', '));
    assert.ok(!published.diagnostics.some((d) => JSON.stringify(d.message).includes(secret.slice(0, 8))), 'no message repeats the secret');
    const onSecret = await hover(uri, positionOf(text, secret, 3));
    assert.match(onSecret.value, /\*\*Random-looking secret in example data\*\*/);
    assert.match(onSecret.value, /CWE-798/);
    assert.match(onSecret.value, /A quick fix is available/);
    assert.ok(!onSecret.value.includes(secret.slice(0, 8)), 'the hover does not repeat the secret');
    const onPassword = await hover(uri, positionOf(text, 'password:', 2));
    assert.match(onPassword.value, /\*\*Sensitive property shared by requests and responses without writeOnly\*\*/);
    assert.match(onPassword.value, /API3:2023 Broken Object Property Level Authorization/);
    assert.match(onPassword.value, /CWE-213/);
  });
});

describe('hovers for plain-text clients', () => {
  it('renders findings and key docs without markdown', async () => {
    const client = await LspTestClient.start({ capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] } } } });
    try {
      const yaml = fixture('security-keys-3.1.yaml');
      await client.open('file:///w/p.yaml', 'yaml', yaml);
      await client.diagnosticsFor('file:///w/p.yaml', 1);
      const result = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///w/p.yaml' }, position: positionOf(yaml, 'in: query', 5) });
      const contents = result?.contents as MarkupContent;
      assert.equal(contents.kind, 'plaintext');
      assert.doesNotMatch(contents.value, /\*\*|\]\(/);
      assert.match(contents.value, /Supports: .*GDPR|Supports: .*ISO/);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
