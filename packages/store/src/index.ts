export { StoreError, type StoreErrorCode, storeErrorCodes } from './errors.ts';
export { DEFAULT_RELATED } from './limits.ts';
export { defaultDb, isPostgresUrl, type OpenStoreOptions, openStore } from './open-store.ts';
export { createPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.ts';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.ts';
export type {
  ArticleStore,
  BatchResult,
  IntegrityReport,
  ListQuery,
  SearchQuery,
  StoreChange,
  StoryCluster,
  StoryQuery,
  WriteOptions,
} from './types.ts';
