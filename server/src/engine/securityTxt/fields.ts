/** The registered security.txt fields (RFC 9116 section 2.5 and the IANA registry), for hovers and checks. */

export const RFC9116_URL = 'https://www.rfc-editor.org/rfc/rfc9116';
export const rfcSectionUrl = (section: string) => `${RFC9116_URL}#section-${section}`;

export interface FieldDoc {
  /** The registered spelling. */
  name: string;
  /** RFC 9116 section, e.g. `2.5.3` (2.4, Extensibility, for fields registered later). */
  section: string;
  /** What the field means, in a sentence or two. */
  meaning: string;
  /** How many times it may appear. */
  occurrence: string;
  /** The value must be a URI (web URIs over https). */
  uri: boolean;
  /** Where the definition lives, when it is not RFC 9116 itself. */
  source?: { title: string; url: string };
}

export const FIELD_DOCS: readonly FieldDoc[] = [
  {
    name: 'Acknowledgments',
    section: '2.5.1',
    meaning: 'A link to a page where security researchers are recognized for their reports, so they can see how past reports were credited.',
    occurrence: 'Optional; may appear more than once.',
    uri: true,
  },
  {
    name: 'Canonical',
    section: '2.5.2',
    meaning: 'The URIs this file is meant to be fetched from. A client that got the file from a URI not listed here should not trust it; a signed file should list its canonical URIs so the signature binds the location.',
    occurrence: 'Optional; may appear more than once.',
    uri: true,
  },
  {
    name: 'Contact',
    section: '2.5.3',
    meaning: 'Where to report a vulnerability: an email address (`mailto:`), a phone number (`tel:`) or a web page (`https:`). When there are several, the first is the preferred one.',
    occurrence: 'Required; at least once.',
    uri: true,
  },
  {
    name: 'Encryption',
    section: '2.5.4',
    meaning: 'Where to find the key researchers should encrypt their report with (an `https:` link, `openpgp4fpr:` fingerprint or `dns:` OPENPGPKEY record). It must point at the key, not contain it.',
    occurrence: 'Optional; may appear more than once.',
    uri: true,
  },
  {
    name: 'Expires',
    section: '2.5.5',
    meaning: 'When the file stops being valid, as an RFC 3339 date-time. After that date researchers must not rely on it, so an out-of-date contact is not used forever; it should be less than a year ahead.',
    occurrence: 'Required; exactly once.',
    uri: false,
  },
  {
    name: 'Hiring',
    section: '2.5.6',
    meaning: 'A link to security-related job openings.',
    occurrence: 'Optional; may appear more than once.',
    uri: true,
  },
  {
    name: 'Policy',
    section: '2.5.7',
    meaning: 'A link to the vulnerability disclosure policy: scope, safe harbour, what researchers may and may not do.',
    occurrence: 'Optional; may appear more than once.',
    uri: true,
  },
  {
    name: 'Preferred-Languages',
    section: '2.5.8',
    meaning: 'The languages the security team prefers reports in, as comma-separated RFC 5646 language tags (e.g. `en, fr`).',
    occurrence: 'Optional; at most once.',
    uri: false,
  },
  {
    name: 'CSAF',
    section: '2.4',
    meaning: 'A link to the provider-metadata.json of a CSAF 2.0 trusted provider, where machine-readable security advisories are published (registered with IANA by OASIS CSAF 2.0).',
    occurrence: 'Optional; may appear more than once.',
    uri: true,
    source: { title: 'OASIS CSAF 2.0, section 7.1.8', url: 'https://docs.oasis-open.org/csaf/csaf/v2.0/os/csaf-v2.0-os.html#718-requirement-8-securitytxt' },
  },
];

const BY_NAME = new Map(FIELD_DOCS.map((f) => [f.name.toLowerCase(), f]));

/** The registered field of this name, whatever its case (RFC 9116 field names are case-insensitive). */
export function fieldDoc(name: string): FieldDoc | undefined {
  return BY_NAME.get(name.toLowerCase());
}
