import type { StoredArticle, StoryRef } from '@khabar/schema';
import { type LinkCandidate, linkKeys, withLinks } from '../links.ts';
import { readDoc } from '../stored-row.ts';
import { Params } from './dialect.ts';
import type { Reader } from './read.ts';

/**
 * The article with this id or slug, with its story, its headlines linked to the stored articles they
 * name; or null.
 */
export async function getArticle({ dialect, read }: Reader, idOrSlug: string): Promise<StoredArticle | null> {
  const byKey = new Params(dialect);
  const [row] = await read<{
    doc: string;
    story_id: string | null;
    story_size: number | null;
    story_first: string | null;
  }>(
    byKey.query(
      `SELECT a.doc, st.id AS story_id, st.size AS story_size, st.first_published_at AS story_first
       FROM (SELECT seq, doc FROM articles
             WHERE id = ${byKey.add(idOrSlug)} OR slug = ${byKey.add(idOrSlug)} LIMIT 1) AS a
       LEFT JOIN article_stories AS s ON s.article_seq = a.seq
       LEFT JOIN stories AS st ON st.id = s.story_id`,
    ),
  );
  if (!row) return null;
  const article = readDoc(row.doc);
  // A story of one has no row in `stories`, and an article written by a store kept without stories
  // has none at all: both read as stories of one.
  const story: StoryRef =
    row.story_id === null
      ? { id: article.id, size: 1, firstPublishedAt: article.publishedAt }
      : { id: row.story_id, size: Number(row.story_size), firstPublishedAt: row.story_first };
  const keys = linkKeys(article);
  const byTitle = new Params(dialect);
  const candidates = await read<LinkCandidate>(
    byTitle.query(
      `SELECT id, slug, title_key, origin, sort_at FROM articles
       WHERE ${byTitle.inList('title_key', [...new Set(keys.values())])}`,
    ),
  );
  return { ...withLinks(article, candidates, keys), story };
}
