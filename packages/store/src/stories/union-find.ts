/** Disjoint sets over the integers 0…size-1, with path compression (halving) and union by rank. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly rank: Uint8Array;

  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, index) => index);
    this.rank = new Uint8Array(size);
  }

  /** The representative of the set holding `element`. */
  find(element: number): number {
    let current = element;
    while (this.parent[current] !== current) {
      const grandparent = this.parent[this.parent[current] as number] as number;
      this.parent[current] = grandparent;
      current = grandparent;
    }
    return current;
  }

  /** Joins the sets of the two elements; false when they were one set already. */
  union(first: number, second: number): boolean {
    let rootFirst = this.find(first);
    let rootSecond = this.find(second);
    if (rootFirst === rootSecond) return false;
    if ((this.rank[rootFirst] as number) < (this.rank[rootSecond] as number)) {
      [rootFirst, rootSecond] = [rootSecond, rootFirst];
    }
    this.parent[rootSecond] = rootFirst;
    if (this.rank[rootFirst] === this.rank[rootSecond])
      this.rank[rootFirst] = (this.rank[rootFirst] as number) + 1;
    return true;
  }
}

/**
 * Disjoint sets over any integers (article `seq`s), each its own set until joined: for element sets
 * not known in advance, where `UnionFind` takes them numbered from 0.
 */
export class SparseUnionFind {
  readonly #parent = new Map<number, number>();

  find(element: number): number {
    let current = element;
    for (;;) {
      const parent = this.#parent.get(current);
      if (parent === undefined || parent === current) return current;
      // Path halving: each step points the element at its grandparent.
      const grandparent = this.#parent.get(parent);
      if (grandparent === undefined || grandparent === parent) return parent;
      this.#parent.set(current, grandparent);
      current = grandparent;
    }
  }

  connected(first: number, second: number): boolean {
    return this.find(first) === this.find(second);
  }

  union(first: number, second: number): void {
    const [rootFirst, rootSecond] = [this.find(first), this.find(second)];
    // The smaller root leads: the sets do not depend on the order of the unions.
    if (rootFirst !== rootSecond) {
      this.#parent.set(Math.max(rootFirst, rootSecond), Math.min(rootFirst, rootSecond));
    }
  }
}
