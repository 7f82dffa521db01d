/**
 * How much a title match outweighs a body match. SQLite passes these to bm25 per column; PostgreSQL
 * gives the title weight A and the body weight B and ranks with the same ratio.
 */
export const TITLE_WEIGHT = 4;
export const BODY_WEIGHT = 1;

/**
 * Scale of the text rank (SQLite's negated bm25, PostgreSQL's ts_rank_cd) in a hit's score, next to
 * the title score: it orders articles whose titles answer the query equally well.
 */
export const SQLITE_TEXT_RANK_SCALE = 0.1;
export const POSTGRES_TEXT_RANK_SCALE = 1;

/**
 * When more articles match than this, only the most recently stored this many are ranked: ranking
 * every article that holds a very common word (28,000 of 30,000 hold من) would cost ninety times more
 * and tell a reader nothing more.
 */
export const RANKED_WINDOW = 300;

/**
 * With them, when the window is full, the most recently stored this many whose title holds every
 * required word: the article whose headline a reader remembers, however many others match.
 */
export const TITLED_WINDOW = 100;
