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
