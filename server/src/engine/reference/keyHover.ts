import type { AstNode, PathSegment, PropertyNode } from '../ast';
import { child, stringValue } from '../ast';
import type { OpenApiModel } from '../model/openApiModel';
import { HTTP_METHODS } from '../model/schemas';
import { describeSecurity, effectiveSecurity } from '../model/security';
import { headerDoc, SCHEME_DOCS, STATUS_DOCS, TRANSPORT_DOC, type KeyDoc } from './keyDocs';

/** What a hover on a security-relevant key shows: its documentation, facts the engine computed, and the span. */
export interface KeyHover {
  doc: KeyDoc;
  facts: string[];
  offset: number;
  end: number;
}

interface Step {
  key: PathSegment;
  node: AstNode;
  /** The property (objects only), to know whether the cursor is on its name. */
  prop?: PropertyNode;
}

/** The chain of keys from the root down to the innermost node whose text contains `offset`. */
export function locate(root: AstNode, offset: number): { steps: Step[]; onKey: boolean } {
  const steps: Step[] = [];
  let node: AstNode | undefined = root;
  let onKey = false;
  const seen = new Set<AstNode>();
  while (node && !seen.has(node)) {
    seen.add(node);
    if (node.kind === 'object') {
      const prop: PropertyNode | undefined = node.properties.find((p) => !p.inherited && offset >= p.keyOffset && offset <= Math.max(p.end, p.keyEnd));
      if (!prop) break;
      steps.push({ key: prop.key, node: prop.value ?? node, prop });
      if (offset <= prop.keyEnd) {
        onKey = true;
        break;
      }
      node = prop.value;
    } else if (node.kind === 'array') {
      const index: number = node.items.findIndex((item) => offset >= item.offset && offset <= item.end);
      if (index < 0) break;
      steps.push({ key: index, node: node.items[index] });
      node = node.items[index];
    } else {
      break;
    }
  }
  return { steps, onKey };
}

