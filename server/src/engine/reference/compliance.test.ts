import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules } from '../index';
import { controlsFor, TOPIC_CONTROLS, type SecurityTopic } from './compliance';

describe('compliance references', () => {
  it('lists each control once, grouped by framework in a fixed order', () => {
    const controls = controlsFor(['input-validation', 'mass-assignment']);
    const keys = controls.map((c) => `${c.framework} ${c.id}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual(keys, ['ISO/IEC 27001:2022 A.8.28', 'PCI DSS v4.0 6.2.4', 'NIST SP 800-53 Rev. 5 SI-10', 'OWASP ASVS 4.0.3 V5.1', 'OWASP ASVS 4.0.3 V5.1.2']);
  });

  it('claims HIPAA and GDPR only where they apply', () => {
    const hipaa = (Object.keys(TOPIC_CONTROLS) as SecurityTopic[]).filter((t) => TOPIC_CONTROLS[t].some((c) => c.framework === 'HIPAA'));
    assert.deepEqual(hipaa.sort(), ['authentication', 'authorization', 'transport-encryption']);
    assert.ok(!controlsFor(['input-validation']).some((c) => c.framework === 'GDPR'));
    assert.ok(controlsFor(['transport-encryption']).some((c) => c.framework === 'GDPR' && c.id === 'Art. 32(1)(a)'));
  });

  it('maps every rule to at least one control of a recognised framework', () => {
    for (const rule of allRules) assert.ok(controlsFor(rule.topics).length > 0, rule.id);
    const http = allRules.find((r) => r.id === 'owasp:api8:2023-no-server-http')!;
    assert.ok(controlsFor(http.topics).some((c) => c.id === 'SC-8'), 'plain http maps to transmission confidentiality');
  });
});
