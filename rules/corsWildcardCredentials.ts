import { pathItemStructure } from '../server/src/engine/model/pathItemModel';
import { asArray, asObject, child, type AstNode, type ObjectNode, type ScalarValue } from '../server/src/engine/ast';
import type { OpenApiModel } from '../server/src/engine/model/openApiModel';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule } from '../server/src/engine/rule';

/**
 * The values a header declares it carries: `enum`, `const`, `default`, `example`(s) of the
 * header, its schema (3.x) or itself (2.0, where headers carry `type` directly).
 */
function declaredValues(model: OpenApiModel, header: ObjectNode): ScalarValue[] {
  const values: ScalarValue[] = [];
  const take = (node: AstNode | undefined) => {
    if (node?.kind === 'scalar') values.push(node.value);
  };
  const fromSchemaLike = (node: ObjectNode | undefined) => {
    for (const item of asArray(child(node, 'enum'))?.items ?? []) take(item);
    for (const item of asArray(child(node, 'examples'))?.items ?? []) take(item);
    for (const key of ['const', 'default', 'example', 'x-example']) take(child(node, key));
  };
  fromSchemaLike(header);
  fromSchemaLike(model.resolveObject(child(header, 'schema')));
  for (const example of asObject(child(header, 'examples'))?.properties ?? []) take(child(model.resolveObject(example.value), 'value'));
  return values;
}

const isWildcard = (value: ScalarValue) => typeof value === 'string' && value.trim() === '*';
const isTrue = (value: ScalarValue) => value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');

export default defineRule({
  id: 'owasp:api8:2023-cors-wildcard-credentials',
  title: 'CORS allows any origin with credentials',
  owasp: 'API8:2023',
  cwe: [942, 346],
  topics: ['cors'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Access-Control-Allow-Origin: * must not be combined with Access-Control-Allow-Credentials: true.',
  docs: {
    summary:
      'A response declares `Access-Control-Allow-Origin` with the value `*` (in its `enum`, `const`, `default` or example) and, in the same response, `Access-Control-Allow-Credentials` with the value `true`. Both values must be declared: a credentials header without a declared value, or a wildcard origin without credentials (a public, cookie-less API), is not reported.',
    why:
      'Browsers refuse a wildcard origin on credentialed requests, so a server that needs both in practice reflects whatever `Origin` it receives. Any web page the victim visits can then call the API with the victim\'s cookies or HTTP authentication and read the answers: account data, CSRF tokens, API keys.',
    howToFix:
      'Either drop credentials (token in an Authorization header set by the client, no cookies) and keep `*`, or keep credentials and answer with one origin from an explicit allow-list, adding `Vary: Origin`.',
    example:
      "headers:\n  Access-Control-Allow-Origin:\n    schema:\n      type: string\n      enum: ['https://app.example.com']\n  Access-Control-Allow-Credentials:\n    schema:\n      type: boolean\n      enum: [true]\n  Vary:\n    schema:\n      type: string\n      enum: [Origin]",
    references: [
      { title: 'OWASP API8:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/' },
      { title: 'Fetch Standard: CORS protocol and credentials', url: 'https://fetch.spec.whatwg.org/#cors-protocol-and-credentials' },
      { title: 'OWASP WSTG: Testing Cross Origin Resource Sharing', url: 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/11-Client-side_Testing/07-Testing_Cross_Origin_Resource_Sharing' },
    ],
  },
  // Findings on shared responses and parameters depend on which operations use them, and how.
  incremental: { scope: 'path-item', pathsContext: pathItemStructure },
  check({ model, report }) {
    const seen = new Set<ObjectNode>();
    for (const operation of model.operations()) {
      for (const response of operation.responses) {
        if (seen.has(response.node)) continue;
        seen.add(response.node);
        const credentials = response.headers.get('access-control-allow-credentials');
        if (!credentials || !declaredValues(model, credentials).some(isTrue)) continue;
        // Report at the header as written in this response, so the underline is its name.
        const origin = model
          .resolveObject(child(response.node, 'headers'))
          ?.properties.find((p) => p.key.toLowerCase() === 'access-control-allow-origin');
        const header = model.resolveObject(origin?.value);
        if (origin?.value && header && declaredValues(model, header).some(isWildcard)) report({ node: origin.value });
      }
    }
  },
});
