/**
 * Recognises credentials written into an OpenAPI document: known token formats (strong
 * evidence wherever they appear) and random-looking values under secret-named keys (only in
 * example data). Tuned for few false positives: documentation placeholders, documented test
 * keys and the jwt.io sample never count. Pure string functions, no AST.
 */

export interface SecretMatch {
  /** What kind of credential, for the message with its article (`an AWS access key ID`, `a GitHub token`...). */
  kind: string;
  /** Where the secret itself sits in the scanned string (a prefix such as `Bearer ` excluded). */
  start: number;
  end: number;
}

interface KnownFormat {
  kind: string;
  pattern: RegExp;
  /** Fixed text every match contains: strings without it are not scanned with `pattern` (most strings have none). */
  hint: RegExp;
  /** Extra check on the match (group 1 when present is the secret itself). */
  accept?: (secret: string, whole: string) => boolean;
}

/** Formats specific enough that a match is a credential wherever it appears, descriptions included. */
const STRONG_FORMATS: KnownFormat[] = [
  { kind: 'an AWS access key ID', hint: /AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA/, pattern: /\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16})\b/g },
  { kind: 'a GitHub token', hint: /gh[pousr]_|github_pat_/, pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b/g },
  { kind: 'a GitLab token', hint: /glpat-/, pattern: /\b(glpat-[A-Za-z0-9_-]{20,})/g },
  { kind: 'a Slack token', hint: /xox[abposr]-/, pattern: /\b(xox[abposr]-[0-9A-Za-z-]{10,})/g },
  { kind: 'a Slack webhook URL', hint: /hooks\.slack\.com/, pattern: /(https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,})/g },
  { kind: 'a Stripe live secret key', hint: /_live_/, pattern: /\b((?:sk|rk)_live_[0-9A-Za-z]{20,})/g },
  { kind: 'a Google API key', hint: /AIza/, pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g },
  { kind: 'an OpenAI API key', hint: /T3BlbkFJ/, pattern: /\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,})/g },
  { kind: 'a SendGrid API key', hint: /SG\./, pattern: /\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g },
  { kind: 'a private key', hint: /PRIVATE KEY/, pattern: /(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----([\s\S]*?)-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----)/g, accept: (_s, whole) => pemHasKeyMaterial(whole) },
  { kind: 'a JSON Web Token', hint: /eyJ/, pattern: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})/g, accept: (s) => jwtLooksReal(s) },
];

/** Formats that are credentials only when their parts are not placeholders (examples and `x-` values). */
const CONTEXT_FORMATS: KnownFormat[] = [
  // user:password@ in any absolute URL; the password decides.
  { kind: 'a password in a URL', hint: /:\/\//, pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@"'<>]+:([^\s/@"'<>]+)@/gi, accept: (s) => !isPlaceholder(s) && s.length >= 6 },
  // `Authorization: Bearer <token>` in a curl line, a header dump or a code sample.
  { kind: 'an Authorization header value', hint: /authorization/i, pattern: /\bAuthorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|Token|Digest)\s+([A-Za-z0-9._~+/=-]{12,})/gi, accept: (s, whole) => (/Basic\s/i.test(whole) ? basicLooksReal(s) : looksRandom(s)) },
];

export interface ScanOptions {
  /** Also look for the context formats (examples, defaults, `x-` values: not descriptions). */
  context: boolean;
}

/**
 * Any format's fixed text, case aside: a split spec's tens of thousands of strings mostly have none, and one test
 * of this costs what one format's hint did (a keystroke re-scans them all).
 */
const ANY_HINT = new RegExp([...STRONG_FORMATS, ...CONTEXT_FORMATS].map((f) => f.hint.source).join('|'), 'i');

/**
 * Answers by text, for descriptions and examples only (context formats) and for all: a keystroke in a split spec
 * scans the same 50,000 strings again. Bounded; callers never change the lists they get.
 */
