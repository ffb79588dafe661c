import { asArray, asObject, toPlain, type AstNode, type ObjectNode } from '../server/src/engine/ast';
import type { OpenApiModel, Operation } from '../server/src/engine/model/openApiModel';
import type { Requirement } from '../server/src/engine/model/security';
import { ALL_VERSIONS } from '../server/src/engine/model/version';
import { defineRule, type Disagreement } from '../server/src/engine/rule';

/** A path with a segment starting with `admin` (`/admin`, `/admins`, `/administration`, `/Admin`). */
const ADMIN_PATH = /\/admin/i;
/** Upstream's test: the case-sensitive substring. */
const upstreamIsAdmin = (path: string) => path.includes('/admin');

function requirementOf(item: ObjectNode): Requirement {
  return item.properties.map((p) => ({
    name: p.key,
    scopes: (asArray(p.value)?.items ?? []).flatMap((s) => (s.kind === 'scalar' && s.value !== null ? [String(s.value)] : [])),
  }));
}

/** A requirement's identity: the same schemes with the same scopes, in any order. */
function keyOf(requirement: Requirement): string {
  return JSON.stringify(requirement.map((use) => [use.name, [...use.scopes].sort()]).sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)));
}

/** Upstream's identity: the requirement object serialised as written. */
const rawHash = (node: AstNode | undefined) => JSON.stringify(toPlain(node));

/** The raw hashes upstream collects: requirements written on non-admin operations themselves. */
function upstreamNonAdminHashes(model: OpenApiModel, isAdmin: (path: string) => boolean): Set<string> {
  const hashes = new Set<string>();
  for (const op of model.operations()) {
    if (op.security.source !== 'operation' || isAdmin(op.path)) continue;
    for (const item of asArray(op.security.node)?.items ?? []) if (asObject(item)) hashes.add(rawHash(item));
  }
  return hashes;
}

/** For a disagreement at `paths.<p>.<m>.security.<i>`: the requirement object there. */
function requirementAt(d: Disagreement): ObjectNode | undefined {
  return d.path.length === 5 && d.path[3] === 'security' ? asObject(d.node) : undefined;
}

/** A stand-in node spanning a requirement's first scheme name, so the underline stays on one key. */
/** The first scheme's value: reporting it underlines the scheme name (its key). */
function firstSchemeKey(item: ObjectNode): AstNode {
  return item.properties[0]?.value ?? item;
}

const describe = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;

export default defineRule({
  id: 'owasp:api5:2023-admin-security-unique',
  title: 'Admin endpoint shares its security with regular endpoints',
  owasp: 'API5:2023',
  cwe: [285],
  topics: ['authorization'],
  severity: 'error',
  versions: ALL_VERSIONS,
  message: 'Admin endpoint has the same security requirement as a non-admin endpoint.',
  docs: {
    summary: 'An operation under an `/admin…` path accepts a security requirement (the same schemes with the same scopes) that a non-admin operation also accepts.',
    why:
      'When administrative functions accept exactly the credentials of ordinary endpoints, the only thing between a regular user and the admin API is a role check in code, which is easy to forget on one endpoint. Attackers who find `/admin` paths simply call them with their own token: Broken Function Level Authorization.',
    howToFix: 'Give admin endpoints their own requirement: a separate scheme (admin API key, mTLS, a different identity provider) or at least an admin-only OAuth scope, and enforce it on every admin operation.',
    example: "paths:\n  /admin/users:\n    get:\n      security:\n        - oauth: ['admin:users']",
    references: [
      { title: 'OWASP API5:2023', url: 'https://owasp.org/API-Security/editions/2023/en/0xa5-broken-function-level-authorization/' },
      { title: 'CWE-285: Improper Authorization', url: 'https://cwe.mitre.org/data/definitions/285.html' },
    ],
    divergences: [
      {
        reason: 'Effective security is compared: an operation without its own `security` inherits the root one. Upstream ignores inherited requirements on both sides, so an admin operation that inherits the API-wide scheme was never reported (we report it at the operation).',
        explains: (d) => {
          if (d.side !== 'only-ours') return false;
          if (d.path.length === 3 && d.path[0] === 'paths') return true;
          const item = requirementAt(d);
          return item !== undefined && !upstreamNonAdminHashes(d.model, upstreamIsAdmin).has(rawHash(item)) && d.model.operations().some((op) => !ADMIN_PATH.test(op.path) && op.security.source === 'root' && op.security.requirements.some((r) => keyOf(r) === keyOf(requirementOf(item))));
        },
      },
      {
        reason: 'Requirements are compared as sets: `{a: [], b: []}` equals `{b: [], a: []}` and scope order does not matter. Upstream compares the JSON text.',
        explains: (d) => {
          const item = d.side === 'only-ours' ? requirementAt(d) : undefined;
          if (!item || upstreamNonAdminHashes(d.model, upstreamIsAdmin).has(rawHash(item))) return false;
          const key = keyOf(requirementOf(item));
          return d.model.operations().some((op) => op.security.source === 'operation' && !ADMIN_PATH.test(op.path) && op.security.requirements.some((r) => keyOf(r) === key));
        },
      },
      {
        reason: 'Admin paths are recognised case-insensitively (`/Admin/users` is an admin endpoint; upstream counted it as a regular one).',
        explains: (d) => {
          const path = String(d.path[1] ?? '');
          if (d.side === 'only-ours') return ADMIN_PATH.test(path) && !upstreamIsAdmin(path);
          const item = requirementAt(d);
          const caseOnly = (p: string) => ADMIN_PATH.test(p) && !upstreamIsAdmin(p);
          return item !== undefined && !upstreamNonAdminHashes(d.model, (p) => upstreamIsAdmin(p) || caseOnly(p)).has(rawHash(item));
        },
      },
    ],
  },
  check({ model, report }) {
    // Most APIs have no admin path: then nothing to compare (and no key for every requirement on every keystroke).
    if (!model.operations().some((op) => ADMIN_PATH.test(op.path))) return;
    const regular = new Map<string, Operation>();
    for (const op of model.operations()) {
      if (ADMIN_PATH.test(op.path)) continue;
      for (const requirement of op.security.requirements) if (!regular.has(keyOf(requirement))) regular.set(keyOf(requirement), op);
    }
    for (const op of model.operations()) {
      if (!ADMIN_PATH.test(op.path)) continue;
      if (op.security.source === 'operation') {
        for (const item of asArray(op.security.node)?.items ?? []) {
          const requirement = asObject(item);
          const other = requirement && regular.get(keyOf(requirementOf(requirement)));
          if (!requirement || !other) continue;
          const message = `Admin endpoint ${op.path} has the same security requirement as a non-admin endpoint (${describe(other)}).`;
          report({ node: requirement, underline: firstSchemeKey(requirement), message });
        }
      } else if (op.security.source === 'root') {
        const other = op.security.requirements.map((r) => regular.get(keyOf(r))).find((o) => o !== undefined);
        if (other) report({ node: op.node, message: `Admin endpoint ${op.path} inherits the API-wide security requirement, which non-admin endpoints such as ${describe(other)} also accept.` });
      }
    }
  },
});
