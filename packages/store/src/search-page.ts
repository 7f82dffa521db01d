import type { Article, Page, SearchHit } from '@khabar/schema';
import { encodeSearchCursor } from './cursor.ts';
import { highlight } from './highlight.ts';
import { groupStems } from './query-terms.ts';
import type { RankedHit } from './rank-candidates.ts';
import { type SummaryColumns, toSummary } from './stored-row.ts';

/** What a store reads of each hit on the page: the summary, the stored article and its body's shadow text. */
export type HitRow = SummaryColumns & { doc: string; search_body: string };

/**
 * The page of hits both stores answer with: the first `limit` ranked hits (one more was ranked to
 * know whether a next page exists), each with its summary, score and highlighted fragments, and the
 * cursor after the last. A hit whose row is gone (deleted between the two reads) is left out.
 */
export function searchPage<Seq>(
  ranked: readonly RankedHit<Seq>[],
  limit: number,
  rows: ReadonlyMap<Seq, HitRow>,
  groups: readonly string[][],
): Page<SearchHit> {
  const page = ranked.slice(0, limit);
  const stems = groupStems(groups);
  const items: SearchHit[] = [];
  for (const hit of page) {
    const row = rows.get(hit.seq);
    if (!row) continue;
    items.push({
      article: toSummary(row),
      score: hit.score,
      highlights: highlight(JSON.parse(row.doc) as Article, stems, row.search_body),
    });
  }
  const last = page.at(-1);
  return {
    items,
    nextCursor: ranked.length > limit && last ? encodeSearchCursor({ score: last.score, id: last.id }) : null,
  };
}
