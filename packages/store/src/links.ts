import type { Article, ArticleLink } from '@khabar/schema';
import type { ArticleOrigin } from './stored-row.ts';
import { titleKey } from './title-key.ts';

/** A stored article a headline may resolve to. */
export interface LinkCandidate {
  id: string;
  slug: string;
  title_key: string;
  origin: ArticleOrigin;
  sort_at: string;
}

/**
 * The title key of each of the article's read-also headlines and appended articles, by its title: each
 * worked out once, for the look-up and for linking.
 */
export function linkKeys(article: Article): Map<string, string> {
  const keys = new Map<string, string>();
  for (const { title } of [...article.readAlso, ...article.related]) {
    if (!keys.has(title)) keys.set(title, titleKey(title));
  }
  return keys;
}

/**
 * The article with `link` set on each read-also headline and appended article: the stored article with
 * the same title key (a document before an appended copy, then the newest), or null. `keys` are its
 * `linkKeys`.
 */
export function withLinks(
  article: Article,
  candidates: readonly LinkCandidate[],
  keys: ReadonlyMap<string, string> = linkKeys(article),
): Article {
  const best = new Map<string, LinkCandidate>();
  for (const candidate of candidates) {
    if (candidate.id === article.id) continue;
    const current = best.get(candidate.title_key);
    if (!current || preferred(candidate, current)) best.set(candidate.title_key, candidate);
  }
  const linkOf = (title: string): ArticleLink | null => {
    // Every headline's title is among `keys` (see `linkKeys`).
    const found = best.get(keys.get(title) as string);
    return found ? { id: found.id, slug: found.slug } : null;
  };
  return {
    ...article,
    readAlso: article.readAlso.map((item) => ({ ...item, link: linkOf(item.title) })),
    related: article.related.map((item) => ({ ...item, link: linkOf(item.title) })),
  };
}

function preferred(candidate: LinkCandidate, current: LinkCandidate): boolean {
  if (candidate.origin !== current.origin) return candidate.origin === 'document';
  if (candidate.sort_at !== current.sort_at) return candidate.sort_at > current.sort_at;
  return candidate.id < current.id;
}
