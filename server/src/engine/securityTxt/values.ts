/** Value syntaxes RFC 9116 uses: URIs (RFC 3986), date-times (RFC 3339) and language tags (RFC 5646). */

export interface UriCheck {
  ok: boolean;
  /** Lower-case scheme, when the value has one. */
  scheme: string | undefined;
  problem?: string;
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/** RFC 3986 characters: unreserved, reserved and percent-encodings. */
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

export function checkUri(value: string): UriCheck {
  const scheme = SCHEME.exec(value)?.[1].toLowerCase();
  if (!value) return { ok: false, scheme, problem: 'the value is empty' };
  if (!scheme) return { ok: false, scheme, problem: 'it has no URI scheme (such as https:, mailto: or tel:)' };
  if (!URI_CHARS.test(value)) return { ok: false, scheme, problem: 'it contains characters a URI cannot hold (spaces must be percent-encoded)' };
  if (scheme === 'http' || scheme === 'https') {
    try {
      if (!new URL(value).hostname || !/^https?:\/\//i.test(value)) return { ok: false, scheme, problem: 'a web URI needs a host (https://host/...)' };
    } catch {
      return { ok: false, scheme, problem: 'it is not a valid web URI' };
    }
  }
  if (scheme === 'mailto' && !/^mailto:[^@\s]+@[^@\s]+$/i.test(value)) return { ok: false, scheme, problem: 'a mailto: URI needs an address (mailto:security@example.com)' };
  if (scheme === 'tel' && !/^tel:\+?[0-9().\-]+$/i.test(value)) return { ok: false, scheme, problem: 'a tel: URI needs a phone number (tel:+1-201-555-0123)' };
  return { ok: true, scheme };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** The instant an RFC 3339 `date-time` names, or undefined when the text is not one. */
export function parseDateTime(value: string): Date | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) return undefined;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  // A leap second has no Date of its own: count it as the next second.
  const time = Date.parse(value.replace(/:60(?=[.Zz+-])/, ':59'));
  return Number.isNaN(time) ? undefined : new Date(time + (second === 60 ? 1000 : 0));
}

/** `YYYY-MM-DDT00:00:00Z`, midnight UTC of the day `days` days after `now`. */
export function expiresValue(now: Date, days: number): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  return `${date.toISOString().slice(0, 10)}T00:00:00Z`;
}

/** Close enough to RFC 5646's Language-Tag for a linter: langtag, private use, and the irregular i- tags. */
const LANGUAGE_TAG = new RegExp(
  '^(?:' +
    // Primary language: 2-3 letters; the 5-8 letter form is reserved and none is registered, so 'English' is refused.
    '[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}' + // language (with extlang)
    '(?:-[A-Za-z]{4})?' + // script
    '(?:-(?:[A-Za-z]{2}|[0-9]{3}))?' + // region
    '(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*' + // variants
    '(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*' + // extensions
    '(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?' + // private use
    '|[Xx](?:-[A-Za-z0-9]{1,8})+' +
    '|[Ii]-[A-Za-z]{2,8}' +
    ')$',
);

export function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG.test(value);
}

/** Levenshtein distance, for "did you mean" field names. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
