import type { ArticleStore } from '@khabar/store';

/** The real store with one method replaced: how a test makes a store slow, failing or counted. */
export function replacing<K extends keyof ArticleStore>(
  store: ArticleStore,
  method: K,
  replacement: ArticleStore[K],
): ArticleStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === method) return replacement;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
