import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asObject, child, type AstNode } from './ast';
import { analyzeParsed } from './lint';
import { ALL_VERSIONS } from './model/version';
import { parse } from './parse';
import { defineRule, type Rule, type RuleContext } from './rule';

// runRules keeps one finding per rule, range and message (and file, in a multi-file spec), whatever a rule reports.
function probe(id: string, check: (context: RuleContext) => void): Rule {
  return defineRule({ id, title: id, owasp: 'API8:2023', cwe: [], topics: [], severity: 'warning', versions: ALL_VERSIONS, message: 'default message', docs: { summary: '', why: '', howToFix: '' }, check });
}

const SPEC = ['openapi: 3.0.3', 'info:', '  title: t', '  version: "1"', 'paths: {}', ''].join('\n');

function lintWith(rules: Rule[], text = SPEC, options: Partial<Parameters<typeof analyzeParsed>[1]> = {}) {
  return analyzeParsed(parse(text, 'yaml'), { format: 'yaml', rules, ...options }).findings.map((f) => `${f.rule.id} ${f.offset}-${f.end} ${f.message}${f.file ? ` in ${f.file.uri}` : ''}`);
}

describe('runRules: repeated reports', () => {
  it('drops a report of the same range and message, keeps other messages, other ranges and other rules', () => {
    const info = (model: RuleContext['model']) => child(model.root, 'info')!;
    const twice = probe('test:twice', ({ model, report }) => {
      report({ node: info(model) });
      report({ node: info(model) });
      report({ node: info(model), message: 'another message' });
      report({ node: info(model), message: 'another message' });
      report({ node: info(model), highlight: 'value' });
    });
    const again = probe('test:again', ({ model, report }) => report({ node: info(model) }));
    const infoKey = SPEC.indexOf('info');
    const title = SPEC.indexOf('title');
    assert.deepEqual(lintWith([twice, again]), [
      `test:twice ${infoKey}-${infoKey + 4} default message`,
      `test:twice ${infoKey}-${infoKey + 4} another message`,
      `test:twice ${title}-${SPEC.indexOf('paths') - 1} default message`,
      `test:again ${infoKey}-${infoKey + 4} default message`,
    ]);
  });

  it('keeps a report at the same start with another end', () => {
    const spans = probe('test:spans', ({ model, report }) => {
      const infoValue = asObject(child(model.root, 'info'))!;
      // The mapping and its first key start at the same offset: one finding on each.
      report({ node: infoValue, highlight: 'value' });
      report({ node: infoValue.properties[0].value!, highlight: 'key' });
      report({ node: infoValue, highlight: 'value' });
    });
    const title = SPEC.indexOf('title');
    assert.deepEqual(lintWith([spans]), [`test:spans ${title}-${SPEC.indexOf('paths') - 1} default message`, `test:spans ${title}-${title + 5} default message`]);
  });

  it('keeps reports at the same offsets in two files of a multi-file spec', () => {
    const root = ['openapi: 3.0.3', 'info: {title: t, version: "1"}', 'paths: {}', 'components:', '  schemas:', '    A: {$ref: "a.yaml"}', '    B: {$ref: "b.yaml"}', ''].join('\n');
    const fragment = 'type: object\n';
    const files = new Map([
      ['file:///api/a.yaml', parse(fragment, 'yaml')],
      ['file:///api/b.yaml', parse(fragment, 'yaml')],
    ]);
    const both = probe('test:files', ({ model, report }) => {
      const schemas = asObject(child(child(model.root, 'components'), 'schemas'))!;
      for (const p of schemas.properties) report({ node: model.resolve(p.value) as AstNode, highlight: 'value' });
    });
    const found = lintWith([both], root, {
      refs: { documentUri: 'file:///api/openapi.yaml', roots: ['file:///api/'], fileExists: (uri) => files.has(uri) },
      load: (uri) => files.get(uri),
    });
    assert.deepEqual(found, [`test:files 0-${fragment.length - 1} default message in file:///api/a.yaml`, `test:files 0-${fragment.length - 1} default message in file:///api/b.yaml`]);
  });
});

describe('ignore extensions', () => {
  it('apply when the key is spelled with escapes (JSON \\u, YAML \\x, \\u and \\U), as parsers read it', () => {
    const rule = probe('test:a', ({ model, report }) => report({ node: child(model.root, 'info')! }));
    const json = (key: string) => `{"openapi": "3.0.3", "info": {"title": "t\\n", "version": "1", "${key}": ["test:a"]}, "paths": {}}`;
    const yaml = (key: string) => ['openapi: 3.0.3', 'info:', '  title: "t\\n"', '  version: "1"', `  "${key}": [test:a]`, 'paths: {}', ''].join('\n');
    const findings = (text: string, format: 'json' | 'yaml') => analyzeParsed(parse(text, format), { format, rules: [rule] }).findings.length;
    // Controls: the plain key suppresses, another key does not (only `\\n` escapes: no look-up needed).
    assert.equal(findings(json('x-openapi-security-ignore'), 'json'), 0);
    assert.equal(findings(json('x-other'), 'json'), 1);
    assert.equal(findings(json('x-openapi-security-\\u0069gnore'), 'json'), 0);
    assert.equal(findings(yaml('x-openapi-security-\\x69gnore'), 'yaml'), 0);
    assert.equal(findings(yaml('x-openapi-security-\\u0069gnore'), 'yaml'), 0);
    assert.equal(findings(yaml('x-openapi-security-\\U00000069gnore'), 'yaml'), 0);
    assert.equal(findings(yaml('x-other'), 'yaml'), 1);
  });

  it('apply to everything under the object that names the code, at any depth, and nowhere else', () => {
    const spec = [
      'openapi: 3.0.3',
      'info: {title: t, version: "1"}',
      'paths: {}',
      'components:',
      '  x-openapi-security-ignore: test:a',
      '  schemas:',
      '    Quiet:',
      '      x-openapi-security-ignore: [test:b]',
      '      properties:',
      '        one: {type: string}',
      '        two: {type: string}',
      '    Loud:',
      '      properties:',
      '        three: {type: string}',
      'x-other:',
      '  four: {type: string}',
      '',
    ].join('\n');
    // Both rules report every `type` node: findings share their ancestors, which are read once for all of them.
    const everyType = (id: string) =>
      probe(id, ({ model, report }) => {
        const visit = (node: AstNode | undefined): void => {
          const object = asObject(node);
          for (const p of object?.properties ?? []) {
            if (p.key === 'type') report({ node: p.value! });
            else visit(p.value);
          }
        };
        visit(model.root);
      });
    const at = (word: string) => spec.indexOf(`${word}: {type`) + word.length + 3;
    const found = lintWith([everyType('test:a'), everyType('test:b')], spec).map((line) => line.replace(/^(\S+) (\d+)-.*$/, '$1 $2'));
    assert.deepEqual(found, [`test:a ${at('four')}`, `test:b ${at('three')}`, `test:b ${at('four')}`]);
  });
});
