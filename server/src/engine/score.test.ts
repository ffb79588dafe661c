import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OwaspCategory } from './owasp';
import type { Severity } from './rule';
import { CATEGORY_WEIGHT, REPEAT_DECAY, SEVERITY_WEIGHT, securityScore, type ScoredFinding } from './score';

const finding = (ruleId: string, severity: Severity = 'error', owasp: OwaspCategory = 'API8:2023'): ScoredFinding => ({ ruleId, owasp, severity });
const repeat = (n: number, make: (i: number) => ScoredFinding) => Array.from({ length: n }, (_, i) => make(i));

describe('securityScore', () => {
  it('is 100 with no findings and counts findings by severity', () => {
    const none = securityScore([]);
    assert.equal(none.score, 100);
    assert.deepEqual(none.rules, []);
    assert.deepEqual(securityScore([finding('a'), finding('b', 'warning'), finding('b', 'info')]).counts, { error: 1, warning: 1, info: 1, hint: 0 });
  });

  it('stays within 0..100 however many findings there are', () => {
    for (const n of [1, 10, 1000]) {
      const { score } = securityScore(repeat(n, (i) => finding(`rule-${i}`, 'error', 'API1:2023')));
      assert.ok(score >= 0 && score <= 100, `${n} findings: ${score}`);
    }
    assert.equal(securityScore(repeat(1000, (i) => finding(`rule-${i}`, 'error', 'API1:2023'))).score, 0, 'many distinct problems do reach the bottom');
  });

  it('never rises when a finding is added (monotonic)', () => {
    const findings: ScoredFinding[] = [];
    let previous = 100;
    for (let i = 0; i < 40; i++) {
      findings.push(finding(`rule-${i % 7}`, (['error', 'warning', 'info', 'hint'] as const)[i % 4]));
      const { score } = securityScore(findings);
      assert.ok(score <= previous, `finding ${i}: ${score} > ${previous}`);
      previous = score;
    }
    assert.ok(previous < 100);
  });

  it('counts each repeat of a rule less (geometric), so one noisy rule cannot zero a spec', () => {
    const one = securityScore([finding('noisy')]);
    const two = securityScore([finding('noisy'), finding('noisy')]);
    const three = securityScore(repeat(3, () => finding('noisy')));
    assert.equal(two.penalty - one.penalty, SEVERITY_WEIGHT.error * REPEAT_DECAY);
    assert.ok(three.penalty - two.penalty < two.penalty - one.penalty);
    const flood = securityScore(repeat(10_000, () => finding('noisy', 'error', 'API1:2023')));
    assert.ok(flood.score >= 70, `10 000 findings of one rule leave ${flood.score}`);
    assert.ok(flood.penalty <= (2 * SEVERITY_WEIGHT.error * CATEGORY_WEIGHT['API1:2023']) + 1e-9);
    const spread = securityScore(repeat(10, (i) => finding(`rule-${i}`)));
    assert.ok(spread.score < securityScore(repeat(10, () => finding('same'))).score, 'ten different problems cost more than one problem ten times');
  });

  it('adds a rule\'s costs costliest first, whatever the order of its findings', () => {
    const severities = ['hint', 'error', 'info', 'warning', 'error', 'hint', 'warning'] as const;
    const mixed = repeat(300, (i) => finding('mixed', severities[(i * 7) % severities.length], i % 2 ? 'API2:2023' : 'API9:2023'));
    const costs = mixed.map((f) => SEVERITY_WEIGHT[f.severity] * CATEGORY_WEIGHT[f.owasp]).sort((a, b) => b - a);
    const expected = costs.reduce((sum, cost, k) => sum + cost * REPEAT_DECAY ** k, 0);
    assert.equal(securityScore(mixed).penalty, expected, 'the same number, not merely a close one');
    assert.equal(securityScore([...mixed].reverse()).penalty, expected);
  });

  it('weighs severities and OWASP categories', () => {
    assert.ok(securityScore([finding('a', 'error')]).score < securityScore([finding('a', 'warning')]).score);
    assert.ok(securityScore([finding('a', 'warning')]).score < securityScore([finding('a', 'info')]).score);
    assert.ok(securityScore([finding('a', 'info')]).score <= securityScore([finding('a', 'hint')]).score);
    const auth = securityScore([finding('a', 'error', 'API2:2023')]);
    const inventory = securityScore([finding('a', 'error', 'API9:2023')]);
    assert.ok(auth.score < inventory.score, `broken authentication (${auth.score}) costs more than inventory (${inventory.score})`);
    assert.equal(auth.penalty, SEVERITY_WEIGHT.error * CATEGORY_WEIGHT['API2:2023']);
  });

  it('ranks rules by their cost and tells the score each fix gains', () => {
    const result = securityScore([finding('cheap', 'info'), finding('dear', 'error', 'API1:2023'), finding('dear', 'error', 'API1:2023')]);
    assert.deepEqual(result.rules.map((r) => [r.ruleId, r.count]), [['dear', 2], ['cheap', 1]]);
    const withoutDear = securityScore([finding('cheap', 'info')]).score;
    assert.equal(result.rules[0].gain, withoutDear - result.score);
    assert.ok(result.rules[0].gain > result.rules[1].gain);
  });
});
