/**
 * How much a title match outweighs a body match. SQLite passes these to bm25 per column; PostgreSQL
 * gives the title weight A and the body weight B and ranks with the same ratio.
 */
export const TITLE_WEIGHT = 4;
export const BODY_WEIGHT = 1;

/** Default and largest sizes of the lists that are not cursor pages. */
export const DEFAULT_RELATED = 5;
export const DEFAULT_COUNTS = 100;
export const MAX_COUNTS = 1000;
export const DEFAULT_LIST_SIZE = 20;
export const DEFAULT_SEARCH_SIZE = 10;
