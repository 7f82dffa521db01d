/**
 * How much a title match outweighs a body match. SQLite passes these to bm25 per column; PostgreSQL
 * gives the title weight A and the body weight B and ranks with the same ratio.
 */
export const TITLE_WEIGHT = 4;
export const BODY_WEIGHT = 1;

/**
 * Scale of the text rank (SQLite's negated bm25, PostgreSQL's ts_rank) in a hit's score, next to
 * the title score: it orders articles whose titles answer the query equally well.
 */
export const SQLITE_TEXT_RANK_SCALE = 0.1;
export const POSTGRES_TEXT_RANK_SCALE = 1;

/**
 * When more articles match than this, only the most recently stored this many are ranked: ranking
 * every article that holds a very common word (28,000 of 30,000 hold من) would cost ninety times more
 * and tell a reader nothing more.
 */
export const RANKED_WINDOW = 200;

/**
 * With them, when the window is full, the most recently stored this many whose title holds every
 * required word: the article whose headline a reader remembers, however many others match.
 */
export const TITLED_WINDOW = 100;

/**
 * Hits of a relaxed level (articles missing k of the query's words) score their own score, held
 * between 0 and this step less one, minus k steps: below every full match (whose score is never
 * negative) and below every hit of a shallower level, while ranked among their level as usual.
 */
export const RELAXED_LEVEL_STEP = 1000;

/**
 * The window of a relaxed level, smaller, and without titles of its own: its hits rank below every
 * full match and are wanted only when those are fewer than a page, and a level of common words
 * matches most articles. On the benchmark's queries the titles' window of a level changed no rank and
 * cost a tenth of the CPU of a search.
 */
export const RELAXED_WINDOW = 100;
