import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { child, pathOf } from '../ast';
import { lintText } from '../index';
import { parse } from '../parse';
import { RefResolver } from './refs';
import { allowsAnonymous, describeSecurity, isExplicitlyPublic, requiresAuthentication } from './security';
import { detectVersion } from './version';

const model = (text: string) => lintText(text, { format: 'yaml' }).model!;

describe('OpenAPI model', () => {
  it('detects versions and rejects everything else', () => {
    const v = (text: string) => detectVersion(parse(text, 'yaml').root);
    assert.equal(v('swagger: "2.0"'), '2.0');
    assert.equal(v('openapi: 3.0.3'), '3.0');
    assert.equal(v('openapi: 3.0'), '3.0');
    assert.equal(v('openapi: "3.1.0"'), '3.1');
    assert.equal(v('openapi: 3.2.0'), '3.1');
    assert.equal(v('openapi: 4.0.0'), undefined);
    assert.equal(v('swagger: "1.2"'), undefined);
    assert.equal(v('- openapi: 3.0.0'), undefined);
  });

  it('computes effective security with OpenAPI semantics', () => {
    const m = model(`openapi: 3.0.3
security: [{oauth: [read]}, {key: [], cert: []}]
paths:
  /inherit: {get: {}}
  /public: {get: {security: []}}
  /optional: {get: {security: [{}, {key: []}]}}
  /own: {get: {security: [{key: []}]}}
`);
    const byPath = Object.fromEntries(model_ops(m).map((op) => [op.path, op.security]));
    assert.equal(byPath['/inherit'].source, 'root');
    assert.ok(requiresAuthentication(byPath['/inherit']));
    assert.equal(describeSecurity(byPath['/inherit']), 'requires oauth (read), or key + cert');
    assert.ok(isExplicitlyPublic(byPath['/public']));
    assert.equal(describeSecurity(byPath['/public']), 'explicitly public (`security: []`)');
    assert.ok(allowsAnonymous(byPath['/optional']) && !requiresAuthentication(byPath['/optional']));
    assert.equal(describeSecurity(byPath['/optional']), 'anonymous allowed, or requires key');
    assert.equal(byPath['/own'].source, 'operation');
    const none = model_ops(model('openapi: 3.0.3\npaths: {/a: {get: {}}}'))[0].security;
    assert.equal(none.source, 'none');
    assert.ok(!isExplicitlyPublic(none) && !requiresAuthentication(none));
  });

  it('merges path-level parameters, letting the operation override by name and location', () => {
    const m = model(`openapi: 3.0.3
paths:
  /a/{id}:
    parameters:
      - {name: id, in: path, schema: {type: integer}}
      - {name: q, in: query, schema: {type: string}}
    get:
      parameters:
        - {name: id, in: path, schema: {type: string}}
        - $ref: '#/components/parameters/Limit'
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer}}
`);
    const params = model_ops(m)[0].parameters;
    assert.deepEqual(params.map((p) => `${p.in}:${p.name}`), ['query:q', 'path:id', 'query:limit']);
    assert.deepEqual(pathOf(params[2].schema!), ['components', 'parameters', 'Limit', 'schema']);
  });

  it('resolves local refs with JSON-pointer escapes and stops on cycles', () => {
    const doc = parse(`a: {$ref: '#/b'}\nb: {$ref: '#/a'}\nself: {$ref: '#/self'}\nc~d: {x: 1}\n"e/f": {y: 2}\ng: {$ref: '#/c~0d'}\nh: {$ref: '#/e~1f'}\nlist: [{$ref: '#/list/1'}, {z: 3}]\n`, 'yaml');
    const refs = new RefResolver(doc.root);
    assert.equal(refs.resolve(child(doc.root, 'a')), undefined);
    assert.equal(refs.resolve(child(doc.root, 'self')), undefined);
    assert.equal(refs.resolve(child(doc.root, 'g')), child(doc.root, 'c~d'));
    assert.equal(refs.resolve(child(doc.root, 'h')), child(doc.root, 'e/f'));
    const list = child(doc.root, 'list');
    assert.equal(refs.resolve(list?.kind === 'array' ? list.items[0] : undefined), list?.kind === 'array' ? list.items[1] : null);
  });

  it('visits every schema once, at its definition, through refs, combinators and cycles', () => {
    const m = model(`openapi: 3.1.0
paths:
  /a:
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
      responses:
        '200': {description: OK, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}}
components:
  schemas:
    Pet:
      type: object
      properties:
        owner: {$ref: '#/components/schemas/Owner'}
        tags: {type: array, prefixItems: [{type: string}]}
    Owner:
      allOf: [{$ref: '#/components/schemas/Pet'}, {type: object, additionalProperties: {type: string}}]
`);
    const paths = m.schemas().map((s) => pathOf(s.node).join('.'));
    assert.deepEqual(paths, [
      'paths./a.post.responses.200.content.application/json.schema',
      'components.schemas.Pet',
      'components.schemas.Pet.properties.tags',
      'components.schemas.Pet.properties.tags.prefixItems.0',
      'components.schemas.Owner',
      'components.schemas.Owner.allOf.1',
      'components.schemas.Owner.allOf.1.additionalProperties',
    ]);
  });

  it('lists webhooks and callbacks as outbound operations, with request bodies resolved', () => {
    const m = model(`openapi: 3.1.0
paths:
  /subscribe:
    post:
      requestBody: {$ref: '#/components/requestBodies/Sub'}
      callbacks:
        onEvent:
          '{$request.body#/callbackUrl}':
            post: {responses: {'200': {description: OK}}}
webhooks:
  newPet:
    post: {responses: {'200': {description: OK}}}
components:
  requestBodies:
    Sub: {content: {application/json: {schema: {type: object}}}}
`);
    assert.deepEqual(pathOf(m.operations()[0].requestBody!), ['components', 'requestBodies', 'Sub']);
    const outbound = m.outboundOperations().map((op) => `${op.kind}:${op.name}:${op.path}:${op.method}:${op.owner?.path ?? '-'}`);
    assert.deepEqual(outbound, ['webhook:newPet:newPet:post:-', 'callback:onEvent:{$request.body#/callbackUrl}:post:/subscribe']);
  });

  it('includes the header schemas of multipart encodings', () => {
    const m = model(`openapi: 3.0.3
paths:
  /upload:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object}
            encoding:
              file:
                headers:
                  X-Part: {schema: {type: string}}
`);
    assert.ok(m.schemas().some((s) => pathOf(s.node).join('.').endsWith('encoding.file.headers.X-Part.schema')));
  });

  it('lists servers at every level with variables substituted, and OAS2 schemes', () => {
    const m = model(`openapi: 3.0.3
servers: [{url: '{proto}://x.example.com/{v}', variables: {proto: {default: https}, v: {default: v1}}}]
paths: {/a: {servers: [{url: http://a.example.com}], get: {servers: [{url: /rel}]}}}
`);
    assert.deepEqual(m.servers().map((s) => s.resolvedUrl), ['https://x.example.com/v1', 'http://a.example.com', '/rel']);
    const m2 = model("swagger: '2.0'\nschemes: [http, https]\npaths: {/a: {get: {schemes: [ws]}}}\n");
    assert.deepEqual(m2.schemeEntries().map((e) => e.value), ['http', 'https', 'ws']);
    const m3 = model("swagger: '2.0'\nhost: api.example.com\nbasePath: /v2\npaths: {}\n");
    assert.equal(m3.oas2Host().host?.value, 'api.example.com');
    assert.equal(m3.oas2Host().basePath, '/v2');
  });
});

function model_ops(m: ReturnType<typeof model>) {
  return m.operations();
}
