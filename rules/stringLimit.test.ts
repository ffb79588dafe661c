import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFindingPaths, diagnosticsFor, lint, openapi, positions, variants } from '../test/support/ruleHarness';
import { isBoundedPattern } from './support/schemaLimits';

const CODE = 'owasp:api4:2023-string-limit';
type Version = '2.0' | '3.0' | '3.1';
const withSchemas = (version: Version, schemas: Record<string, unknown>, paths: Record<string, unknown> = {}) =>
  version === '2.0' ? openapi(version, { paths, definitions: schemas }) : openapi(version, { paths, components: { schemas } });
const base = (version: Version) => (version === '2.0' ? 'definitions' : 'components.schemas');

describe(CODE, () => {
  for (const version of ['2.0', '3.0', '3.1'] as const) {
    it(`reports strings without a length bound in OAS ${version}`, () => {
      const doc = withSchemas(version, {
        Free: { type: 'string' },
        Short: { type: 'string', maxLength: 10 },
        Status: { type: 'string', enum: ['on', 'off'] },
        Holder: { type: 'object', properties: { name: { type: 'string', format: 'password' }, link: { type: 'string', format: 'uri' }, blob: { type: 'string', format: 'byte' } } },
        NotString: { type: 'integer' },
      });
      const b = base(version);
      assertFindingPaths(CODE, doc, [`${b}.Free`, `${b}.Holder.properties.name`, `${b}.Holder.properties.link`, `${b}.Holder.properties.blob`]);
    });

    it(`accepts a bounded pattern or format in OAS ${version}`, () => {
      const doc = withSchemas(version, {
        Sid: { type: 'string', pattern: '^AC[0-9a-fA-F]{32}$' },
        Kind: { type: 'string', pattern: '^(SM|MM)[0-9]{2,4}$' },
        Digits: { type: 'string', pattern: '^[1-9]\\d*$' },
        Open: { type: 'string', pattern: '^[a-z]{2,}$' },
        Unanchored: { type: 'string', pattern: '[a-z]{3}' },
        Id: { type: 'string', format: 'uuid' },
        When: { type: 'string', format: 'date-time' },
        Mail: { type: 'string', format: 'email' },
        Big: { type: 'string', format: 'int64' },
      });
      const b = base(version);
      assertFindingPaths(CODE, doc, [`${b}.Digits`, `${b}.Open`, `${b}.Unanchored`]);
    });

    it(`ignores examples, defaults, extensions and negated schemas in OAS ${version}`, () => {
      const doc = withSchemas(version, {
        Documented: { type: 'object', example: { type: 'string' }, 'x-meta': { nested: { type: 'string' } }, properties: { default: { type: 'string', maxLength: 3 } } },
        NotText: { not: { type: 'string' } },
      });
      assertFindingPaths(CODE, doc, []);
    });
  }

  it('leaves file bodies and multipart parts to the server size limit, but not binary inside JSON (OAS 3)', () => {
    const binary = { type: 'string', format: 'binary' };
    const doc = withSchemas('3.0', { Upload: { type: 'object', properties: { file: binary, files: { type: 'array', maxItems: 5, items: binary } } }, Json: { type: 'object', properties: { content: binary } } }, {
      '/a': {
        post: {
          requestBody: { content: { 'multipart/form-data': { schema: { $ref: '#/components/schemas/Upload' } }, 'application/json': { schema: { $ref: '#/components/schemas/Json' } } } },
          responses: { '200': { description: 'OK', content: { 'application/octet-stream': { schema: binary } } } },
        },
      },
    });
    assertFindingPaths(CODE, doc, ['components.schemas.Json.properties.content']);
    const { format, text } = variants(doc)[0];
    assert.match(diagnosticsFor(lint(text, format), CODE)[0].message, /binary data inside JSON is an ordinary string/);
  });

  it('leaves OAS 2.0 binary bodies and form parameters alone, and reports string parameters', () => {
    const doc = openapi('2.0', {
      paths: {
        '/a': {
          post: {
            parameters: [{ name: 'q', in: 'query', type: 'string' }, { name: 'body', in: 'body', schema: { type: 'string', format: 'binary' } }, { name: 'f', in: 'formData', type: 'string', format: 'binary' }],
            responses: { '200': { description: 'OK', schema: { type: 'string', format: 'binary' }, headers: { 'X-Trace': { type: 'string' } } } },
          },
        },
      },
    });
    assertFindingPaths(CODE, doc, ['paths./a.post.parameters.0', 'paths./a.post.responses.200.headers.X-Trace']);
  });

  it('reads 3.1 type lists and content keywords: raw parts pass, base64 text needs maxLength', () => {
    const doc = withSchemas('3.1', { Form: { type: 'object', properties: { photo: { type: 'string', contentMediaType: 'image/png' }, encoded: { type: 'string', contentEncoding: 'base64' } } }, Name: { type: ['string', 'null'] } }, {
      '/a': { post: { requestBody: { content: { 'multipart/form-data': { schema: { $ref: '#/components/schemas/Form' } } } }, responses: { '204': { description: 'No content' } } } },
    });
    assertFindingPaths(CODE, doc, ['components.schemas.Form.properties.encoded', 'components.schemas.Name']);
  });

  it('underlines the type', () => {
    const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Name:\n      type: string\n    Maybe:\n      type:\n        - 'null'\n        - string\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['7:13-7:19', '11:11-11:17']);
  });

  it('judges patterns by their length bound', () => {
    for (const bounded of ['^a$', '^[a-z]{1,5}$', '^(ab|cd)?x$', '^[*+]{2}$', '^\\d{3}-\\d{4}$', '^a\\\\$']) assert.ok(isBoundedPattern(bounded), bounded);
    for (const open of ['a{3}', '^a', 'a$', '^a+$', '^a*$', '^a{2,}$', '^a$|^b$', '^a\\$', '^(a$', '^[a-z$']) assert.ok(!isBoundedPattern(open), open);
  });
});
