import type { Page, SearchHit } from '@khabar/schema';
import { encodeSearchCursor } from './cursor.ts';
import { bodyParagraph, type DocJson } from './doc-paragraph.ts';
import { StoreError } from './errors.ts';
import { bestParagraphs, highlight, type ShadowText } from './highlight.ts';
import { hitStory, type PageStory } from './hit-stories.ts';
import { groupStems } from './query-terms.ts';
import type { Collapse, RankedHit } from './rank-candidates.ts';
import { type SummaryColumns, toSummary } from './stored-row.ts';

/**
 * What a store reads of each hit on the page: the summary, its body's shadow text and its stored
 * document (each as text or as its UTF-8 bytes, which cost nothing to decode) and its story's id.
 */
export type HitRow = SummaryColumns & { search_body: ShadowText; doc: DocJson; story_id: string | null };

/** The SQL of a hit row's story id, for the statement reading the page's rows from `articles`. */
export const HIT_STORY_COLUMN =
  '(SELECT story_id FROM article_stories WHERE article_stories.article_seq = articles.seq) AS story_id';

const utf8 = new TextEncoder();

/** A page of hits as UTF-8 JSON, as `ArticleStore.searchJson` gives it. */
export function pageJson(page: Page<SearchHit>): Uint8Array<ArrayBuffer> {
  return utf8.encode(JSON.stringify(page));
}

/** A search's `collapse`, checked: `story` when absent. */
export function checkCollapse(collapse: unknown): Collapse {
  if (collapse === undefined || collapse === 'story') return 'story';
  if (collapse === 'none') return 'none';
  throw new StoreError('invalid_query', `collapse must be story or none, got ${String(collapse)}`);
}

/**
 * The page of hits both stores answer with: the first `limit` ranked hits (one more was ranked to
 * know whether a next page exists), each with its summary, score, highlighted fragments, story and
 * the story's other articles, and the cursor after the last; `stories` the stories of the page's
 * hits, as `pageStories` reads them. The highlights' paragraphs are those whose shadow lines hold the
 * most distinct query terms, cut from the stored document without parsing the rest of it (a damaged
 * document gives none: its hit is answered without fragments of its body). A hit whose row is gone
 * (deleted between the two reads) is left out.
 */
export function searchPage<Seq>(
  ranked: readonly RankedHit<Seq>[],
  limit: number,
  rows: ReadonlyMap<Seq, HitRow>,
  groups: readonly string[][],
  stories: ReadonlyMap<string, PageStory>,
): Page<SearchHit> {
  const page = ranked.slice(0, limit);
  const stems = groupStems(groups);
  const items: SearchHit[] = [];
  for (const hit of page) {
    const row = rows.get(hit.seq);
    if (!row) continue;
    const body: (string | undefined)[] = [];
    const wanted = bestParagraphs(row.search_body, stems);
    for (const { index } of wanted) body[index] = bodyParagraph(row.doc, index) ?? undefined;
    const article = toSummary(row);
    items.push({
      article,
      score: hit.score,
      highlights: highlight({ title: row.title, body }, stems, row.search_body, wanted),
      ...hitStory(article, row.story_id, stories),
    });
  }
  const last = page.at(-1);
  return {
    items,
    nextCursor: ranked.length > limit && last ? encodeSearchCursor({ score: last.score, id: last.id }) : null,
  };
}
