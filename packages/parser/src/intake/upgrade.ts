import type { Article, ArticleInput, RelatedArticle, RelatedArticleInput } from '@khabar/schema';
import { relatedArticle } from '../related.ts';

/**
 * An article as a client or an older version wrote it, completed to the current model: appended
 * articles written before they carried their own id, slug, word count and hash get them made from
 * their title, date and paragraphs, as the parser makes them now; missing page fields are null. An
 * article that lacks nothing is returned as it is.
 */
export function completeArticle(article: ArticleInput | Article): Article {
  const complete = article.related.every(hasIdentity);
  const page = {
    url: article.url ?? null,
    siteName: article.siteName ?? null,
    description: article.description ?? null,
    image: article.image ?? null,
  };
  if (
    complete &&
    article.url !== undefined &&
    article.siteName !== undefined &&
    article.description !== undefined &&
    article.image !== undefined
  ) {
    return article as Article;
  }
  return { ...article, ...page, related: article.related.map(withIdentity) };
}

function hasIdentity(item: RelatedArticleInput): item is RelatedArticle {
  return (
    item.id !== undefined &&
    item.slug !== undefined &&
    item.wordCount !== undefined &&
    item.contentHash !== undefined
  );
}

function withIdentity(item: RelatedArticleInput): RelatedArticle {
  if (hasIdentity(item)) return item;
  const made = relatedArticle(item.title, item.publishedAt, item.body);
  return item.link === undefined ? made : { ...made, link: item.link };
}
