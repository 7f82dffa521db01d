/**
 * LSH band keys in memory: which articles hold each key. It stands for the store's band table
 * (band key, article id, indexed by key) in tests and the benchmark.
 */
export class BandIndex {
  private readonly articlesByKey = new Map<number, Set<string>>();
  private readonly keysByArticle = new Map<string, readonly number[]>();
  /** Article ids read from buckets by `candidates`, repeats included: the work of the look-ups. */
  lookups = 0;

  /** Files an article under its keys, replacing any keys it had. */
  add(id: string, keys: readonly number[]): void {
    this.remove(id);
    if (keys.length === 0) return;
    this.keysByArticle.set(id, keys);
    for (const key of keys) {
      const articles = this.articlesByKey.get(key);
      if (articles === undefined) this.articlesByKey.set(key, new Set([id]));
      else articles.add(id);
    }
  }

  remove(id: string): void {
    const keys = this.keysByArticle.get(id);
    if (keys === undefined) return;
    this.keysByArticle.delete(id);
    for (const key of keys) {
      const articles = this.articlesByKey.get(key);
      articles?.delete(id);
      if (articles?.size === 0) this.articlesByKey.delete(key);
    }
  }

  /** The articles sharing at least one key with `keys`, but `self`, ascending. */
  candidates(keys: readonly number[], self?: string): string[] {
    const found = new Set<string>();
    for (const key of keys) {
      const articles = this.articlesByKey.get(key);
      if (articles === undefined) continue;
      this.lookups += articles.size;
      for (const id of articles) if (id !== self) found.add(id);
    }
    return [...found].sort();
  }
}
