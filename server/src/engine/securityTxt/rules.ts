/** The security.txt rules, one per RFC 9116 requirement. Ids are `securitytxt:<name>`. */
import type { Fix } from '../rule';
import { FIELD_DOCS, fieldDoc } from './fields';
import { insertLineBefore, type SecurityTxtDocument, type SecurityTxtField } from './parse';
import type { SecurityTxtRule } from './rule';
import { checkUri, editDistance, expiresValue, isLanguageTag, parseDateTime } from './values';

/** The new Expires date the fixes write: midnight UTC, 364 days ahead, so always just under a year. */
export const EXPIRES_FIX_DAYS = 364;
export const CONTACT_TEMPLATE = 'Contact: mailto:security@example.com';
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

const named = (doc: SecurityTxtDocument, name: string) => doc.fields.filter((f) => f.name.toLowerCase() === name.toLowerCase());
/** Any edit inside the signed text breaks the signature; the fix says so. */
const resign = (doc: SecurityTxtDocument, title: string) => (doc.signed ? `${title} (then sign the file again)` : title);

/** Where a document-level finding goes: the first field's name, else the first line of the body. */
function documentSpan(doc: SecurityTxtDocument): { offset: number; end: number } {
  const first = doc.fields[0];
  if (first) return { offset: first.nameOffset, end: first.nameEnd };
  const offset = doc.lines.lineStarts[Math.min(doc.body.firstLine, doc.lines.lineCount - 1)];
  return { offset, end: offset + doc.text.slice(offset, doc.lines.nextLineStart(offset)).trimEnd().length };
}

/** The line before which text appended to the body goes (before a trailing empty line, not after it). */
function bodyEndLine(doc: SecurityTxtDocument): number {
  const line = doc.body.endLine;
  return line === doc.lines.lineCount && line > 0 && doc.lines.lineStarts[line - 1] === doc.text.length ? line - 1 : line;
}

function setExpires(doc: SecurityTxtDocument, field: SecurityTxtField, now: Date): Fix {
  const value = expiresValue(now, EXPIRES_FIX_DAYS);
  return { title: resign(doc, `Set Expires to ${value}`), edits: [{ offset: field.valueOffset, end: field.valueEnd, newText: value }], isPreferred: true };
}

