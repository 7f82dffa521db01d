/**
 * A map of byte bodies bounded by their total size: reading an entry makes it the most recent, and
 * adding one drops the least recently used until the total fits. Memory stays bounded however many
 * distinct keys clients make up.
 */
export class ByteLru<V extends { body: Uint8Array }> {
  readonly #entries = new Map<string, V>();
  readonly #budget: number;
  #bytes = 0;

  /** `budget`: most bytes of bodies kept. */
  constructor(budget: number) {
    this.#budget = budget;
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    if (value.body.byteLength > this.#budget) return;
    this.#entries.set(key, value);
    this.#bytes += value.body.byteLength;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#budget) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.body.byteLength;
    }
  }

  delete(key: string): void {
    const value = this.#entries.get(key);
    if (value === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= value.body.byteLength;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** Bytes of bodies held. */
  get bytes(): number {
    return this.#bytes;
  }
}
