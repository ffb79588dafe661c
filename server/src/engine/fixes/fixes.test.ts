import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../edit/textEdit';
import { lineDiffEdits } from '../edit/lineDiff';
import { analyzeOptions, fixesFor, lintText } from '../index';
import type { SourceFormat } from '../parse';
import { fixAll } from './fixAll';
import { ignoreHereEdit } from './suppress';

const ORDERS = `openapi: 3.0.3
info: {title: t, version: '1'}
servers:
  - url: http://api.example.com # prod
  - url: http://eu.example.com
security: [{key: []}]
paths:
  /a:
    get:
      responses:
        '200': {description: OK}
    post:
      responses:
        '201': {description: Created}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
  schemas:
    A: {type: object, additionalProperties: true}
    B:
      type: object
      additionalProperties: true
`;

/** Applies the first preferred fix again and again, linting in between, as a user clicking would. */
function oneByOne(text: string, format: SourceFormat, ruleId?: string): string {
  let current = text;
  const tried = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const analysis = lintText(current, { format });
    const next = analysis.findings.find((f) => (ruleId === undefined || f.rule.id === ruleId) && !tried.has(`${f.rule.id} ${f.path.join('.')}`) && fixesFor(analysis, f).some((x) => x.isPreferred));
    if (!next) return current;
    tried.add(`${next.rule.id} ${next.path.join('.')}`);
    current = applyEdits(current, fixesFor(analysis, next).find((x) => x.isPreferred)!.edits);
  }
  throw new Error('did not converge');
}

describe('suppressions', () => {
  const code = 'owasp:api8:2023-no-server-http';
  it('honours a YAML comment on the line above or at the end of the line', () => {
    const above = ORDERS.replace('  - url: http://api.example.com # prod', `  # openapi-security-ignore ${code} -- internal test server\n  - url: http://api.example.com`);
    const analysis = lintText(above, { format: 'yaml' });
    assert.deepEqual(analysis.findings.filter((f) => f.rule.id === code).map((f) => f.path.join('.')), ['servers.1.url']);
    assert.deepEqual(analysis.suppressed.map((f) => f.path.join('.')), ['servers.0.url']);
    const inline = ORDERS.replace('# prod', `# openapi-security-ignore other:rule ${code}`);
    assert.equal(lintText(inline, { format: 'yaml' }).findings.filter((f) => f.rule.id === code).length, 1);
  });

  it('honours the ignore extension on any enclosing object, in JSON and YAML', () => {
    const json = JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, servers: [{ url: 'http://a.example.com', 'x-openapi-security-ignore': [code] }, { url: 'http://b.example.com' }] });
    assert.deepEqual(lintText(json, { format: 'json' }).findings.filter((f) => f.rule.id === code).map((f) => f.path.join('.')), ['servers.1.url']);
    const yaml = ORDERS.replace('components:', `x-openapi-security-ignore: [owasp:api3:2023-no-additionalProperties]\ncomponents:`);
    assert.equal(lintText(yaml, { format: 'yaml' }).findings.filter((f) => f.rule.id === 'owasp:api3:2023-no-additionalProperties').length, 0);
  });

  it('"ignore here" writes a comment above (or extends one) in YAML and the extension in JSON', () => {
    const ignoreFirst = (text: string, format: SourceFormat) => {
      const analysis = lintText(text, { format });
      const finding = analysis.findings.find((f) => f.rule.id === code)!;
      return applyEdits(text, [ignoreHereEdit(analysis.document, finding)!]);
    };
    const once = ignoreFirst(ORDERS, 'yaml');
    assert.ok(once.includes(`servers:\n  # openapi-security-ignore ${code} -- reason: why this is acceptable\n  - url: http://api.example.com # prod\n`), once);
    const withOther = ORDERS.replace('  - url: http://api.example.com', '  # openapi-security-ignore some:other -- why\n  - url: http://api.example.com');
    assert.ok(ignoreFirst(withOther, 'yaml').includes(`  # openapi-security-ignore some:other ${code} -- why\n`));
    const json = '{\n  "openapi": "3.0.3",\n  "info": {"title": "t", "version": "1"},\n  "paths": {},\n  "servers": [\n    {\n      "url": "http://a.example.com"\n    }\n  ]\n}';
    const fixed = ignoreFirst(json, 'json');
    assert.equal(fixed, json.replace('"url": "http://a.example.com"', `"url": "http://a.example.com",\n      "x-openapi-security-ignore": [\n        "${code}"\n      ]`));
    assert.equal(lintText(fixed, { format: 'json' }).findings.filter((f) => f.rule.id === code).length, 0);
    assert.equal(lintText(once, { format: 'yaml' }).findings.filter((f) => f.rule.id === code).length, 1);
  });
});

