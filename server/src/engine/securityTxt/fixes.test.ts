import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../../../test/support/paths';
import { applyEdits } from '../edit/textEdit';
import { lintSecurityTxt } from '.';

const NOW = new Date('2026-06-01T12:00:00Z');
/** Midnight UTC, 364 days after NOW: just under a year ahead. */
const RENEWED = '2027-05-31T00:00:00Z';

/** The text after applying the only fix of the only finding of `code`, and the fix's title. */
function fixed(text: string, code: string): { text: string; title: string } {
  const diagnostics = lintSecurityTxt(text, { now: NOW }).diagnostics.filter((d) => d.code === code);
  assert.equal(diagnostics.length, 1, `one ${code} in ${JSON.stringify(text)}`);
  assert.equal(diagnostics[0].fixes.length, 1, `${code} offers one fix`);
  const fix = diagnostics[0].fixes[0];
  assert.equal(fix.isPreferred, true);
  const result = applyEdits(text, fix.edits);
  assert.ok(!lintSecurityTxt(result, { now: NOW }).diagnostics.some((d) => d.code === code), `${code} is gone after the fix`);
  return { text: result, title: fix.title };
}

describe('security.txt quick fixes', () => {
  it('adds a missing Expires just under a year ahead, in UTC, after the contacts', () => {
    assert.deepEqual(fixed('Contact: mailto:a@example.com\nPolicy: https://example.com/p\n', 'securitytxt:expires-required'), {
      text: `Contact: mailto:a@example.com\nExpires: ${RENEWED}\nPolicy: https://example.com/p\n`,
      title: `Add 'Expires: ${RENEWED}'`,
    });
    assert.equal(fixed('Contact: mailto:a@example.com\r\nPolicy: https://example.com/p', 'securitytxt:expires-required').text, `Contact: mailto:a@example.com\r\nExpires: ${RENEWED}\r\nPolicy: https://example.com/p`, 'CRLF kept');
    assert.equal(fixed('Policy: https://example.com/p', 'securitytxt:expires-required').text, `Policy: https://example.com/p\nExpires: ${RENEWED}`, 'no final line break: one is added before');
    assert.equal(fixed('# nothing yet\n', 'securitytxt:expires-required').text, `# nothing yet\nExpires: ${RENEWED}\n`);
    const late = new Date('2026-12-31T23:59:59Z');
    const diagnostic = lintSecurityTxt('Contact: mailto:a@example.com\n', { now: late }).diagnostics[0];
    assert.equal(applyEdits('Contact: mailto:a@example.com\n', diagnostic.fixes[0].edits), 'Contact: mailto:a@example.com\nExpires: 2027-12-30T00:00:00Z\n', 'the UTC date, not the local one');
  });

  it('adds Expires inside the signed text of a signed file, and says the file must be signed again', () => {
    const signed = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'security-txt', 'signed.txt'), 'utf8');
    const { text, title } = fixed(signed.replace('Expires: 2027-06-30T23:59:59Z\n', ''), 'securitytxt:expires-required');
    assert.equal(text, signed.replace('Expires: 2027-06-30T23:59:59Z', `Expires: ${RENEWED}`));
    assert.equal(title, `Add 'Expires: ${RENEWED}' (then sign the file again)`);
  });

  it('renews an expired, too distant or malformed Expires', () => {
    for (const [value, code] of [['2020-01-01T00:00:00Z', 'securitytxt:expired'], ['2030-01-01T00:00:00Z', 'securitytxt:expires-too-far'], ['next year', 'securitytxt:expires-format']]) {
      assert.deepEqual(fixed(`Contact: mailto:a@example.com\nExpires: ${value}\n`, code), { text: `Contact: mailto:a@example.com\nExpires: ${RENEWED}\n`, title: `Set Expires to ${RENEWED}` }, code);
    }
  });

  it('replaces http: by https:', () => {
    assert.deepEqual(fixed(`Contact: mailto:a@example.com\nExpires: ${RENEWED}\nPolicy: http://example.com/policy\n`, 'securitytxt:https-required'), {
      text: `Contact: mailto:a@example.com\nExpires: ${RENEWED}\nPolicy: https://example.com/policy\n`,
      title: 'Use https:',
    });
  });

  it("fixes a field name's case and spelling", () => {
    assert.equal(fixed(`contact: mailto:a@example.com\nExpires: ${RENEWED}\n`, 'securitytxt:field-name-case').text, `Contact: mailto:a@example.com\nExpires: ${RENEWED}\n`);
    assert.deepEqual(fixed(`Contact: mailto:a@example.com\nExpires: ${RENEWED}\nAcknowledgements: https://example.com/thanks\n`, 'securitytxt:unknown-field'), {
      text: `Contact: mailto:a@example.com\nExpires: ${RENEWED}\nAcknowledgments: https://example.com/thanks\n`,
      title: 'Rename to Acknowledgments',
    });
    assert.deepEqual(lintSecurityTxt('X-Bug-Bounty: yes\n', { now: NOW }).diagnostics.find((d) => d.code === 'securitytxt:unknown-field')?.fixes, [], 'no guess, no fix');
  });

  it('adds a Contact template before the first field', () => {
    assert.deepEqual(fixed(`# Example\nExpires: ${RENEWED}\n`, 'securitytxt:contact-required'), {
      text: `# Example\nContact: mailto:security@example.com\nExpires: ${RENEWED}\n`,
      title: "Add 'Contact: mailto:security@example.com' (then use your address)",
    });
    assert.equal(fixed('', 'securitytxt:contact-required').text, 'Contact: mailto:security@example.com\n');
    assert.equal(fixed(`\uFEFFExpires: ${RENEWED}\n`, 'securitytxt:contact-required').text, `\uFEFFContact: mailto:security@example.com\nExpires: ${RENEWED}\n`, 'after the byte order mark');
  });

  it('turns a bare email address or phone number into a mailto: or tel: URI', () => {
    assert.equal(fixed(`Contact: security@example.com\nExpires: ${RENEWED}\n`, 'securitytxt:contact-uri').text, `Contact: mailto:security@example.com\nExpires: ${RENEWED}\n`);
    assert.equal(fixed(`Contact: +1 (201) 555-0123\nExpires: ${RENEWED}\n`, 'securitytxt:contact-uri').text, `Contact: tel:+1-201-555-0123\nExpires: ${RENEWED}\n`);
  });
});
