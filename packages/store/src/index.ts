export { StoreError, type StoreErrorCode } from './errors.ts';
export type { ArticleStore, BatchResult, ListQuery, SearchQuery } from './types.ts';
