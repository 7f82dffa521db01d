/**
 * How the newest rows matching a full-text condition are found: the window a search ranks. Reading
 * rows newest first tests each row's vector, read from TOAST (most are over 2 KB), so a walk is cheap
 * only when nearly every row matches; gathering every match from the GIN index and keeping the newest
 * visits a heap page per match, cheap only when few rows match. In between (a word in 3% to 80% of
 * the articles: the common single words readers type), the GIN index and the primary key together
 * find the matches among the most recent rows, a range the statistics say holds the window with room
 * to spare, and only those rows are visited. On 31,000 articles the newest 300 matches of a word in
 * 20% of them took 12 ms walking, 16 ms gathering and 1.5 ms from the recent range.
 */

/** A window whose matches are likely at least this share of the rows is read by walking the newest rows. */
export const WALK_SHARE = 0.8;

/**
 * The recent range holds this many times the window's likely matches: words are not spread evenly
 * over time, and a range that falls short costs a second, slower look (see `newestMatches`).
 */
export const RECENT_MARGIN = 2;

/** What the planner's statistics say of where the rows are. */
export interface RowSpread {
  /** The largest `seq`: the newest row. */
  newestSeq: number;
  /** Rows per `seq` value, at most 1: deleted rows and failed inserts leave gaps. */
  density: number;
}

/** How a window's newest matches are found. */
export type WindowPlan =
  | { kind: 'walk' }
  | { kind: 'gather' }
  /** Matches from `floor` up, from both indexes; older ones only when those fall short. */
  | { kind: 'recent'; floor: number };

/**
 * The way to find the newest `size` rows of a condition likely met by `share` of the rows (null
 * before the statistics exist): a walk when most rows match (or nothing is known, as in a new
 * store), the recent range when it is a fraction of the table, else gathering every match. A
 * condition whose vector is computed per row (the titles') is never walked.
 */
export function windowPlan(
  share: number | null,
  spread: RowSpread | null,
  size: number,
  walkable = true,
): WindowPlan {
  if (share === null || spread === null) return { kind: walkable ? 'walk' : 'gather' };
  if (walkable && share >= WALK_SHARE) return { kind: 'walk' };
  const distance = (RECENT_MARGIN * size) / (share * spread.density);
  if (!(distance < spread.newestSeq)) return { kind: 'gather' };
  return { kind: 'recent', floor: Math.floor(spread.newestSeq - distance) };
}

/**
 * The common table expression `name` (materialized), holding the `seq` of the newest `size` rows of
 * `articles` meeting `condition`, found as `plan` says. Ordering by `seq + 0`, which no index
 * provides, makes the planner gather the matches before keeping the newest. In the recent range,
 * the OR arm (no `seq` is negative) is one no plain index scan can answer: without it the planner
 * walks the primary key over the range and tests each row's vector; with it, it joins the bitmaps
 * of the primary key and the GIN index and visits only the matching rows. The older rows are read
 * only when the range holds fewer than `size` matches, so the window is always the newest `size`.
 */
export function newestMatches(name: string, condition: string, plan: WindowPlan, size: number): string {
  if (plan.kind !== 'recent') {
    return `${name} AS MATERIALIZED (
      SELECT seq FROM articles WHERE ${condition}
      ORDER BY ${plan.kind === 'walk' ? 'seq' : 'seq + 0'} DESC LIMIT ${size}
    )`;
  }
  return `${name}_recent AS MATERIALIZED (
      SELECT seq FROM articles WHERE ${condition} AND (seq >= ${plan.floor} OR seq < 0)
      ORDER BY seq + 0 DESC LIMIT ${size}
    ), ${name} AS MATERIALIZED (
      SELECT seq FROM ${name}_recent
      UNION ALL (
        SELECT seq FROM articles
        WHERE ${condition} AND seq + 0 < ${plan.floor} AND (SELECT count(*) FROM ${name}_recent) < ${size}
        ORDER BY seq + 0 DESC LIMIT ${size} - (SELECT count(*) FROM ${name}_recent)
      )
    )`;
}
