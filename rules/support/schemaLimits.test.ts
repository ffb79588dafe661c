import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeAtPath, type PathSegment } from '../../server/src/engine/ast';
import type { Disagreement } from '../../server/src/engine/rule';
import { lint, openapi, variants } from '../../test/support/ruleHarness';
import { isDataPath, isNonConstraining, sharedDivergences } from './schemaLimits';

describe('schema limit support: telling schemas from data by path', () => {
  it('finds example, default, enum, const and x- content used as keywords', () => {
    for (const path of [
      ['components', 'schemas', 'A', 'example'],
      ['components', 'schemas', 'A', 'examples', 0, 'type'],
      ['paths', '/a', 'get', 'parameters', 0, 'default'],
      ['components', 'schemas', 'A', 'x-sample', 'nested'],
      ['components', 'examples', 'Sample', 'value'],
      ['paths', '/a', 'post', 'requestBody', 'content', 'application/json', 'example'],
    ]) assert.ok(isDataPath(path), path.join('.'));
  });

  it('treats the same words as names where authors choose names', () => {
    for (const path of [
      ['components', 'schemas', 'example'],
      ['components', 'schemas', 'A', 'properties', 'default'],
      ['components', 'schemas', 'A', 'properties', 'x-rate', 'items'],
      ['paths', '/a', 'get', 'responses', 'default', 'content', 'application/json', 'schema'],
      ['components', 'schemas', 'A', 'properties', 'properties', 'properties', 'enum'],
      ['paths', 'x-internal', 'get'],
    ]) assert.ok(!isDataPath(path), path.join('.'));
  });

  it('finds schemas under not and if, but not properties named so', () => {
    assert.ok(isNonConstraining(['components', 'schemas', 'A', 'not']));
    assert.ok(isNonConstraining(['components', 'schemas', 'A', 'if', 'properties', 'k']));
    assert.ok(!isNonConstraining(['components', 'schemas', 'A', 'properties', 'not']));
    assert.ok(!isNonConstraining(['components', 'schemas', 'if', 'then']));
  });

  it('recognises only the disagreements each shared divergence causes', () => {
    const doc = openapi('3.0', {
      paths: {},
      components: { schemas: { Meta: { type: 'object', properties: { $type: { type: 'string' }, name: { type: 'string' } } }, Plain: { type: 'object', properties: { a: { type: 'string' } } }, List: { type: ['string'] } } },
    });
    const { format, text } = variants(doc)[0];
    const model = lint(text, format).model!;
    const d = (side: Disagreement['side'], ...path: PathSegment[]): Disagreement => ({ side, path, node: nodeAtPath(model.root, path), message: '', model });
    const explained = (x: Disagreement) => sharedDivergences('string').filter((v) => v.explains?.(x)).length;
    assert.equal(explained(d('only-upstream', 'components', 'schemas', 'Meta', 'properties')), 1, 'the $-named properties quirk');
    assert.equal(explained(d('only-upstream', 'components', 'schemas', 'Plain', 'properties')), 0);
    assert.equal(explained(d('only-ours', 'components', 'schemas', 'Meta', 'properties')), 0);
    assert.equal(explained(d('only-upstream', 'components', 'schemas', 'Meta', 'properties', 'name')), 0, 'a real schema upstream reports alone is not excused');
    assert.equal(explained(d('only-ours', 'components', 'schemas', 'List')), 1, 'a type list outside 3.1');
  });
});
