import type { Article } from '@khabar/schema';
import { type LinkCandidate, linkKeys, withLinks } from '../links.ts';
import { readDoc } from '../stored-row.ts';
import { Params } from './dialect.ts';
import type { Reader } from './read.ts';

/** The article with this id or slug, its headlines linked to the stored articles they name; or null. */
export async function getArticle({ dialect, read }: Reader, idOrSlug: string): Promise<Article | null> {
  const byKey = new Params(dialect);
  const [row] = await read<{ doc: string }>(
    byKey.query(
      `SELECT doc FROM articles WHERE id = ${byKey.add(idOrSlug)} OR slug = ${byKey.add(idOrSlug)} LIMIT 1`,
    ),
  );
  if (!row) return null;
  const article = readDoc(row.doc);
  const byTitle = new Params(dialect);
  const candidates = await read<LinkCandidate>(
    byTitle.query(
      `SELECT id, slug, title_key, origin, sort_at FROM articles
       WHERE ${byTitle.inList('title_key', linkKeys(article))}`,
    ),
  );
  return withLinks(article, candidates);
}
