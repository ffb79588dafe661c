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
});