export const securityTxtRules: readonly SecurityTxtRule[] = [
  {
    id: 'securitytxt:field-syntax',
    title: 'Line is not a field or a comment',
    severity: 'error',
    section: '4',
    fixable: false,
    docs: {
      summary: 'Every line of security.txt is blank, a comment starting with `#`, or `Field-Name: value`.',
      why: 'Parsers skip or reject lines they cannot read, so a contact written as free text is never found by the tools researchers use.',
      howToFix: 'Write the line as `Field-Name: value` (the name at the start of the line, then a colon and a space), or make it a comment with `#`.',
    },
    check({ doc, report }) {
      for (const line of doc.invalid) {
        report({ ...line, message: "Each line must be 'Field-Name: value', a '#' comment, or blank." });
      }
    },
  },
  {
    id: 'securitytxt:signature-structure',
    title: 'Broken OpenPGP cleartext signature structure',
    severity: 'error',
    section: '2.3',
    fixable: false,
    docs: {
      summary: 'A signed security.txt uses the OpenPGP cleartext signature framework: `-----BEGIN PGP SIGNED MESSAGE-----`, a `Hash:` header, a blank line, the fields, then the `-----BEGIN PGP SIGNATURE-----` ... `-----END PGP SIGNATURE-----` block.',
      why: 'A signature that is missing, unterminated or that leaves text outside the signed part proves nothing: a client cannot tell the contact was published by you, which is the point of signing.',
      howToFix: 'Sign the file again with `gpg --clearsign security.txt` and publish the output unchanged; keep every field between the armor lines.',
    },
    check({ doc, report }) {
      for (const problem of doc.structure) report(problem);
    },
  },
  {
    id: 'securitytxt:contact-required',
    title: 'No Contact field',
    severity: 'error',
    section: '2.5.3',
    fixable: true,
    docs: {
      summary: 'security.txt must have at least one `Contact` field.',
      why: 'Telling researchers where to report a vulnerability is the reason the file exists; without a contact, reports go to public channels or nowhere.',
      howToFix: 'Add `Contact: mailto:security@example.com` (or a `tel:` or `https:` URI) as the first field; list several in order of preference.',
    },
    check({ doc, report }) {
      if (named(doc, 'Contact').length > 0) return;
      const first = doc.fields[0];
      const edit = insertLineBefore(doc, first ? first.line : bodyEndLine(doc), CONTACT_TEMPLATE);
      report({ ...documentSpan(doc), message: 'security.txt must have at least one Contact field (a mailto:, tel: or https: URI).', fixes: [{ title: resign(doc, `Add '${CONTACT_TEMPLATE}' (then use your address)`), edits: [edit], isPreferred: true }] });
    },
  },
  {
    id: 'securitytxt:contact-uri',
    title: 'Contact is not a mailto:, tel: or https: URI',
    severity: 'error',
    section: '2.5.3',
    fixable: true,
    docs: {
      summary: 'Each `Contact` value is a URI: `mailto:` for email, `tel:` for a phone number, `https:` for a web page.',
      why: 'Tools read the scheme to know how to reach you; a bare address or an unsupported scheme leaves researchers guessing, or makes a tool drop the contact.',
      howToFix: 'Prefix email addresses with `mailto:` and phone numbers with `tel:`; use an `https:` link for a web form.',
    },
    check({ doc, report }) {
      for (const field of named(doc, 'Contact')) {
        const uri = checkUri(field.value);
        if (uri.scheme === 'http') continue; // securitytxt:https-required says what to do.
        const span = { offset: field.valueOffset, end: Math.max(field.valueEnd, field.valueOffset) };
        const fixes: Fix[] = [];
        if (/^[^@\s:]+@[^@\s]+\.[^@\s]+$/.test(field.value)) fixes.push({ title: resign(doc, `Use mailto:${field.value}`), edits: [{ offset: field.valueOffset, end: field.valueOffset, newText: 'mailto:' }], isPreferred: true });
        else if (/^\+?[0-9][0-9 ().-]{5,}$/.test(field.value)) {
          const tel = `tel:${field.value.replace(/[()]/g, '').trim().replace(/\s+/g, '-')}`;
          fixes.push({ title: resign(doc, `Use ${tel}`), edits: [{ ...span, newText: tel }], isPreferred: true });
        }
        if (!uri.ok) report({ ...span, message: `Contact must be a mailto:, tel: or https: URI: ${uri.problem}.`, fixes });
        else if (!['mailto', 'tel', 'https'].includes(uri.scheme!)) report({ ...span, message: `Contact uses the '${uri.scheme}:' scheme; use mailto:, tel: or https:.` });
      }
    },
  },
  {
    id: 'securitytxt:expires-required',
    title: 'No Expires field',
    severity: 'error',
    section: '2.5.5',
    fixable: true,
    docs: {
      summary: 'security.txt must have an `Expires` field.',
      why: 'Without an expiry, a file whose contact left the company years ago still looks authoritative, and reports go to a dead or hijacked mailbox.',
      howToFix: 'Add `Expires:` with an RFC 3339 date-time less than a year ahead (e.g. `Expires: 2026-12-31T23:00:00Z`), and renew it before then.',
    },
    check({ doc, now, report }) {
      if (named(doc, 'Expires').length > 0) return;
      const contacts = named(doc, 'Contact');
      const after = contacts.length ? contacts[contacts.length - 1] : doc.fields[doc.fields.length - 1];
      const line = `Expires: ${expiresValue(now, EXPIRES_FIX_DAYS)}`;
      const edit = insertLineBefore(doc, after ? after.line + 1 : bodyEndLine(doc), line);
      report({ ...documentSpan(doc), message: 'security.txt must have an Expires field (an RFC 3339 date-time, less than a year ahead).', fixes: [{ title: resign(doc, `Add '${line}'`), edits: [edit], isPreferred: true }] });
    },
  },
  {
    id: 'securitytxt:expires-once',
    title: 'Expires appears more than once',
    severity: 'error',
    section: '2.5.5',
    fixable: false,
    docs: {
      summary: 'The `Expires` field appears exactly once.',
      why: 'Two expiry dates contradict each other; parsers pick one, and not necessarily the one you meant.',
      howToFix: 'Keep one `Expires` line and delete the others.',
    },
    check({ doc, report }) {
      for (const field of named(doc, 'Expires').slice(1)) report({ offset: field.nameOffset, end: field.nameEnd, message: 'Expires must appear only once; delete this one or the first.' });
    },
  },
  {
    id: 'securitytxt:expires-format',
    title: 'Expires is not an RFC 3339 date-time',
    severity: 'error',
    section: '2.5.5',
    fixable: true,
    docs: {
      summary: 'The `Expires` value is an RFC 3339 `date-time`, such as `2026-12-31T23:59:59Z` or `2026-12-31T23:59:59+01:00`.',
      why: 'A date in another format cannot be read reliably, so clients cannot tell whether the file is still valid and must treat it as stale.',
      howToFix: 'Write the date as `YYYY-MM-DDThh:mm:ssZ` (UTC) or with a numeric offset.',
    },
    check({ doc, now, report }) {
      for (const field of named(doc, 'Expires')) {
        if (parseDateTime(field.value)) continue;
        report({ offset: field.valueOffset, end: Math.max(field.valueEnd, field.valueOffset), message: `Expires must be an RFC 3339 date-time such as 2026-12-31T23:59:59Z, not '${field.value}'.`, fixes: [setExpires(doc, field, now)] });
      }
    },
  },
  {
    id: 'securitytxt:expired',
    title: 'Expires is in the past',
    severity: 'error',
    section: '2.5.5',
    fixable: true,
    docs: {
      summary: 'The `Expires` date has passed.',
      why: 'RFC 9116 says an expired file must not be used: researchers and tools ignore it, so nobody knows where to report a vulnerability.',
      howToFix: 'Check that the contacts are still right, then set `Expires` to a date less than a year ahead.',
    },
    check({ doc, now, report }) {
      for (const field of named(doc, 'Expires')) {
        const date = parseDateTime(field.value);
        if (!date || date.getTime() > now.getTime()) continue;
        report({ offset: field.valueOffset, end: field.valueEnd, message: `This security.txt expired on ${field.value}; clients must not use it.`, fixes: [setExpires(doc, field, now)] });
      }
    },
  },
  {
    id: 'securitytxt:expires-too-far',
    title: 'Expires is more than a year ahead',
    severity: 'warning',
    section: '2.5.5',
    fixable: true,
    docs: {
      summary: 'The `Expires` date is more than a year in the future.',
      why: 'RFC 9116 recommends less than a year so the file is reviewed regularly; a far-off date keeps stale contacts looking valid for years.',
      howToFix: 'Set `Expires` less than a year ahead and renew it on a schedule.',
    },
    check({ doc, now, report }) {
      for (const field of named(doc, 'Expires')) {
        const date = parseDateTime(field.value);
        if (!date || date.getTime() - now.getTime() <= YEAR_MS) continue;
        report({ offset: field.valueOffset, end: field.valueEnd, message: 'Expires is more than a year ahead; RFC 9116 recommends less than a year.', fixes: [setExpires(doc, field, now)] });
      }
    },
  },
  {
    id: 'securitytxt:uri-format',
    title: 'Field value is not a URI',
    severity: 'error',
    section: '2.5',
    fixable: false,
    docs: {
      summary: '`Acknowledgments`, `Canonical`, `Encryption`, `Hiring`, `Policy` and `CSAF` values are URIs (RFC 3986).',
      why: 'Clients follow these links (to the key, the policy, the canonical location); a value that is not a URI is skipped or, worse, misread.',
      howToFix: 'Write a full URI, e.g. `Policy: https://example.com/security-policy`; percent-encode spaces.',
    },
    check({ doc, report }) {
      for (const field of doc.fields) {
        const known = fieldDoc(field.name);
        if (!known?.uri || known.name === 'Contact') continue;
        const uri = checkUri(field.value);
        if (!uri.ok && uri.scheme !== 'http') report({ offset: field.valueOffset, end: Math.max(field.valueEnd, field.valueOffset), message: `${known.name} must be a URI: ${uri.problem}.` });
      }
    },
  },
  {
    id: 'securitytxt:https-required',
    title: 'Web URI over plain http',
    severity: 'error',
    section: '2.5',
    fixable: true,
    docs: {
      summary: 'Web URIs in security.txt (`Contact`, `Policy`, `Encryption`, `Canonical`...) must begin with `https://`.',
      why: 'Over plain http an attacker on the path can swap the reporting form, the encryption key or the policy, and collect the vulnerability reports themselves.',
      howToFix: 'Use `https://` (the quick fix replaces the scheme); serve those pages over TLS.',
    },
    check({ doc, report }) {
      for (const field of doc.fields) {
        if (!fieldDoc(field.name)?.uri || !/^http:/i.test(field.value)) continue;
        const fix: Fix = { title: resign(doc, 'Use https:'), edits: [{ offset: field.valueOffset, end: field.valueOffset + 5, newText: 'https:' }], isPreferred: true };
        report({ offset: field.valueOffset, end: field.valueEnd, message: `${fieldDoc(field.name)!.name} must use https://, not http://.`, fixes: [fix] });
      }
    },
  },
  {
    id: 'securitytxt:preferred-languages-once',
    title: 'Preferred-Languages appears more than once',
    severity: 'error',
    section: '2.5.8',
    fixable: false,
    docs: {
      summary: 'The `Preferred-Languages` field appears at most once.',
      why: 'Several lists contradict each other; parsers keep one of them.',
      howToFix: 'Merge the languages into one comma-separated `Preferred-Languages` line.',
    },
    check({ doc, report }) {
      for (const field of named(doc, 'Preferred-Languages').slice(1)) report({ offset: field.nameOffset, end: field.nameEnd, message: 'Preferred-Languages must appear at most once; merge the lists into one line.' });
    },
  },
  {
    id: 'securitytxt:preferred-languages-format',
    title: 'Preferred-Languages is not a list of language tags',
    severity: 'error',
    section: '2.5.8',
    fixable: false,
    docs: {
      summary: 'The `Preferred-Languages` value is a comma-separated list of RFC 5646 language tags, e.g. `en, fr, de-CH`.',
      why: 'Language names in prose ("English") cannot be matched by tools routing reports to the right team.',
      howToFix: 'Use language tags separated by commas: `Preferred-Languages: en, es`.',
    },
    check({ doc, report }) {
      for (const field of named(doc, 'Preferred-Languages')) {
        let at = field.valueOffset;
        for (const part of field.value.split(',')) {
          const tag = part.trim();
          const start = at + part.indexOf(tag);
          if (!isLanguageTag(tag)) report({ offset: tag ? start : field.valueOffset, end: tag ? start + tag.length : Math.max(field.valueEnd, field.valueOffset), message: tag ? `'${tag}' is not an RFC 5646 language tag (e.g. en, fr, pt-BR).` : 'Preferred-Languages has an empty entry; list language tags separated by commas.' });
          at += part.length + 1;
        }
      }
    },
  },
  {
    id: 'securitytxt:field-name-case',
    title: 'Field name not in its registered spelling',
    severity: 'info',
    section: '4',
    fixable: true,
    docs: {
      summary: 'A known field written in another case, such as `contact:` for `Contact:`.',
      why: 'Field names are case-insensitive (RFC 9116\'s ABNF, as RFC 5234 reads literal strings), but some parsers and scanners compare them exactly and miss the field; the registered spelling works everywhere.',
      howToFix: 'Write the field name as registered: `Contact`, `Expires`, `Encryption`, `Acknowledgments`, `Preferred-Languages`, `Canonical`, `Policy`, `Hiring`.',
    },
    check({ doc, report }) {
      for (const field of doc.fields) {
        const known = fieldDoc(field.name);
        if (!known || known.name === field.name) continue;
        report({ offset: field.nameOffset, end: field.nameEnd, message: `Write '${known.name}', the registered spelling, not '${field.name}'.`, fixes: [{ title: resign(doc, `Rename to ${known.name}`), edits: [{ offset: field.nameOffset, end: field.nameEnd, newText: known.name }], isPreferred: true }] });
      }
    },
  },
  {
    id: 'securitytxt:unknown-field',
    title: 'Unknown field',
    severity: 'info',
    section: '2.4',
    fixable: true,
    docs: {
      summary: 'A field that is neither defined by RFC 9116 nor registered with IANA.',
      why: 'Extension fields are allowed, but a misspelled standard field (`Acknowledgements`, `Contacts`) is silently ignored by every client.',
      howToFix: 'Correct the spelling of a standard field (the quick fix offers the closest one), or keep the extension field knowing clients ignore it.',
    },
    check({ doc, report }) {
      for (const field of doc.fields) {
        if (fieldDoc(field.name)) continue;
        const lower = field.name.toLowerCase();
        const closest = FIELD_DOCS.map((f) => ({ f, d: editDistance(lower, f.name.toLowerCase()) })).sort((a, b) => a.d - b.d)[0];
        const guess = closest && closest.d <= Math.max(1, Math.floor(closest.f.name.length / 4)) ? closest.f.name : undefined;
        report({
          offset: field.nameOffset,
          end: field.nameEnd,
          message: guess ? `Unknown field '${field.name}'; did you mean '${guess}'?` : `Unknown field '${field.name}': not defined by RFC 9116 nor registered with IANA, so clients ignore it.`,
          fixes: guess ? [{ title: resign(doc, `Rename to ${guess}`), edits: [{ offset: field.nameOffset, end: field.nameEnd, newText: guess }], isPreferred: true }] : [],
        });
      }
    },
  },
  {
    id: 'securitytxt:canonical-mismatch',
    title: 'Canonical does not match where the file lives',
    severity: 'warning',
    section: '2.5.2',
    fixable: false,
    docs: {
      summary: 'When the file\'s location is known (a web URL, or a file in a `.well-known` folder), one of its `Canonical` URIs names that location.',
      why: 'Clients must distrust a file fetched from a URI its Canonical fields do not list; a copied or moved file with a stale Canonical is ignored, and a signed one cannot be trusted where it is.',
      howToFix: 'List the URI the file is served from, e.g. `Canonical: https://example.com/.well-known/security.txt`.',
    },
    check({ doc, location, report }) {
      const canonicals = named(doc, 'Canonical').filter((f) => checkUri(f.value).ok);
      if (!location || canonicals.length === 0) return;
      const web = /^https?:\/\//i.test(location) ? safeUrl(location) : undefined;
      const inWellKnown = /(^|[\\/])\.well-known[\\/]security\.txt$/i.test(decodeURIComponent(location.replace(/[?#].*$/, '')));
      if (!web && !inWellKnown) return;
      const matches = (f: SecurityTxtField) => {
        const url = safeUrl(f.value);
        if (!url) return false;
        return web ? url.href === web.href : url.pathname === '/.well-known/security.txt';
      };
      if (canonicals.some(matches)) return;
      const expected = web ? web.href : 'a URI ending in /.well-known/security.txt';
      for (const field of canonicals) report({ offset: field.valueOffset, end: field.valueEnd, message: `Canonical should list where this file lives (${expected}).` });
    },
  },
];

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const BY_ID = new Map(securityTxtRules.map((r) => [r.id, r]));

export function securityTxtRuleById(id: string): SecurityTxtRule | undefined {
  return BY_ID.get(id);
}