/** Documentation for the security-relevant key under `offset`, if there is one. */
export function keyHoverAt(model: OpenApiModel, offset: number): KeyHover | undefined {
  const { steps, onKey } = locate(model.root, offset);
  const path = steps.map((s) => s.key);
  const last = steps[steps.length - 1];
  if (!last) return undefined;
  const span = (step: Step): Pick<KeyHover, 'offset' | 'end'> =>
    step.prop && onKey && step === last ? { offset: step.prop.keyOffset, end: step.prop.keyEnd } : { offset: step.node.offset, end: Math.max(step.node.end, step.node.offset) };

  // Security schemes and their OAuth2 flows.
  const schemesAt = model.isOas2 ? 1 : 2;
  const inSchemes = model.isOas2 ? path[0] === 'securityDefinitions' : path[0] === 'components' && path[1] === 'securitySchemes';
  if (inSchemes && path.length > schemesAt) {
    const name = String(path[schemesAt]);
    const scheme = model.securitySchemes().find((s) => s.name === name);
    const flowIndex = path.indexOf('flows');
    const flow = flowIndex > 0 && path.length > flowIndex + 1 ? String(path[flowIndex + 1]) : undefined;
    const doc = scheme && (flow ? SCHEME_DOCS[`oauth2:${flow}`] : SCHEME_DOCS[schemeKind(model, scheme.node)]);
    if (!doc || !scheme) return undefined;
    const users = model.operations().filter((op) => op.security.requirements.some((r) => r.some((use) => use.name === name))).length;
    return { doc, facts: [`Required (alone or with others) by ${users} of ${model.operations().length} operations.`], ...span(flow ? steps[flowIndex + 1] : steps[schemesAt]) };
  }

  // Security requirements: what actually applies.
  const securityIndex = path.indexOf('security');
  if (path[0] === 'security' || (path[0] === 'paths' && securityIndex === 3)) {
    const operation = path[0] === 'paths' ? model.operations().find((op) => op.path === path[1] && op.method === path[2]) : undefined;
    const effective = operation ? operation.security : effectiveSecurity(undefined, child(model.root, 'security'));
    const inheriting = model.operations().filter((op) => op.security.source === 'root').length;
    const facts = operation
      ? [`Effective security of ${operation.method.toUpperCase()} ${operation.path}: ${describeSecurity(effective)}.`]
      : [`Applies to every operation without its own \`security\` (${inheriting} of ${model.operations().length}): ${describeSecurity(effective)}.`];
    return { doc: SECURITY_DOC, facts, ...span(steps[path[0] === 'security' ? 0 : 3]) };
  }
  // An operation's method key: its effective security at a glance.
  if (path[0] === 'paths' && path.length === 3 && onKey && (HTTP_METHODS as readonly string[]).includes(String(path[2]))) {
    const operation = model.operations().find((op) => op.path === path[1] && op.method === path[2]);
    if (operation) return { doc: SECURITY_DOC, facts: [`Effective security of ${operation.method.toUpperCase()} ${operation.path}: ${describeSecurity(operation.security)}.`], ...span(last) };
  }

  // Servers and the OAS2 host/schemes: the transport baseline.
  const serverUrl = path.length >= 3 && path[path.length - 1] === 'url' && path[path.length - 3] === 'servers';
  if (serverUrl || (model.isOas2 && (path[0] === 'host' || path[0] === 'schemes') && path.length <= 2)) {
    const url = stringValue(last.node) ?? '';
    const facts = serverUrl ? [/^http:/i.test(url) ? 'This server uses plain http.' : /^(https|wss):/i.test(url) ? 'This server uses TLS.' : 'A relative URL: it inherits the scheme of the document\'s host.'] : [];
    return { doc: TRANSPORT_DOC, facts, ...span(last) };
  }

  // Response status codes and response headers, on their keys.
  if (onKey && path.length >= 2 && path[path.length - 2] === 'responses' && STATUS_DOCS[String(last.key)]) {
    return { doc: STATUS_DOCS[String(last.key)], facts: [], ...span(last) };
  }
  if (onKey && path.length >= 2 && path[path.length - 2] === 'headers') {
    const doc = headerDoc(String(last.key));
    if (doc) return { doc, facts: [], ...span(last) };
  }
  return undefined;
}

const SECURITY_DOC: KeyDoc = {
  title: 'Security requirements',
  paragraphs: [
    'Each entry is an alternative; the schemes inside one entry are required together. An operation\'s own `security` replaces the root one, `security: []` makes it public on purpose, and an empty entry `{}` allows anonymous calls.',
  ],
  references: [{ title: 'OpenAPI Specification: Security Requirement Object', url: 'https://spec.openapis.org/oas/v3.1.0#security-requirement-object' }],
};

/** `apiKey:query`, `http:bearer:jwt`, `oauth2`... the SCHEME_DOCS key for a scheme object. */
function schemeKind(model: OpenApiModel, scheme: AstNode): string {
  const type = stringValue(child(scheme, 'type')) ?? '';
  if (type === 'apiKey') return `apiKey:${stringValue(child(scheme, 'in')) ?? ''}`;
  if (type === 'basic') return 'http:basic';
  if (type === 'http') {
    const name = (stringValue(child(scheme, 'scheme')) ?? '').toLowerCase();
    const jwt = /jwt/i.test(stringValue(child(scheme, 'bearerFormat')) ?? '');
    return name === 'bearer' && jwt ? 'http:bearer:jwt' : `http:${name}`;
  }
  if (type === 'oauth2' && model.isOas2) {
    const flow = stringValue(child(scheme, 'flow'));
    const mapped: Record<string, string> = { accessCode: 'authorizationCode', application: 'clientCredentials', implicit: 'implicit', password: 'password' };
    return flow && mapped[flow] ? `oauth2:${mapped[flow]}` : 'oauth2';
  }
  return type;
}
