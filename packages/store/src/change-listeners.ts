import type { StoreChange } from './types.ts';

/**
 * The listeners of one store's `watch`, each called in turn; one that throws does not stop the others.
 * `onFirst` runs when the first listener arrives and `onLast` when the last one leaves: a store starts
 * following other processes' writes only while someone listens.
 */
export class ChangeListeners {
  readonly #listeners = new Set<(change: StoreChange) => void>();
  readonly #onFirst: () => void;
  readonly #onLast: () => void;

  constructor(hooks: { onFirst: () => void; onLast: () => void }) {
    this.#onFirst = hooks.onFirst;
    this.#onLast = hooks.onLast;
  }

  /** Adds a listener; the function returned removes it (calling it twice is harmless). */
  add(listener: (change: StoreChange) => void): () => void {
    // A wrapper per call, so that the same function watched twice is two subscriptions.
    const entry = (change: StoreChange) => listener(change);
    this.#listeners.add(entry);
    if (this.#listeners.size === 1) this.#onFirst();
    return () => {
      if (this.#listeners.delete(entry) && this.#listeners.size === 0) this.#onLast();
    };
  }

  emit(change: StoreChange): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch {
        // A listener's failure is its own: the write it reports has been committed all the same.
      }
    }
  }
}

/** The ids a batch of outcomes changed, none for an all-unchanged batch. */
export function changedIds(outcomes: readonly { status: string; id: string }[]): string[] {
  return outcomes.filter((outcome) => outcome.status !== 'unchanged').map((outcome) => outcome.id);
}
