/**
 * Which roots reach each node of a directed graph (cycles allowed), for every node at once: the schema graph's
 * strongly connected components are found once (Tarjan, iteratively: schemas nest deeper than the stack allows),
 * and the roots' index sets flow down the components in topological order as bitsets. A node with one way in
 * shares its parent's set; the cost is the size of the graph, not the sum of every root's reach.
 */

/** One kind of roots (say, request bodies): each root node with the indices (of operations) that use it. */
export type RootIndices<T> = Map<T, readonly number[]>;

/** Per node, the sorted indices of the roots that reach it; undefined for a node no root of this kind reaches. */
export type IndexSets<T> = (node: T) => readonly number[] | undefined;

/**
 * For each kind of roots, the index sets of every node reachable from them. `childrenOf` must return the same
 * list each time it is asked about a node; `indexCount` bounds the indices.
 */
export function reachingSets<T extends object>(kinds: readonly RootIndices<T>[], childrenOf: (node: T) => readonly T[], indexCount: number): IndexSets<T>[] {
  const graph = condense(kinds.flatMap((roots) => [...roots.keys()]), childrenOf);
  const words = Math.max(1, Math.ceil(indexCount / 32));
  return kinds.map((roots) => {
    const bits = propagate(roots, graph, childrenOf, words);
    const lists = new Map<Uint32Array, number[]>();
    return (node) => {
      const id = graph.idOf.get(node);
      const set = id === undefined ? undefined : bits[graph.componentOf[id]];
      if (!set) return undefined;
      let list = lists.get(set);
      if (!list) lists.set(set, (list = indicesIn(set)));
      return list;
    };
  });
}

interface Condensation<T> {
  /** Dense ids of the nodes reachable from the starts, in discovery order. */
  idOf: Map<T, number>;
  nodes: T[];
  /** Per node id, its component; components are numbered in reverse topological order (a component's successors first). */
  componentOf: Int32Array;
  componentCount: number;
  /** Node ids grouped by component: component c has members[firstMember[c]] up to members[firstMember[c + 1]]. */
  members: Int32Array;
  firstMember: Int32Array;
}

/** Tarjan's strongly connected components of everything reachable from `starts`. */
function condense<T>(starts: readonly T[], childrenOf: (node: T) => readonly T[]): Condensation<T> {
  const idOf = new Map<T, number>();
  const nodes: T[] = [];
  const low: number[] = [];
  const onStack: boolean[] = [];
  const componentIds: number[] = [];
  const stack: number[] = [];
  const members: number[] = [];
  const firstMember: number[] = [0];
  let componentCount = 0;
  const frames: { id: number; children: readonly T[]; next: number }[] = [];
  const enter = (node: T) => {
    const id = nodes.length;
    idOf.set(node, id);
    nodes.push(node);
    low.push(id);
    onStack.push(true);
    componentIds.push(-1);
    stack.push(id);
    frames.push({ id, children: childrenOf(node), next: 0 });
  };
  for (const start of starts) {
    if (idOf.has(start)) continue;
    enter(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.next < frame.children.length) {
        const child = frame.children[frame.next++];
        const childId = idOf.get(child);
        if (childId === undefined) enter(child);
        else if (onStack[childId] && childId < low[frame.id]) low[frame.id] = childId;
        continue;
      }
      frames.pop();
      const id = frame.id;
      if (low[id] === id) {
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          componentIds[member] = componentCount;
          members.push(member);
        } while (member !== id);
        componentCount++;
        firstMember.push(members.length);
      }
      const parent = frames[frames.length - 1];
      if (parent && low[id] < low[parent.id]) low[parent.id] = low[id];
    }
  }
  return { idOf, nodes, componentOf: Int32Array.from(componentIds), componentCount, members: Int32Array.from(members), firstMember: Int32Array.from(firstMember) };
}

/** Each component's bitset of the root indices that reach it (shared with its only predecessor where it can be). */
function propagate<T>(roots: RootIndices<T>, graph: Condensation<T>, childrenOf: (node: T) => readonly T[], words: number): (Uint32Array | undefined)[] {
  const { idOf, nodes, componentOf, componentCount, members, firstMember } = graph;
  const bits: (Uint32Array | undefined)[] = new Array(componentCount);
  /** Whether a component's set is its own (may be written) or borrowed from a predecessor. */
  const owned = new Uint8Array(componentCount);
  const writable = (component: number): Uint32Array => {
    const current = bits[component];
    if (current && owned[component]) return current;
    const copy = current ? Uint32Array.from(current) : new Uint32Array(words);
    owned[component] = 1;
    bits[component] = copy;
    return copy;
  };
  for (const [root, indices] of roots) {
    const set = writable(componentOf[idOf.get(root)!]);
    for (const i of indices) set[i >>> 5] |= 1 << (i & 31);
  }
  // Highest number first: every predecessor's set is complete before a component passes its own on.
  for (let component = componentCount - 1; component >= 0; component--) {
    const set = bits[component];
    if (!set) continue;
    for (let m = firstMember[component]; m < firstMember[component + 1]; m++) {
      for (const child of childrenOf(nodes[members[m]])) {
        const target = componentOf[idOf.get(child)!];
        if (target === component || bits[target] === set) continue;
        if (!bits[target]) {
          bits[target] = set;
          continue;
        }
        const into = writable(target);
        for (let w = 0; w < words; w++) into[w] |= set[w];
      }
    }
  }
  return bits;
}

function indicesIn(set: Uint32Array): number[] {
  const indices: number[] = [];
  for (let w = 0; w < set.length; w++) {
    let word = set[w];
    while (word !== 0) {
      const lowest = word & -word;
      indices.push(w * 32 + 31 - Math.clz32(lowest));
      word ^= lowest;
    }
  }
  return indices;
}
