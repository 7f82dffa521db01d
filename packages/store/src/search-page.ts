import type { Page, SearchHit } from '@khabar/schema';
import { encodeSearchCursor } from './cursor.ts';
import { bestParagraphs, highlight } from './highlight.ts';
import { groupStems } from './query-terms.ts';
import type { RankedHit } from './rank-candidates.ts';
import { type SummaryColumns, toSummary } from './stored-row.ts';

/** What a store reads of each hit on the page: the summary and its body's shadow text. */
export type HitRow = SummaryColumns & { search_body: string };

/** One body paragraph a highlight may be cut from: the hit's row and the paragraph's index. */
export interface ParagraphRef<Seq> {
  seq: Seq;
  index: number;
}

/**
 * The paragraphs of the page's hits worth reading for their highlights: by each hit's shadow text,
 * those holding the most distinct query terms. A store reads these from the stored documents rather
 * than whole documents, a few hundred characters of each instead of all of it.
 */
export function paragraphsToRead<Seq>(
  rows: ReadonlyMap<Seq, HitRow>,
  groups: readonly string[][],
): ParagraphRef<Seq>[] {
  const stems = groupStems(groups);
  return [...rows].flatMap(([seq, row]) =>
    bestParagraphs(row.search_body, stems).map((index) => ({ seq, index })),
  );
}

/** The key of a paragraph read for `searchPage`. */
export function paragraphKey(seq: unknown, index: number): string {
  return `${seq} ${index}`;
}

/**
 * The page of hits both stores answer with: the first `limit` ranked hits (one more was ranked to
 * know whether a next page exists), each with its summary, score and highlighted fragments, and the
 * cursor after the last. `paragraphs` holds the paragraphs `paragraphsToRead` named, by `paragraphKey`.
 * A hit whose row is gone (deleted between the two reads) is left out.
 */
export function searchPage<Seq>(
  ranked: readonly RankedHit<Seq>[],
  limit: number,
  rows: ReadonlyMap<Seq, HitRow>,
  groups: readonly string[][],
  paragraphs: ReadonlyMap<string, string>,
): Page<SearchHit> {
  const page = ranked.slice(0, limit);
  const stems = groupStems(groups);
  const items: SearchHit[] = [];
  for (const hit of page) {
    const row = rows.get(hit.seq);
    if (!row) continue;
    const body: (string | undefined)[] = [];
    const chosen = bestParagraphs(row.search_body, stems);
    for (const index of chosen) body[index] = paragraphs.get(paragraphKey(hit.seq, index));
    items.push({
      article: toSummary(row),
      score: hit.score,
      highlights: highlight({ title: row.title, body }, stems, row.search_body, chosen),
    });
  }
  const last = page.at(-1);
  return {
    items,
    nextCursor: ranked.length > limit && last ? encodeSearchCursor({ score: last.score, id: last.id }) : null,
  };
}
