/**
 * Property names that carry credentials or regulated data (API3 excessive data exposure),
 * and names of fields the server manages (API3 mass assignment). Names are compared
 * normalized: `password_hash`, `passwordHash` and `Password-Hash` are the same name.
 */
import { child, pathOf, stringValue } from '../../server/src/engine/ast';
import { schemaTypes } from '../../server/src/engine/model/schemaTypes';
import type { Operation } from '../../server/src/engine/model/openApiModel';
import { flagged, normalizeName, type PropertyUsage } from './schemaUsage';

export type SensitiveKind = 'password' | 'secret' | 'token' | 'personal';

/** What users choose and the server must only verify: `password`, `userPassword`, `password_hash`. */
const PASSWORD = /(password|passwd|passwordhash|passwordsalt|hashedpassword|passworddigest)$/;
/** Generated secrets: `client_secret`, `signing_secret`, `private_key`. */
const SECRET = /(secret|secretkey|privatekey|apisecret)$/;
/** Tokens and keys: legitimate in the response of an authentication or key-issuing endpoint, a leak anywhere else. */
const TOKEN = /^(token|accesstoken|refreshtoken|idtoken|authtoken|apitoken|bearertoken|sessiontoken|apikey|secrettoken|authkey)$|(access|refresh|auth|api|bearer|session)token$/;
/** Government identifiers and payment card data (PCI DSS forbids returning a full PAN or a CVV). */
const PERSONAL = /^(ssn|socialsecuritynumber|taxpayerid|cardnumber|creditcardnumber|ccnumber|pan|primaryaccountnumber|cvv|cvv2|cvc|cvc2|cardsecuritycode|cardverificationvalue)$/;
/** Names that describe a secret without being one: `passwordPolicy` is covered by the `$` anchors; these are the rest. */
const NOT_SENSITIVE = /(last4|lastfour|mask|hint|hash(ed)?(algorithm|type)|redacted|required|enabled|exists|expir|length|policy|(type|url|uri|set|count|id)$)/;

/** Answers by property name: a document repeats the same few hundred names thousands of times (bounded). */
const kindByName = new Map<string, SensitiveKind | null>();

export function sensitiveKind(name: string): SensitiveKind | undefined {
  let kind = kindByName.get(name);
  if (kind === undefined) {
    if (kindByName.size >= 50_000) kindByName.clear();
    kindByName.set(name, (kind = kindOf(name) ?? null));
  }
  return kind ?? undefined;
}

function kindOf(name: string): SensitiveKind | undefined {
  const n = normalizeName(name);
  if (NOT_SENSITIVE.test(n)) return undefined;
  if (PERSONAL.test(n)) return 'personal';
  if (TOKEN.test(n)) return 'token';
  if (PASSWORD.test(n)) return 'password';
  if (SECRET.test(n)) return 'secret';
  return undefined;
}

/** Where an API issues credentials, and so returns tokens by design: `/oauth/token`, `/login`, `/sessions`, `/api-keys`. */
const AUTH_PATH = /(^|[/_-])(oauth2?|token|tokens|auth|authorize|authenticate|authentication|login|signin|sign-in|session|sessions|api[-_]?keys?|keys|credentials|refresh|sso|saml|oidc|openid)([/_.{-]|$)/i;

export function isAuthEndpoint(path: string, operationId: string | undefined): boolean {
  return AUTH_PATH.test(path) || /(token|login|signin|authenticate|authorize|session|apikey|credential)/i.test(operationId ?? '');
}

/** Fields the server sets (identity, timestamps, privileges, money): a client that can set them escalates or forges. */
const SERVER_MANAGED = new Set([
  'id', 'createdat', 'updatedat', 'modifiedat', 'deletedat', 'createdby', 'updatedby',
  'role', 'roles', 'isadmin', 'admin', 'issuperuser', 'superuser', 'isstaff', 'permissions', 'privileges',
  'balance', 'isverified', 'emailverified',
]);

export function isServerManaged(name: string): boolean {
  return SERVER_MANAGED.has(normalizeName(name));
}

/** Words that say a `token` is a credential and not, say, a unit of text or a pagination cursor. */
const CREDENTIAL_CONTEXT = /(auth|access|session|credential|secret|bearer|api[-_ ]?key|webhook|oauth|login|refresh|password)/i;
/** Descriptions of a property that names or points to a secret rather than holding it. */
const REFERENCE_ONLY = /\b(name|id|identifier|reference|path|location) (of|to)\b|\bname or id\b|\b(secret|key) (name|id)\b/i;

/** A plain `token` is a credential only when its schema or the schema around it says so. */
function tokenIsCredential(usage: PropertyUsage): boolean {
  if (normalizeName(usage.entry.key) !== 'token') return true;
  const context = [
    stringValue(child(usage.resolved, 'description')),
    stringValue(child(usage.owner, 'description')),
    stringValue(child(usage.owner, 'title')),
    ...pathOf(usage.owner).filter((s): s is string => typeof s === 'string' && !['allOf', 'anyOf', 'oneOf', 'items', 'properties', 'schema'].includes(s)).slice(-2),
  ].join(' ');
  return CREDENTIAL_CONTEXT.test(context);
}

/** The operations through whose responses a sensitive property leaves the API, or none. */
export function exposingOperations(usage: PropertyUsage): { kind: SensitiveKind; operations: PropertyUsage['responses'] } | undefined {
  const kind = sensitiveKind(usage.entry.key);
  if (!kind || flagged(usage, 'writeOnly') || !tokenIsCredential(usage)) return undefined;
  // A flag or a structure named `password` (`password: {required: true}`) is not the secret itself.
  if (schemaTypes(usage.resolved).some((t) => t === 'boolean' || t === 'object' || t === 'array')) return undefined;
  if (REFERENCE_ONLY.test(stringValue(child(usage.resolved, 'description')) ?? '')) return undefined;
  const operations = usage.responses.filter((o) => !issuesCredentials(kind, o));
  return operations.length ? { kind, operations } : undefined;
}

/**
 * Where returning this kind of value is the operation's purpose: authentication and
 * key-issuing endpoints return tokens and secrets, and a POST that creates a webhook, a key
 * or a service account returns its generated secret once. Regulated personal data is never
 * returned on purpose.
 */
/** What the sensitive-property rules read of an operation, for `Rule.incremental.pathsContext`. */
export function exposureKey(operation: Operation): string {
  return `${operation.method} ${operation.path} ${isAuthEndpoint(operation.path, stringValue(child(operation.node, 'operationId')))}`;
}

function issuesCredentials(kind: SensitiveKind, operation: Operation): boolean {
  if (kind === 'personal') return false;
  const authEndpoint = isAuthEndpoint(operation.path, stringValue(child(operation.node, 'operationId')));
  // A password from `/tokens` is a freshly issued one (TURN credentials); from any other POST it is an echo of the input.
  return kind === 'password' ? authEndpoint : authEndpoint || operation.method === 'post';
}
