import { asArray, asObject, type AstNode } from '../ast';

/** One named scheme inside a requirement, with the scopes (or roles) it asks for. */
export interface SchemeUse {
  name: string;
  scopes: string[];
}

/** All schemes of one requirement object must be satisfied together; an empty one (`{}`) means anonymous. */
export type Requirement = SchemeUse[];

/**
 * The security that actually applies to an operation, with OpenAPI's semantics: the
 * operation's own `security` replaces the root one; `security: []` makes it explicitly
 * public; a `{}` alternative allows anonymous access.
 */
export interface EffectiveSecurity {
  source: 'operation' | 'root' | 'none';
  /** Alternatives: satisfying any one grants access. */
  requirements: Requirement[];
  /** The `security` array in force, if any. */
  node: AstNode | undefined;
}

export function readRequirements(node: AstNode | undefined): Requirement[] {
  const list = asArray(node);
  if (!list) return [];
  const requirements: Requirement[] = [];
  for (const item of list.items) {
    const obj = asObject(item);
    if (!obj) continue;
    requirements.push(
      obj.properties.map((p) => ({
        name: p.key,
        scopes: (asArray(p.value)?.items ?? []).flatMap((s) => (s.kind === 'scalar' && s.value !== null ? [String(s.value)] : [])),
      })),
    );
  }
  return requirements;
}

export function effectiveSecurity(operationSecurity: AstNode | undefined, rootSecurity: AstNode | undefined): EffectiveSecurity {
  if (operationSecurity && operationSecurity.kind === 'array') {
    return { source: 'operation', requirements: readRequirements(operationSecurity), node: operationSecurity };
  }
  if (rootSecurity && rootSecurity.kind === 'array') {
    return { source: 'root', requirements: readRequirements(rootSecurity), node: rootSecurity };
  }
  return { source: 'none', requirements: [], node: undefined };
}

/** `security: []` written on purpose: the operation is meant to be public. */
export function isExplicitlyPublic(security: EffectiveSecurity): boolean {
  return security.source !== 'none' && security.requirements.length === 0;
}

export function allowsAnonymous(security: EffectiveSecurity): boolean {
  return security.requirements.some((r) => r.length === 0);
}

/** Every way in needs credentials. */
export function requiresAuthentication(security: EffectiveSecurity): boolean {
  return security.requirements.length > 0 && !allowsAnonymous(security);
}

/** Human summary, e.g. "requires bearerAuth, or apiKey + clientCert". */
export function describeSecurity(security: EffectiveSecurity): string {
  if (security.source === 'none') return 'no security requirement is declared (anyone can call it)';
  if (security.requirements.length === 0) return 'explicitly public (`security: []`)';
  const options = security.requirements
    .filter((r) => r.length > 0)
    .map((r) => r.map((use) => (use.scopes.length ? `${use.name} (${use.scopes.join(', ')})` : use.name)).join(' + '));
  const text = options.length ? `requires ${options.join(', or ')}` : '';
  if (allowsAnonymous(security)) return options.length ? `anonymous allowed, or ${text}` : 'anonymous allowed';
  return text;
}
