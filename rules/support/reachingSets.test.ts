import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { random } from '../../test/support/fuzz';
import { reachingSets, type RootIndices } from './reachingSets';

interface Node {
  name: string;
  children: Node[];
}

const graph = (edges: Record<string, string[]>): Map<string, Node> => {
  const nodes = new Map<string, Node>();
  const node = (name: string) => nodes.get(name) ?? nodes.set(name, { name, children: [] }).get(name)!;
  for (const [from, tos] of Object.entries(edges)) for (const to of tos) node(from).children.push(node(to));
  return nodes;
};

/** The obvious way: walk each root's reach and collect its indices. */
function naive(kinds: readonly RootIndices<Node>[]): Map<Node, number[]>[] {
  return kinds.map((roots) => {
    const sets = new Map<Node, Set<number>>();
    for (const [root, indices] of roots) {
      const seen = new Set<Node>();
      const pending = [root];
      while (pending.length > 0) {
        const node = pending.pop()!;
        if (seen.has(node)) continue;
        seen.add(node);
        pending.push(...node.children);
      }
      for (const node of seen) {
        const set = sets.get(node) ?? sets.set(node, new Set()).get(node)!;
        for (const i of indices) set.add(i);
      }
    }
    return new Map([...sets].map(([node, set]) => [node, [...set].sort((a, b) => a - b)]));
  });
}

function check(nodes: Iterable<Node>, kinds: readonly RootIndices<Node>[], indexCount: number): void {
  const fast = reachingSets(kinds, (n) => n.children, indexCount);
  const expected = naive(kinds);
  kinds.forEach((_, k) => {
    for (const node of nodes) assert.deepEqual(fast[k](node), expected[k].get(node), `kind ${k}, node ${node.name}`);
  });
}

describe('reachingSets', () => {
  it('follows chains, diamonds and cycles, and keeps each kind of roots apart', () => {
    const nodes = graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: ['e'], e: ['d', 'f'], f: [], g: ['a'], h: ['h'] });
    const n = (name: string) => nodes.get(name)!;
    const requests: RootIndices<Node> = new Map([[n('a'), [0, 2]], [n('c'), [5]], [n('h'), [1]]]);
    const responses: RootIndices<Node> = new Map([[n('e'), [3]]]);
    const [req, res] = reachingSets([requests, responses], (node) => node.children, 6);
    assert.deepEqual(req(n('b')), [0, 2]);
    assert.deepEqual(req(n('d')), [0, 2, 5]);
    assert.deepEqual(req(n('f')), [0, 2, 5], 'through the cycle d ⇄ e');
    assert.deepEqual(req(n('h')), [1], 'a node that is its own child');
    assert.equal(req(n('g')), undefined, 'nothing reaches g');
    assert.deepEqual(res(n('d')), [3], 'd is in a cycle with the response root');
    assert.equal(res(n('a')), undefined);
    check(nodes.values(), [requests, responses], 6);
  });

  it('counts indices past 32 bits and shares one list between nodes with the same set', () => {
    const nodes = graph({ root: ['x', 'y'], x: ['z'], y: [] });
    const n = (name: string) => nodes.get(name)!;
    const indices = [0, 31, 32, 63, 64, 99];
    const [sets] = reachingSets([new Map([[n('root'), indices]])], (node) => node.children, 100);
    assert.deepEqual(sets(n('z')), indices);
    assert.equal(sets(n('x')), sets(n('z')), 'the same list, not a copy');
  });

  it('equals walking every root on seeded random graphs', () => {
    const rand = random(20261204);
    for (let round = 0; round < 300; round++) {
      const size = 1 + Math.floor(rand() * 40);
      const nodes: Node[] = Array.from({ length: size }, (_, i) => ({ name: `n${i}`, children: [] }));
      const density = rand() * 3;
      for (const node of nodes) {
        const edges = Math.floor(rand() * density * 2);
        for (let e = 0; e < edges; e++) node.children.push(nodes[Math.floor(rand() * size)]);
      }
      const indexCount = 1 + Math.floor(rand() * 70);
      const kinds = [0, 1].map(() => {
        const roots: RootIndices<Node> = new Map();
        const count = Math.floor(rand() * 5);
        for (let r = 0; r < count; r++) {
          const set = new Set(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => Math.floor(rand() * indexCount)));
          roots.set(nodes[Math.floor(rand() * size)], [...set].sort((a, b) => a - b));
        }
        return roots;
      });
      check(nodes, kinds, indexCount);
    }
  });

  it('walks a chain 100,000 schemas deep without running out of stack', () => {
    const nodes: Node[] = Array.from({ length: 100_000 }, (_, i) => ({ name: `n${i}`, children: [] }));
    nodes.forEach((node, i) => node.children.push(nodes[(i + 1) % nodes.length]));
    const [sets] = reachingSets([new Map([[nodes[0], [7]]])], (node) => node.children, 8);
    assert.deepEqual(sets(nodes[99_999]), [7]);
  });
});
