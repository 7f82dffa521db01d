import type { Article } from '@khabar/schema';
import {
  type BatchLookups,
  batchKeys,
  batchLookups,
  type StoredState,
  type UrlOwnerRow,
} from '../batch-plan.ts';
import { type Dialect, Params, type Query, type Steps } from './dialect.ts';

const STATE_COLUMNS = 'slug, content_hash, parser_version, origin';

/**
 * What the store holds for the keys a batch may ask about, looked up before the batch is planned: the
 * stored articles with its ids, the owners of its slugs, the title keys present, the documents with its
 * URLs. Each list is passed whole as one parameter.
 */
export function* lookupSteps(dialect: Dialect, articles: readonly Article[]): Steps<BatchLookups> {
  const keys = batchKeys(articles);
  const statement = (build: (params: Params) => string): Query => {
    const params = new Params(dialect);
    return params.query(build(params));
  };
  const existing = (yield statement(
    (params) => `SELECT id, ${STATE_COLUMNS} FROM articles WHERE ${params.inList('id', keys.ids)}`,
  )) as (StoredState & { id: string })[];
  const slugs = (yield statement(
    (params) => `SELECT slug, id FROM articles WHERE ${params.inList('slug', keys.slugs)}`,
  )) as { slug: string; id: string }[];
  const titleKeys = (yield statement(
    (params) => `SELECT DISTINCT title_key FROM articles WHERE ${params.inList('title_key', keys.titleKeys)}`,
  )) as { title_key: string }[];
  // The URL is taken from the batch, not the row: in SQLite the column comes after the large doc.
  const urlOwners =
    keys.urls.length === 0
      ? []
      : ((yield statement(
          (params) =>
            `SELECT articles.id, ${STATE_COLUMNS}, batch.value AS url
             FROM ${params.listTable(keys.urls, 'batch')} JOIN articles ON articles.url = batch.value
             WHERE articles.origin = 'document' ORDER BY articles.seq`,
        )) as UrlOwnerRow[]);
  return batchLookups(existing, slugs, titleKeys, urlOwners);
}
