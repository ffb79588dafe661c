import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFileIgnored, isFindingIgnored, parseConfig, pathPatternMatches } from './config';
import { globToRegExp, matchesGlob } from './glob';

describe('.openapi-security.yaml', () => {
  it('reads rules, ignores, failOn and maxFileSizeMB', () => {
    const { config, problems } = parseConfig(`
rules:
  owasp:api4:2023-rate-limit: off
  owasp:api8:2023-no-server-http: warning
ignore:
  files: ['legacy/**']
  findings:
    - /paths/~1internal*/**
    - { rule: owasp:api9:2023-inventory-access }
failOn: warning
maxFileSizeMB: 2
`);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules, { 'owasp:api4:2023-rate-limit': 'off', 'owasp:api8:2023-no-server-http': 'warning' });
    assert.deepEqual(config.ignore, { files: ['legacy/**'], findings: [{ path: '/paths/~1internal*/**' }, { rule: 'owasp:api9:2023-inventory-access' }] });
    assert.equal(config.failOn, 'warning');
    assert.equal(config.maxFileSizeMB, 2);
  });

  it('keeps the good parts of a bad file and says what was wrong', () => {
    const { config, problems } = parseConfig('rules: {a: loud, b: error}\nfailOn: sometimes\ncolour: red\n');
    assert.deepEqual(config.rules, { b: 'error' });
    assert.equal(config.failOn, undefined);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(parseConfig('rules: [').problems[0], /^not valid YAML/);
  });

  it('matches findings by JSON Pointer pattern, at the path or below it, and by rule', () => {
    assert.ok(pathPatternMatches('/paths/~1internal~1health', ['paths', '/internal/health', 'get', 'responses']));
    assert.ok(pathPatternMatches('/paths/~1internal*', ['paths', '/internal/metrics']));
    assert.ok(pathPatternMatches('/paths/**/responses/401', ['paths', '/a', 'get', 'responses', '401']));
    assert.ok(pathPatternMatches('/servers/*/url', ['servers', 0, 'url']));
    assert.ok(!pathPatternMatches('/paths/~1internal*', ['paths', '/public']));
    assert.ok(!pathPatternMatches('/paths/**/responses/401', ['paths', '/a', 'get', 'responses', '404']));
    const config = parseConfig('ignore: {findings: [{rule: r1, path: /servers}]}').config;
    assert.ok(isFindingIgnored(config, { code: 'r1', path: ['servers', 0, 'url'] }));
    assert.ok(!isFindingIgnored(config, { code: 'r2', path: ['servers', 0, 'url'] }));
    assert.ok(!isFindingIgnored(config, { code: 'r1', path: ['info'] }));
  });

  it('ignores files by glob, relative to the config file', () => {
    const config = parseConfig("ignore: {files: ['legacy/**', '*.draft.yaml']}").config;
    assert.ok(isFileIgnored(config, 'legacy/v1/api.yaml'));
    assert.ok(isFileIgnored(config, 'specs/pets.draft.yaml'));
    assert.ok(!isFileIgnored(config, 'specs/pets.yaml'));
  });
});

describe('globs', () => {
  it('supports **, *, ? and braces', () => {
    assert.ok(globToRegExp('specs/**/*.yaml').test('specs/a/b/c.yaml'));
    assert.ok(globToRegExp('specs/**/*.yaml').test('specs/c.yaml'));
    assert.ok(!globToRegExp('specs/*.yaml').test('specs/a/c.yaml'));
    assert.ok(globToRegExp('api-v?.{yaml,json}').test('api-v2.json'));
    assert.ok(!globToRegExp('api-v?.{yaml,json}').test('api-v10.json'));
    assert.ok(!globToRegExp('a.yaml').test('aXyaml'), 'dots are literal');
    assert.ok(matchesGlob('./x/y.yaml', 'x/*.yaml'));
  });
});
