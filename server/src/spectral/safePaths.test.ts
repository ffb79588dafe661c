import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import owasp from '@stoplight/spectral-owasp-ruleset';
import { arazzo, asyncapi, oas } from '@stoplight/spectral-rulesets';
import { unsafeJsonPath, unsafeMessage } from './safePaths';

type Definition = { rules?: Record<string, unknown>; aliases?: Record<string, unknown> };

/** Every JSONPath of the rulesets Spectral ships: real filter expressions, as users copy them. */
function pathsOf(ruleset: Definition): string[] {
  const paths: string[] = [];
  for (const rule of Object.values(ruleset.rules ?? {})) {
    if (!rule || typeof rule !== 'object') continue;
    const { given, then } = rule as { given?: unknown; then?: unknown };
    paths.push(...[given].flat().filter((g): g is string => typeof g === 'string'));
    for (const t of [then].flat()) if (t && typeof (t as { field?: unknown }).field === 'string') paths.push((t as { field: string }).field);
  }
  for (const alias of Object.values(ruleset.aliases ?? {})) {
    if (Array.isArray(alias)) paths.push(...alias);
    else for (const target of (alias as { targets?: Array<{ given: string[] }> }).targets ?? []) paths.push(...target.given);
  }
  return paths;
}

describe('JSONPaths and messages of untrusted declarative rulesets', () => {
  it("accepts every path of spectral:oas, spectral:asyncapi, spectral:arazzo and the OWASP ruleset", () => {
    const paths = [oas, asyncapi, arazzo, owasp].flatMap((r) => pathsOf(r as unknown as Definition));
    assert.ok(paths.filter((p) => p.includes('?(')).length > 40, 'the corpus has filter expressions');
    assert.deepEqual(paths.filter((p) => unsafeJsonPath(p) !== undefined), []);
  });

  it('refuses filter expressions that reach a constructor, a global or a function', () => {
    const attacks = [
      "$..[?(@.constructor.constructor('return process')().mainModule.require('fs').writeFileSync('/tmp/x','x'))]",
      "$[?(@property.constructor.constructor('return process')())]",
      "$..paths[?(this.constructor.constructor('return process')())]",
      "$..[?(@['constructor']['constructor']('return process')())]",
      "$..[?(@['con' + 'structor'])]",
      '$..[?(@["\\x63onstructor"])]',
      '$..[?(@[`constructor`])]',
      '$..[?(@.__proto__)]',
      '$..[?(@.toString.call(@))]',
      '$..[?(process.exit(1))]',
      '$..[?(require("fs"))]',
      '$..[?(globalThis)]',
      '$..[?(new Function("x"))]',
      '$..[?(function () { return 1 })]',
      '$..[?((x) => x)]',
      '$..[?(@.x = 1)]',
      '$..[?(@.constructor.name.constructor("x"))]',
      '$..[(process.exit(1))]',
      '$..x(process.exit(1))',
      "$..[?@.constructor.constructor`return process```]",
      '$..[?@.x]',
    ];
    for (const attack of attacks) assert.ok(unsafeJsonPath(attack), attack);
  });

  it('accepts plain navigation and data-only filters users write', () => {
    for (const path of ['$.info.title', '$.paths[*][get,put]', "$..[?(@property === 'description')]", '$..[?(@.type === "string" && !@.maxLength)]', "$.paths[?(@property.match(/^\\/v[0-9]+/))]", "$..parameters[?(@.in === 'query' && @.name.startsWith('x-'))]", "$..[?(@ && @['x-internal'] !== void 0)]", '$..[?(@.enum && @.enum.length > 10)]']) {
      assert.equal(unsafeJsonPath(path), undefined, path);
    }
  });

  it('refuses evaluated message expressions, keeps substitutions', () => {
    assert.ok(unsafeMessage('#{{constructor}}'));
    assert.equal(unsafeMessage('{{property}} is missing: {{error}}'), undefined);
  });
});
