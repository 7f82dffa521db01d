import { StoreError } from './errors.ts';

/** Largest page a listing or search returns. */
export const MAX_PAGE_SIZE = 100;

/** Default and largest sizes of the lists that are not cursor pages. */
export const DEFAULT_RELATED = 10;
export const DEFAULT_COUNTS = 100;
export const MAX_COUNTS = 1000;
export const DEFAULT_LIST_SIZE = 20;
export const DEFAULT_SEARCH_SIZE = 10;

/** Checks a caller's limit: an integer from 1 to `max`, or the fallback when absent. */
export function checkLimit(limit: number | undefined, fallback: number, max: number = MAX_PAGE_SIZE): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new StoreError('invalid_query', `limit must be an integer from 1 to ${max}, got ${limit}`);
  }
  return limit;
}
