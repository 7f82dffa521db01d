/**
 * What an entry costs besides its body and key: the map's slot, the entry object and its small
 * strings (ETag, content type, cache policy). An estimate, so that many tiny entries under long keys
 * are counted for what they hold.
 */
export const ENTRY_OVERHEAD_BYTES = 256;

/**
 * A map of byte bodies bounded by what they hold: reading an entry makes it the most recent, and
 * adding one drops the least recently used until the total fits. An entry counts its body, its key
 * (two bytes a UTF-16 code unit) and `ENTRY_OVERHEAD_BYTES`, so memory stays bounded however many
 * distinct keys clients make up, and however long.
 */
export class ByteLru<V extends { body: Uint8Array }> {
  readonly #entries = new Map<string, { value: V; size: number }>();
  readonly #budget: number;
  #bytes = 0;

  /** `budget`: most bytes kept, bodies, keys and overhead together. */
  constructor(budget: number) {
    this.#budget = budget;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry?.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const size = value.body.byteLength + 2 * key.length + ENTRY_OVERHEAD_BYTES;
    if (size > this.#budget) return;
    this.#entries.set(key, { value, size });
    this.#bytes += size;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#budget) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.size;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= entry.size;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** Bytes held, as entries are counted (see `ByteLru`). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Entries held. */
  get size(): number {
    return this.#entries.size;
  }
}
