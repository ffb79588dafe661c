import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, assertFindingPaths, lint, openapi, positions } from '../test/support/ruleHarness';

const CODE = 'owasp:api10:2023-callback-http';
const ok = { '200': { description: 'OK' } };
const delivery = { post: { responses: ok } };

describe(CODE, () => {
  for (const version of ['3.0', '3.1'] as const) {
    it(`reports literal http callback URLs and http callback servers in OAS ${version}`, () => {
      const doc = openapi(version, {
        paths: {
          '/subscribe': {
            post: {
              responses: ok,
              callbacks: {
                plain: { 'http://hooks.example.com/{$request.body#/id}': delivery },
                upper: { 'HTTP://hooks.example.com/events': delivery },
                secure: { 'https://hooks.example.com/events': delivery },
                loopback: { 'http://localhost:9000/events': delivery },
                dynamic: { '{$request.body#/callbackUrl}': delivery },
                servers: { '{$request.body#/url}': { servers: [{ url: 'http://relay.example.com' }, { url: 'https://relay.example.com' }], post: { servers: [{ url: '{scheme}://relay.example.com', variables: { scheme: { default: 'http' } } }], responses: ok } } },
              },
            },
          },
        },
      });
      assertFindingPaths(CODE, doc, [
        'paths./subscribe.post.callbacks.plain.http://hooks.example.com/{$request.body#/id}',
        'paths./subscribe.post.callbacks.upper.HTTP://hooks.example.com/events',
        'paths./subscribe.post.callbacks.servers.{$request.body#/url}.servers.0.url',
        'paths./subscribe.post.callbacks.servers.{$request.body#/url}.post.servers.0.url',
      ]);
    });
  }

  it('reports a shared callback once, at its definition, and checks 3.1 webhook servers', () => {
    const doc = openapi('3.1', {
      paths: {
        '/a': { post: { responses: ok, callbacks: { onEvent: { $ref: '#/components/callbacks/Event' } } } },
        '/b': { post: { responses: ok, callbacks: { onEvent: { $ref: '#/components/callbacks/Event' } } } },
      },
      webhooks: { newPet: { post: { servers: [{ url: 'http://push.example.com' }], responses: ok } } },
      components: { callbacks: { Event: { 'http://hooks.example.com/event': delivery } } },
    });
    assertFindingPaths(CODE, doc, ['webhooks.newPet.post.servers.0.url', 'components.callbacks.Event.http://hooks.example.com/event']);
  });

  it('does not apply to OAS 2.0', () => {
    assertFindingPaths(CODE, openapi('2.0', { paths: { '/a': { post: { responses: ok, callbacks: { c: { 'http://x.example.com': delivery } } } } } }), []);
  });

  it('underlines the callback expression', () => {
    const text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    post:\n      responses: {'200': {description: OK}}\n      callbacks:\n        done:\n          'http://hooks.example.com/done':\n            post: {responses: {'200': {description: OK}}}\n";
    assert.deepEqual(positions(lint(text, 'yaml'), CODE), ['9:11-9:42']);
  });

  describe('fix: switch to https', () => {
    it('edits only the scheme of the expression key, in YAML and JSON', () => {
      const yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    post:\n      responses: {'200': {description: OK}}\n      callbacks:\n        done:\n          'http://hooks.example.com/{$request.body#/id}':\n            post: {responses: {'200': {description: OK}}}\n";
      const { text, title } = applyFix(yaml, 'yaml', CODE);
      assert.equal(title, 'Switch the callback URL to https');
      assert.equal(text, yaml.replace("'http://", "'https://"));
      const json = '{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/a":{"post":{"responses":{"200":{"description":"OK"}},"callbacks":{"c":{"http://h.example.com/x":{"post":{"responses":{"200":{"description":"OK"}}}}}}}}}}';
      assert.equal(applyFix(json, 'json', CODE).text, json.replace('"http://', '"https://'));
    });

    it('edits a callback server URL', () => {
      const yaml = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nwebhooks:\n  ping:\n    servers:\n      - url: http://push.example.com\n    post: {responses: {'200': {description: OK}}}\n";
      assert.equal(applyFix(yaml, 'yaml', CODE).text, yaml.replace('http://', 'https://'));
    });
  });
});
