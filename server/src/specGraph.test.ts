import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { SpecGraph } from './specGraph';

const json = (...list: Diagnostic[]) => JSON.stringify(list);
const finding = (line: number, message = 'm'): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 1 } }, code: 'c', message });

describe('SpecGraph.update', () => {
  it('names the files whose diagnostics changed, and only those', () => {
    const graph = new SpecGraph();
    const files = ['file:///a.yaml', 'file:///b.yaml', 'file:///c.yaml'];
    assert.deepEqual(graph.update('file:///root.yaml', files, [{ uri: 'file:///a.yaml', diagnostics: json(finding(1)) }, { uri: 'file:///b.yaml', diagnostics: json(finding(2)) }]).sort(), ['file:///a.yaml', 'file:///b.yaml']);
    // The same lint again (a keystroke elsewhere): nothing to publish.
    assert.deepEqual(graph.update('file:///root.yaml', files, [{ uri: 'file:///a.yaml', diagnostics: json(finding(1)) }, { uri: 'file:///b.yaml', diagnostics: json(finding(2)) }]), []);
    // a's finding moved, b's is gone, c has one now.
    assert.deepEqual(graph.update('file:///root.yaml', files, [{ uri: 'file:///a.yaml', diagnostics: json(finding(3)) }, { uri: 'file:///c.yaml', diagnostics: json(finding(4)) }]).sort(), ['file:///a.yaml', 'file:///b.yaml', 'file:///c.yaml']);
    assert.deepEqual(graph.diagnosticsIn('file:///b.yaml').items, []);
    assert.deepEqual(graph.diagnosticsIn('file:///a.yaml').items, [finding(3)]);
    // A changed message at the same place is a change.
    assert.deepEqual(graph.update('file:///root.yaml', files, [{ uri: 'file:///a.yaml', diagnostics: json(finding(3, 'other')) }, { uri: 'file:///c.yaml', diagnostics: json(finding(4)) }]), ['file:///a.yaml']);
  });

  it('keeps what other roots found in a shared file when one root changes, and forgets a removed root', () => {
    const graph = new SpecGraph();
    graph.update('file:///one.yaml', ['file:///shared.yaml'], [{ uri: 'file:///shared.yaml', diagnostics: json(finding(1)) }]);
    graph.update('file:///two.yaml', ['file:///shared.yaml'], [{ uri: 'file:///shared.yaml', diagnostics: json(finding(2)) }]);
    assert.deepEqual(graph.diagnosticsIn('file:///shared.yaml').items, [finding(1), finding(2)]);
    assert.deepEqual(graph.update('file:///one.yaml', ['file:///shared.yaml'], [{ uri: 'file:///shared.yaml', diagnostics: json(finding(1)) }]), []);
    assert.deepEqual(graph.remove('file:///two.yaml'), ['file:///shared.yaml']);
    assert.deepEqual(graph.diagnosticsIn('file:///shared.yaml').items, [finding(1)]);
    assert.deepEqual(graph.rootsOf('file:///shared.yaml'), ['file:///one.yaml']);
  });

  it('applies a lint that sends only what changed since the recorded one, and refuses one from another base', () => {
    const graph = new SpecGraph();
    const root = 'file:///root.yaml';
    const files = ['file:///a.yaml', 'file:///b.yaml', 'file:///c.yaml'];
    graph.apply(root, { files, others: [{ uri: 'file:///a.yaml', diagnostics: json(finding(1)) }, { uri: 'file:///b.yaml', diagnostics: json(finding(2)) }], id: 'w:1' });
    assert.equal(graph.lintIdOf(root), 'w:1');
    // a unchanged (not sent), b gone, c new.
    const touched = graph.apply(root, { files, others: [{ uri: 'file:///c.yaml', diagnostics: json(finding(3)) }], id: 'w:2', delta: { base: 'w:1', removed: ['file:///b.yaml'] } });
    assert.deepEqual(touched?.sort(), ['file:///b.yaml', 'file:///c.yaml']);
    assert.deepEqual(graph.diagnosticsIn('file:///a.yaml').items, [finding(1)], 'kept as it was');
    assert.deepEqual(graph.diagnosticsIn('file:///b.yaml').items, []);
    assert.deepEqual(graph.diagnosticsIn('file:///c.yaml').items, [finding(3)]);
    assert.equal(graph.lintIdOf(root), 'w:2');
    // Changes since w:1 again: not what is recorded now.
    assert.equal(graph.apply(root, { files, others: [], id: 'w:3', delta: { base: 'w:1', removed: [] } }), undefined);
    assert.deepEqual(graph.diagnosticsIn('file:///c.yaml').items, [finding(3)], 'nothing applied');
    // A whole lint is always applied.
    assert.deepEqual(graph.apply(root, { files, others: [], id: 'x:1' })?.sort(), ['file:///a.yaml', 'file:///c.yaml']);
    assert.equal(graph.lintIdOf(root), 'x:1');
  });
});
