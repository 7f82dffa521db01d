import type { ArticleStore } from '@khabar/store';
import type { ArticleCache } from './article-cache.ts';
import type { KeyRing } from './auth.ts';
import type { ApiConfig } from './config.ts';
import type { ReadCache } from './read-cache.ts';

/** What route handlers share: the store, the configuration and the per-app state built from them. */
export interface RouteDeps {
  store: ArticleStore;
  config: ApiConfig;
  keys: KeyRing;
  articles: ArticleCache;
  reads: ReadCache;
}