describe('fix all', () => {
  it('gives the same text as applying the fixes one by one, and leaves nothing fixable', () => {
    for (const [text, format] of [[ORDERS, 'yaml'], [JSON.stringify(lintText(ORDERS, { format: 'yaml' }).document.root ? toJson(ORDERS) : {}, null, 2), 'json']] as const) {
      const all = fixAll(text, analyzeOptions(text, { format }));
      assert.equal(all.text, oneByOne(text, format));
      assert.equal(applyEdits(text, all.edits), all.text, 'the edits reproduce the result');
      const after = lintText(all.text, { format });
      assert.deepEqual(after.diagnostics.filter((d) => d.code === 'parse-error'), []);
      assert.deepEqual(after.findings.filter((f) => fixesFor(after, f).some((x) => x.isPreferred)).map((f) => f.rule.id), []);
      assert.ok(all.applied >= 5);
    }
  });

  it('can be limited to one rule', () => {
    const only = fixAll(ORDERS, analyzeOptions(ORDERS, { format: 'yaml' }), (f) => f.rule.id === 'owasp:api3:2023-no-additionalProperties');
    assert.equal(only.applied, 2);
    assert.equal(only.text, ORDERS.replace(/additionalProperties: true/g, 'additionalProperties: false'));
    assert.equal(only.edits.length, 2, 'one small edit per changed line');
  });
});

describe('error responses', () => {
  it('adds a shared response once and references it when the document keeps shared responses', () => {
    const text = `openapi: 3.0.3
info: {title: t, version: '1'}
security: [{key: []}]
paths:
  /a:
    get:
      responses:
        '404':
          $ref: '#/components/responses/NotFound'
  /b:
    get:
      responses:
        '404':
          $ref: '#/components/responses/NotFound'
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
  responses:
    NotFound:
      description: Not found
`;
    const result = fixAll(text, analyzeOptions(text, { format: 'yaml' }), (f) => f.rule.id === 'owasp:api8:2023-define-error-responses-401');
    assert.equal((result.text.match(/\$ref: '#\/components\/responses\/Unauthorized'/g) ?? []).length, 2);
    assert.equal((result.text.match(/^    Unauthorized:$/gm) ?? []).length, 1, 'one shared entry');
    assert.ok(result.text.endsWith('    NotFound:\n      description: Not found\n    Unauthorized:\n      description: Unauthorized\n      content:\n        application/json:\n          schema:\n            type: object\n'), result.text);
    assert.equal(lintText(result.text, { format: 'yaml' }).findings.filter((f) => f.rule.id === 'owasp:api8:2023-define-error-responses-401').length, 0);
  });
});

describe('line diff', () => {
  it('turns any text into any other with edits that apply cleanly (seeded fuzz)', () => {
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let t = 0; t < 2000; t++) {
      const a = Array.from({ length: random(10) }, () => `l${random(4)}\n`);
      const b = [...a];
      for (let e = random(4); e > 0; e--) {
        const op = random(3);
        const at = random(b.length + 1);
        if (op === 0) b.splice(at, 0, `n${random(4)}\n`);
        else if (b.length) b.splice(at % b.length, op === 1 ? 1 : 0, ...(op === 1 ? [] : [`c${random(3)}\n`]));
      }
      const before = a.join('') + (random(2) ? 'end' : '');
      const after = b.join('') + (random(2) ? 'end' : 'x');
      assert.equal(applyEdits(before, lineDiffEdits(before, after)), after);
    }
  });
});

function toJson(yamlText: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml').parse(yamlText);
}
