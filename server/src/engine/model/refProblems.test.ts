import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from '../parse';
import { referenceProblems } from './refProblems';

const problemsIn = (yaml: string) => referenceProblems(parse(yaml, 'yaml').root!).map((p) => [p.code, yaml.slice(p.offset, p.end)]);

describe('referenceProblems', () => {
  it('checks the `$ref` of a default response, and not a `$ref` inside default or example data', () => {
    const spec = [
      'openapi: 3.0.3',
      'paths:',
      '  /a:',
      '    get:',
      '      responses:',
      "        default: {$ref: '#/components/responses/Nope'}",
      'components:',
      '  schemas:',
      '    Config:',
      '      properties:',
      '        responses:',
      "          default: {$ref: '#/not/a/reference'}",
      "      example: {$ref: '#/not/either'}",
      '',
    ].join('\n');
    assert.deepEqual(problemsIn(spec), [['unresolved-ref', "'#/components/responses/Nope'"]]);
  });

  it('checks `$ref`s under properties named like data keywords and example entries, not under example values, enums or extensions', () => {
    const spec = [
      'openapi: 3.1.0',
      'components:',
      '  schemas:',
      '    Named:',
      '      properties:',
      "        example: {$ref: '#/missing/1'}",
      "        default: {$ref: '#/missing/2'}",
      "        x-flag: {$ref: '#/missing/3'}",
      '      enum:',
      "        - {$ref: '#/not/a/reference/1'}",
      '      x-internal:',
      "        link: {$ref: '#/not/a/reference/2'}",
      '  parameters:',
      '    Id:',
      '      examples:',
      "        one: {$ref: '#/missing/4'}",
      '        two:',
      "          value: {$ref: '#/not/a/reference/3'}",
      '',
    ].join('\n');
    assert.deepEqual(
      problemsIn(spec).map(([, text]) => text),
      ["'#/missing/1'", "'#/missing/2'", "'#/missing/3'", "'#/missing/4'"],
    );
  });
});
