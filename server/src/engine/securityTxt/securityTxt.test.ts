import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../../../test/support/paths';
import { lintSecurityTxt, securityTxtHoverAt, securityTxtRules, type LintSecurityTxtOptions } from '.';
import { parseDateTime } from './values';

/** Every test uses this clock: nothing depends on the day the tests run. */
const NOW = new Date('2026-06-01T12:00:00Z');
const GOOD_EXPIRES = 'Expires: 2026-12-31T23:59:59Z';
const fixture = (name: string) => readFileSync(path.join(repoRoot, 'test', 'fixtures', 'security-txt', name), 'utf8');

/** `[code, highlighted text]` of every finding, in document order. */
function found(text: string, options: Partial<LintSecurityTxtOptions> = {}): Array<[string, string]> {
  return lintSecurityTxt(text, { now: NOW, ...options }).diagnostics.map((d) => [d.code, text.slice(d.offset, d.end)]);
}
const ok = (...lines: string[]) => [...lines, ''].join('\n');

describe('security.txt rules', () => {
  it('finds nothing in the example file and in a genuinely signed file', () => {
    assert.deepEqual(found(readFileSync(path.join(repoRoot, 'examples', 'security.txt'), 'utf8'), { now: new Date('2026-12-01T00:00:00Z'), location: 'file:///srv/www/.well-known/security.txt' }), []);
    assert.deepEqual(found(fixture('signed.txt'), { now: new Date('2026-12-01T00:00:00Z') }), []);
  });

  it('reads a file that starts with a byte order mark', () => {
    assert.deepEqual(found(ok('\uFEFFContact: mailto:a@example.com', GOOD_EXPIRES)), []);
  });

  it('securitytxt:field-syntax: lines that are not Field: value, comments or blank', () => {
    assert.deepEqual(found(ok('Contact: mailto:a@example.com', GOOD_EXPIRES, 'Write to us at a@example.com', ' Policy: https://example.com/p', 'Hiring : https://example.com/j', '', '# fine', '   ')), [
      ['securitytxt:field-syntax', 'Write to us at a@example.com'],
      ['securitytxt:field-syntax', ' Policy: https://example.com/p'],
      ['securitytxt:field-syntax', 'Hiring : https://example.com/j'],
    ]);
  });

  it('securitytxt:signature-structure: each way the cleartext signature framework can be broken', () => {
    const signed = fixture('signed.txt');
    const code = 'securitytxt:signature-structure';
    const structure = (text: string) => lintSecurityTxt(text, { now: NOW }).diagnostics.filter((d) => d.code === code).map((d) => d.message);
    assert.deepEqual(structure(signed.replace('Hash: SHA512\n', '')), ["The signed message has no 'Hash:' armor header naming the digest algorithm (e.g. 'Hash: SHA512')."]);
    assert.deepEqual(structure(signed.replace('Hash: SHA512\n\n', 'Hash: SHA512\n')), ["A blank line must separate the 'Hash:' header from the signed text."]);
    assert.deepEqual(structure(signed.replace('Hash: SHA512\n', 'Hash: SHA512\nComment: hi\n')), ["Only 'Hash:' armor headers may follow '-----BEGIN PGP SIGNED MESSAGE-----'."]);
    assert.deepEqual(structure(signed.slice(0, signed.indexOf('-----BEGIN PGP SIGNATURE-----'))), ["The signed message has no '-----BEGIN PGP SIGNATURE-----' block after its text: the signature is missing."]);
    assert.deepEqual(structure(signed.replace('-----END PGP SIGNATURE-----\n', '')), ["The signature block is not closed by '-----END PGP SIGNATURE-----'."]);
    assert.deepEqual(structure(`${signed}Contact: mailto:evil@example.net\n`), ["Text after '-----END PGP SIGNATURE-----' is not covered by the signature."]);
    assert.deepEqual(structure(`Contact: mailto:evil@example.net\n${signed}`), ["Text before '-----BEGIN PGP SIGNED MESSAGE-----' is not covered by the signature; the signed message must start the file."]);
    assert.deepEqual(structure(signed.replace(/\n\n[A-Za-z0-9+/=\n]+-----END/, '\n-----END')), ['The signature block holds no signature data.']);
    assert.deepEqual(structure(signed.replace('-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n', '')), ["A signature block without '-----BEGIN PGP SIGNED MESSAGE-----' before the signed text: nothing here is signed."]);
    assert.deepEqual(structure(signed.replace('Preferred-Languages: en\n', '-bullet\n')), ["A line of signed text that starts with '-' must be dash-escaped as '- -'."]);
    assert.deepEqual(structure(signed), []);
  });

  it('validates the fields of a signed file, at their offsets in the text as written', () => {
    const signed = fixture('signed.txt').replace('Canonical: https://', 'Canonical: http://').replace('Preferred-Languages: en\n', '- -bullet\n');
    assert.deepEqual(found(signed, { now: new Date('2026-12-01T00:00:00Z') }), [
      ['securitytxt:https-required', 'http://example.com/.well-known/security.txt'],
      ['securitytxt:field-syntax', '-bullet'],
    ]);
  });

  it('securitytxt:contact-required: at least one Contact', () => {
    assert.deepEqual(found(ok('# Our policy', GOOD_EXPIRES, 'Policy: https://example.com/p')), [['securitytxt:contact-required', 'Expires']]);
    assert.deepEqual(found(ok('Contact: https://example.com/report', GOOD_EXPIRES)), []);
  });

  it('securitytxt:contact-uri: mailto:, tel: or https: URIs only', () => {
    assert.deepEqual(
      found(ok('Contact: security@example.com', 'Contact: +1 (201) 555-0123', 'Contact: ftp://example.com/inbox', 'Contact: mailto:', 'Contact: https://example.com/a form', 'Contact: tel:+1-201-555-0123', 'Contact: mailto:security@example.com', GOOD_EXPIRES)),
      [
        ['securitytxt:contact-uri', 'security@example.com'],
        ['securitytxt:contact-uri', '+1 (201) 555-0123'],
        ['securitytxt:contact-uri', 'ftp://example.com/inbox'],
        ['securitytxt:contact-uri', 'mailto:'],
        ['securitytxt:contact-uri', 'https://example.com/a form'],
      ],
    );
  });

  it('securitytxt:expires-required and securitytxt:expires-once', () => {
    assert.deepEqual(found(ok('Contact: mailto:a@example.com')), [['securitytxt:expires-required', 'Contact']]);
    assert.deepEqual(found(ok('Contact: mailto:a@example.com', GOOD_EXPIRES, 'Expires: 2026-09-01T00:00:00Z')), [['securitytxt:expires-once', 'Expires']]);
    const twice = lintSecurityTxt(ok('Contact: mailto:a@example.com', GOOD_EXPIRES, 'Expires: 2026-09-01T00:00:00Z'), { now: NOW }).diagnostics[0];
    assert.equal(twice.range.start.line, 2, 'the second Expires is the one reported');
  });

  it('securitytxt:expires-format: RFC 3339 date-time only', () => {
    const bad = ['2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-12-31', 'Dec 31 2026', '2026-12-31 23:59:59Z', '2026-12-31T24:00:00Z', '2026-12-31T23:59:59+25:00', ''];
    for (const value of bad) assert.deepEqual(found(ok('Contact: mailto:a@example.com', `Expires: ${value}`)), [['securitytxt:expires-format', value]], value);
    for (const value of ['2026-12-31T23:59:59+01:00', '2026-12-31t23:59:59.123z', '2026-12-31T23:59:60Z']) assert.deepEqual(found(ok('Contact: mailto:a@example.com', `Expires: ${value}`)), [], value);
    assert.equal(parseDateTime('2026-12-31T23:59:59+01:00')?.toISOString(), '2026-12-31T22:59:59.000Z');
  });

  it('securitytxt:expired (error) and securitytxt:expires-too-far (warning), against the clock passed in', () => {
    const at = (value: string) => lintSecurityTxt(ok('Contact: mailto:a@example.com', `Expires: ${value}`), { now: NOW }).diagnostics.map((d) => [d.code, d.severity]);
    assert.deepEqual(at('2026-06-01T11:59:59Z'), [['securitytxt:expired', 'error']]);
    assert.deepEqual(at('2026-06-01T12:00:00Z'), [['securitytxt:expired', 'error']], 'expiring now is expired');
    assert.deepEqual(at('2026-06-01T12:00:01Z'), []);
    assert.deepEqual(at('2027-06-01T12:00:00Z'), [], 'exactly a year ahead is fine');
    assert.deepEqual(at('2027-06-01T12:00:01Z'), [['securitytxt:expires-too-far', 'warning']]);
    assert.deepEqual(at('2027-06-01T13:00:01+01:00'), [['securitytxt:expires-too-far', 'warning']], 'offsets are honoured');
  });

  it('securitytxt:uri-format: Acknowledgments, Canonical, Encryption, Hiring, Policy and CSAF values are URIs', () => {
    assert.deepEqual(
      found(ok('Contact: mailto:a@example.com', GOOD_EXPIRES, 'Encryption: my PGP key', 'Policy: example.com/policy', 'Hiring: https://', 'Acknowledgments: https://example.com/thanks', 'Encryption: openpgp4fpr:5f2de5521c63a801ab59ccb603d49de44b29100f', 'Encryption: dns:5d2d3ceb7abe552344276d47d36a8175b7aeb250a9bf0bf00e850cd2._openpgpkey.example.com?type=OPENPGPKEY', 'CSAF: https://example.com/.well-known/csaf/provider-metadata.json')),
      [
        ['securitytxt:uri-format', 'my PGP key'],
        ['securitytxt:uri-format', 'example.com/policy'],
        ['securitytxt:uri-format', 'https://'],
      ],
    );
  });

  it('securitytxt:https-required: web URIs over https, in every URI field', () => {
    assert.deepEqual(found(ok('Contact: http://example.com/report', GOOD_EXPIRES, 'Policy: HTTP://example.com/p', 'X-Other: http://example.com')), [
      ['securitytxt:https-required', 'http://example.com/report'],
      ['securitytxt:https-required', 'HTTP://example.com/p'],
      ['securitytxt:unknown-field', 'X-Other'],
    ]);
  });

  it('securitytxt:preferred-languages-once and securitytxt:preferred-languages-format', () => {
    const base = ['Contact: mailto:a@example.com', GOOD_EXPIRES];
    assert.deepEqual(found(ok(...base, 'Preferred-Languages: en, fr-CA, zh-Hant-TW, de-CH-1996')), []);
    assert.deepEqual(found(ok(...base, 'Preferred-Languages: English, en;fr, , es')), [
      ['securitytxt:preferred-languages-format', 'English'],
      ['securitytxt:preferred-languages-format', 'English, en;fr, , es'], // the empty entry: the whole value
      ['securitytxt:preferred-languages-format', 'en;fr'],
    ]);
    assert.deepEqual(found(ok(...base, 'Preferred-Languages: en', 'Preferred-Languages: fr')), [['securitytxt:preferred-languages-once', 'Preferred-Languages']]);
  });

  it('securitytxt:field-name-case and securitytxt:unknown-field', () => {
    assert.deepEqual(found(ok('contact: mailto:a@example.com', 'EXPIRES: 2026-12-31T23:59:59Z', 'Acknowledgements: https://example.com/t', 'Contacts: mailto:b@example.com', 'X-Bug-Bounty: https://example.com/bb')), [
      ['securitytxt:field-name-case', 'contact'],
      ['securitytxt:field-name-case', 'EXPIRES'],
      ['securitytxt:unknown-field', 'Acknowledgements'],
      ['securitytxt:unknown-field', 'Contacts'],
      ['securitytxt:unknown-field', 'X-Bug-Bounty'],
    ]);
    const messages = lintSecurityTxt(ok('Acknowledgements: https://example.com/t', 'X-Bug-Bounty: yes'), { now: NOW }).diagnostics.filter((d) => d.code === 'securitytxt:unknown-field').map((d) => d.message);
    assert.deepEqual(messages, ["Unknown field 'Acknowledgements'; did you mean 'Acknowledgments'?", "Unknown field 'X-Bug-Bounty': not defined by RFC 9116 nor registered with IANA, so clients ignore it."]);
  });

  it('securitytxt:canonical-mismatch: only when where the file lives is known', () => {
    const text = ok('Contact: mailto:a@example.com', GOOD_EXPIRES, 'Canonical: https://example.com/security.txt', 'Canonical: https://www.example.com/.well-known/security.txt');
    assert.deepEqual(found(text), [], 'location unknown');
    assert.deepEqual(found(text, { location: 'file:///srv/site/security.txt' }), [], 'outside .well-known: the served path is unknown');
    assert.deepEqual(found(text, { location: 'file:///srv/site/.well-known/security.txt' }), [], 'one Canonical names /.well-known/security.txt');
    assert.deepEqual(found(text, { location: 'https://www.example.com/.well-known/security.txt' }), []);
    assert.deepEqual(found(text, { location: 'https://api.example.com/.well-known/security.txt' }), [
      ['securitytxt:canonical-mismatch', 'https://example.com/security.txt'],
      ['securitytxt:canonical-mismatch', 'https://www.example.com/.well-known/security.txt'],
    ]);
    const legacy = ok('Contact: mailto:a@example.com', GOOD_EXPIRES, 'Canonical: https://example.com/security.txt');
    assert.deepEqual(found(legacy, { location: 'C:\\site\\.well-known\\security.txt' }), [['securitytxt:canonical-mismatch', 'https://example.com/security.txt']]);
  });

  it('applies per-rule overrides: off, and another severity', () => {
    const text = ok('contact: mailto:a@example.com');
    const result = lintSecurityTxt(text, { now: NOW, overrides: { 'securitytxt:field-name-case': 'off', 'securitytxt:expires-required': 'warning' } });
    assert.deepEqual(result.diagnostics.map((d) => [d.code, d.severity]), [['securitytxt:expires-required', 'warning']]);
  });

  it('gives each finding the field it is on as its path, for config ignores and SARIF fingerprints', () => {
    const result = lintSecurityTxt(ok('Contact: mailto:a@example.com', 'contact: http://example.com/r', GOOD_EXPIRES), { now: NOW });
    assert.deepEqual(result.diagnostics.map((d) => [d.code, d.path]), [['securitytxt:field-name-case', ['Contact', 1]], ['securitytxt:https-required', ['Contact', 1]]]);
  });

  it('has an id, RFC 9116 section and docs for every rule', () => {
    const ids = new Set<string>();
    for (const rule of securityTxtRules) {
      assert.match(rule.id, /^securitytxt:[a-z0-9-]+$/);
      assert.ok(!ids.has(rule.id), rule.id);
      ids.add(rule.id);
      assert.match(rule.section, /^\d+(\.\d+)*$/, rule.id);
      for (const text of Object.values(rule.docs)) assert.ok(text.length > 20, rule.id);
      assert.ok(readFileSync(path.join(repoRoot, 'server', 'src', 'engine', 'securityTxt', 'securityTxt.test.ts'), 'utf8').includes(`'${rule.id}'`), `${rule.id} has a test here`);
    }
  });
});

describe('security.txt hovers', () => {
  const text = ok('# comment', 'Contact: mailto:a@example.com', 'X-Other: 1', 'preferred-languages: en');
  const analysis = lintSecurityTxt(text, { now: NOW });
  const at = (needle: string, delta = 0) => securityTxtHoverAt(analysis, text.indexOf(needle) + delta);

  it('documents the field under the cursor, name or value, with its RFC 9116 section', () => {
    const name = at('Contact', 2);
    assert.equal(name?.field.name, 'Contact');
    assert.equal(name?.url, 'https://www.rfc-editor.org/rfc/rfc9116#section-2.5.3');
    assert.deepEqual([name?.offset, name?.end], [text.indexOf('Contact'), text.indexOf('Contact') + 7]);
    assert.equal(at('mailto:', 3)?.field.name, 'Contact');
    assert.equal(at('preferred-languages')?.field.section, '2.5.8', 'any case');
  });

  it('has nothing for comments and unknown fields', () => {
    assert.equal(at('# comment', 3), undefined);
    assert.equal(at('X-Other'), undefined);
  });
});
