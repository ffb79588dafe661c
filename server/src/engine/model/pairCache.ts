/**
 * A cache keyed by two strings (a base and what is resolved against it), emptied whole once it holds `max`
 * entries: `$ref` resolutions are the same in every lint of a split spec, and stay bounded over a long session.
 */
export class PairCache<T> {
  private readonly byOuter = new Map<string, Map<string, T>>();
  private size = 0;

  constructor(private readonly max: number) {}

  /** `compute` must not return undefined (use null for "nothing"). */
  get(outer: string, inner: string, compute: () => T): T {
    let known = this.byOuter.get(outer);
    if (!known) this.byOuter.set(outer, (known = new Map()));
    let value = known.get(inner);
    if (value === undefined) {
      if (++this.size > this.max) {
        this.byOuter.clear();
        this.size = 0;
        this.byOuter.set(outer, (known = new Map()));
      }
      known.set(inner, (value = compute()));
    }
    return value;
  }
}
