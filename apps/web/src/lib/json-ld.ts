import type { Article } from '@khabar/schema';
import { webUrl } from './page-origin.ts';

/**
 * Serializes structured data for an inline `<script type="application/ld+json">`. `<`, `>` and `&` are
 * written as JSON escapes so article text such as `</script>` cannot close the element.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** schema.org `NewsArticle` for an article page at `url`. */
export function newsArticle(
  article: Pick<
    Article,
    'title' | 'publishedAt' | 'byline' | 'source' | 'tags' | 'lang' | 'wordCount' | 'url' | 'image'
  >,
  url: string,
  description: string,
): Record<string, unknown> {
  const publisher = article.source.publisher ?? article.source.agency;
  const original = webUrl(article.url);
  const image = webUrl(article.image?.url);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description,
    inLanguage: article.lang,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
    // The byline may name a writer, an outlet or a place, so it is a credit, not an author.
    ...(article.byline ? { creditText: article.byline } : {}),
    ...(publisher ? { publisher: { '@type': 'Organization', name: publisher } } : {}),
    ...(article.source.agency
      ? { sourceOrganization: { '@type': 'Organization', name: article.source.agency } }
      : {}),
    ...(article.tags.length > 0 ? { keywords: article.tags.join('، ') } : {}),
    ...(original ? { isBasedOn: original } : {}),
    ...(image ? { image } : {}),
    wordCount: article.wordCount,
  };
}