const known = [new Map<string, SecretMatch[]>(), new Map<string, SecretMatch[]>()];
const MAX_KNOWN = 200_000;
const NONE: SecretMatch[] = [];

/** Every credential found in `text`, by known format. */
export function findKnownSecrets(text: string, options: ScanOptions): SecretMatch[] {
  const memo = known[options.context ? 1 : 0];
  let found = memo.get(text);
  if (!found) {
    if (memo.size >= MAX_KNOWN) memo.clear();
    memo.set(text, (found = ANY_HINT.test(text) ? scan(text, options) : NONE));
  }
  return found;
}

function scan(text: string, options: ScanOptions): SecretMatch[] {
  const found: SecretMatch[] = [];
  const formats = options.context ? [...STRONG_FORMATS, ...CONTEXT_FORMATS] : STRONG_FORMATS;
  for (const format of formats) {
    if (!format.hint.test(text)) continue;
    format.pattern.lastIndex = 0;
    for (let m = format.pattern.exec(text); m; m = format.pattern.exec(text)) {
      const secret = m[1] ?? m[0];
      const start = m.index + m[0].lastIndexOf(secret);
      if (isDocumentedSample(secret)) continue;
      if (format.accept && !format.accept(secret, m[0])) continue;
      if (!found.some((f) => start < f.end && f.start < start + secret.length)) found.push({ kind: format.kind, start, end: start + secret.length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** `password`, `client_secret`, `apiKey`, `X-Auth-Token`, `Authorization`: keys whose value is a credential. */
const SECRET_KEY = /(password|passwd|passphrase|secret|token|apikey|accesskey|privatekey|secretkey|signingkey|credential|credentials|authorization|sessionid)$/;
/** Tokens that only page or version results: random by design, secret by nobody. */
const NOT_SECRET_KEY = /(page|next|prev|previous|continuation|pagination|cursor|sync|resume|delta|change|csrf|xsrf|verification|idempotency)token$|^(max|num|total|prompt|completion|input|output|reasoning|cached)/;

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_KEY.test(normalized) && !NOT_SECRET_KEY.test(normalized);
}

/**
 * The credential in the value of a secret-named key, if it looks like a real one: long
 * enough, random enough (Shannon entropy), and no placeholder. `Bearer ` and `Basic `
 * prefixes are looked through.
 */
export function findSecretValue(value: string): SecretMatch | undefined {
  const prefix = /^(?:Bearer|Basic|Token)\s+/i.exec(value)?.[0] ?? '';
  const secret = value.slice(prefix.length);
  if (/\s/.test(secret) || isDocumentedSample(secret)) return undefined;
  // A JWT is random-looking by construction: its claims decide, as they do anywhere else.
  if (/^eyJ[\w-]*\.eyJ[\w-]*\.[\w-]*$/.test(secret) && !jwtLooksReal(secret)) return undefined;
  // Basic credentials are base64 of `user:password`: the decoded password decides, not the encoding's entropy.
  if (/^basic/i.test(prefix) ? !basicLooksReal(secret) : !looksRandom(secret)) return undefined;
  return { kind: 'a high-entropy secret', start: prefix.length, end: value.length };
}

/** Minimum length and entropy (bits per character) of a random-looking secret; tuned on the corpus (see the tests). */
export const MIN_SECRET_LENGTH = 16;
export const MIN_ENTROPY = 3.5;

export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Long, high-entropy, mixing letters and digits, and not a placeholder nor words joined together. */
export function looksRandom(secret: string): boolean {
  if (secret.length < MIN_SECRET_LENGTH || isPlaceholder(secret)) return false;
  if (!/[0-9]/.test(secret) || !/[A-Za-z]/.test(secret)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(secret)) return false;
  // Identifiers and words: `my_service_account_2024`, `abc123-def456`: separators between short readable parts.
  if (/^[a-z]+([_.-][a-z0-9]+)+$/i.test(secret) && !/[a-z]{0,3}[0-9][a-z]/i.test(secret.replace(/[_.-]/g, ''))) return false;
  return shannonEntropy(secret) >= MIN_ENTROPY;
}

/** `Basic dXNlcjpwYXNz`: base64 of `user:password`, real when the password is not a placeholder. */
function basicLooksReal(secret: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) return false;
  const decoded = Buffer.from(secret, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1 || !/^[\x20-\x7e]+$/.test(decoded)) return false;
  const password = decoded.slice(colon + 1);
  return password.length >= 6 && !isPlaceholder(password) && !isPlaceholder(decoded.slice(0, colon) + password);
}

/** Placeholder words and shapes authors use in documentation instead of a real secret. */
const PLACEHOLDER_WORDS = /(your|my[-_]?(api|secret|token|key|pass)|example|sample|dummy|fake|placeholder|redacted|changeme|change[-_]me|replace|insert|xxxx|\*\*\*|\.\.\.|…|test|demo|foo|bar|baz|lorem|string|secret|password|passwd|token|api[-_]?key|access[-_]?key|private[-_]?key|undefined|null|none|todo|abcdef|123456|qwerty|letmein|hunter2|admin)/i;

export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value)) return true;
  // Templating and variables: <token>, {{token}}, ${TOKEN}, $TOKEN, %TOKEN%, :token.
  if (/[<>{}]|\$[A-Z_(]|%[A-Z_]+%|^:[a-z]/i.test(value)) return true;
  // The same character again and again, or so few distinct characters that nobody generated it.
  if (/(.)\1{5,}/.test(value) || new Set(value).size <= 3) return true;
  // Typed by a person, not generated: a value ending in a run such as `123` or `abc` (`tE2DajzSJwnsSbc123`).
  if (/(012|123|234|345|456|567|678|789|abc|xyz)$/i.test(value)) return true;
  return false;
}

/** Keys published by vendors for their documentation (AWS's `...EXAMPLE` keys, Stripe-style test keys). */
function isDocumentedSample(secret: string): boolean {
  return /EXAMPLE/.test(secret) || /^(sk|pk|rk)_test_/.test(secret) || secret === JWT_IO_SAMPLE_SIGNATURE_OWNER;
}

/** The payload of jwt.io's famous sample token (`"sub": "1234567890", "name": "John Doe"`), copied into countless docs. */
const JWT_IO_SAMPLE_SIGNATURE_OWNER = 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ';

/** A JWT whose payload decodes to claims a real issuer writes (`iss`, `exp`, `aud`...), not a documentation sample. */
export function jwtLooksReal(token: string): boolean {
  const [header, payload] = token.split('.');
  if (payload === JWT_IO_SAMPLE_SIGNATURE_OWNER) return false;
  const decode = (part: string): unknown => {
    try {
      return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
  };
  const head = decode(header);
  const claims = decode(payload);
  if (!head || typeof head !== 'object' || !claims || typeof claims !== 'object' || Array.isArray(claims)) return false;
  const record = claims as Record<string, unknown>;
  const registered = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'azp', 'scope', 'client_id'].filter((c) => c in record);
  if (registered.length < 2) return false;
  const values = Object.values(record).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ');
  return !/example\.(com|org|net)|John Doe|Jane Doe|1234567890|\bstring\b|\buser(name)?\b|your|<|\{\{/i.test(values);
}

/** A PEM block with real base64 key material inside, not `...` or a one-line stand-in. */
function pemHasKeyMaterial(block: string): boolean {
  const body = block.replace(/-----(BEGIN|END)[^-]+-----/g, '').replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\\n|\s/g, '');
  return body.length >= 64 && /^[A-Za-z0-9+/=]+$/.test(body) && !isPlaceholder(body.slice(0, 64));
}

/** `AKIA…(20 chars)`: enough to find the value, never the value itself. */
export function maskSecret(secret: string): string {
  const shown = secret.length >= 16 ? 4 : secret.length >= 8 ? 2 : 0;
  return `${secret.slice(0, shown)}…(${secret.length} chars)`;
}
