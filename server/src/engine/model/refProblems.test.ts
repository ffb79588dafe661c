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
});
