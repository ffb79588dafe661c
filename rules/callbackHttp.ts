import { asArray, asObject, child, owningProperty, scalarText, type AstNode, type ObjectNode } from '../server/src/engine/ast';
import type { OpenApiModel, Operation } from '../server/src/engine/model/openApiModel';
import { defineRule } from '../server/src/engine/rule';
import { httpsEdit } from './noServerHttp';
import { isLoopbackUrl } from '../server/src/engine/model/urls';

/** One `<url expression>: <path item>` entry of a callback, with the operation that registers it. */
export interface CallbackExpression {
  expression: string;
  /** The value written under the expression key (a path item or its `$ref`): reporting it underlines the expression. */
  node: AstNode;
  owner: Operation;
}

/**
 * Every callback URL expression, once per registering operation. A callback shared through
 * `$ref` yields the same `node` for each owner, so rules can report it once at its definition.
 */
export function callbackExpressions(model: OpenApiModel): CallbackExpression[] {
  const result: CallbackExpression[] = [];
  for (const owner of model.operations()) {
    for (const callback of model.resolveObject(child(owner.node, 'callbacks'))?.properties ?? []) {
      if (callback.key.startsWith('x-')) continue;
      for (const entry of model.resolveObject(callback.value)?.properties ?? []) {
        if (!entry.key.startsWith('x-') && entry.value) result.push({ expression: entry.key, node: entry.value, owner });
      }
    }
  }
  return result;
}


function isPlainHttp(url: string): boolean {
  return /^http:\/\//i.test(url) && !isLoopbackUrl(url);
}

function resolvedUrl(server: ObjectNode): string | undefined {
  const url = scalarText(child(server, 'url'));
  const variables = asObject(child(server, 'variables'));
  return url?.replace(/\{([^}]+)\}/g, (whole, name: string) => scalarText(child(child(variables, name), 'default')) ?? whole);
}

export default defineRule({
  id: 'owasp:api10:2023-callback-http',
  title: 'Callback or webhook over plain http',
  owasp: 'API10:2023',
  cwe: [319],
  topics: ['transport-encryption'],
  severity: 'error',
  versions: ['3.0', '3.1'],
  message: 'Callbacks and webhooks must not be delivered over http://. Use https://.',
  docs: {
    summary:
      'A callback URL expression that is a literal `http://` URL (`http://hooks.example.com/{$request.body#/id}`), or a `servers[].url` on a callback or webhook path item or operation that resolves to `http://`. Expressions taken entirely from the request (`{$request.body#/callbackUrl}`) are not judged here (see callback-url-unvalidated), and loopback URLs are ignored because that traffic never leaves the machine.',
    why:
      'The API sends callbacks and webhooks on its own initiative, usually carrying event data and a signature or shared secret. Over plain HTTP anyone on the path can read the events, replay or forge deliveries, and steal the secret that authenticates them.',
    howToFix: 'Deliver callbacks only to `https://` URLs (reject `http://` registrations) and sign each delivery so receivers can verify it.',
    example: "callbacks:\n  onEvent:\n    'https://hooks.example.com/events/{$request.body#/id}':\n      post:\n        responses:\n          '204':\n            description: Received",
    references: [
      { title: 'OWASP API10:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xaa-unsafe-consumption-of-apis/' },
      { title: 'OpenAPI 3.1 Callback Object', url: 'https://spec.openapis.org/oas/v3.1.0#callback-object' },
      { title: 'RFC 9325: Recommendations for Secure Use of TLS', url: 'https://www.rfc-editor.org/rfc/rfc9325' },
    ],
  },
  check({ model, report }) {
    const seen = new Set<AstNode>();
    for (const callback of callbackExpressions(model)) {
      if (seen.has(callback.node)) continue;
      seen.add(callback.node);
      if (isPlainHttp(callback.expression)) report({ node: callback.node, data: { kind: 'expression' } });
    }
    for (const operation of model.outboundOperations()) {
      for (const list of [child(operation.pathItem, 'servers'), child(operation.node, 'servers')]) {
        for (const item of asArray(list)?.items ?? []) {
          const server = asObject(item);
          const urlNode = child(server, 'url');
          if (!server || !urlNode || seen.has(urlNode)) continue;
          seen.add(urlNode);
          if (isPlainHttp(resolvedUrl(server) ?? '')) report({ node: urlNode, highlight: 'value', message: 'Callback and webhook servers must not use http://. Use https://.', data: { kind: 'server' } });
        }
      }
    }
  },
  fix({ document, finding }) {
    if (finding.data?.kind === 'server') {
      const edit = httpsEdit(document, finding.node);
      return edit ? [{ title: 'Switch the server URL to https', edits: [edit], isPreferred: true }] : [];
    }
    const key = owningProperty(finding.node);
    if (!key) return [];
    // Only a bare or quoted key: an escaped one cannot be edited by position.
    const at = document.text.slice(key.keyOffset, key.keyEnd).search(/http:/i);
    if (at < 0 || at > 1) return [];
    const edit = { offset: key.keyOffset + at, end: key.keyOffset + at + 4, newText: 'https' };
    return [{ title: 'Switch the callback URL to https', edits: [edit], isPreferred: true }];
  },
});
