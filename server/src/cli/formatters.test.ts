import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeGithubData, escapeGithubProperty } from './formatters';

describe('GitHub workflow-command escaping', () => {
  it('escapes % CR LF in messages, and also : and , in properties', () => {
    assert.equal(escapeGithubData('50% of\r\nlines: a, b'), '50%25 of%0D%0Alines: a, b');
    assert.equal(escapeGithubProperty('owasp:api8:2023, 50%\n'), 'owasp%3Aapi8%3A2023%2C 50%25%0A');
  });
});
