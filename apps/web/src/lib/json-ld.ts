import type { Article, Story } from '@khabar/schema';
import { webUrl } from './page-origin.ts';
import { outletName } from './stories.ts';

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
  const publisher = outletName(article.source);
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

/**
 * schema.org `CollectionPage` for a story's page at `url`: the list of every outlet's article of it,
 * earliest first, each a `NewsArticle` at the URL `articleUrl` gives for its slug.
 */
export function storyCollection(
  story: Pick<Story, 'earliest' | 'articles' | 'firstPublishedAt'>,
  url: string,
  description: string,
  articleUrl: (slug: string) => string,
): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    name: story.earliest.title,
    description,
    url,
    ...(story.firstPublishedAt ? { datePublished: story.firstPublishedAt } : {}),
    mainEntity: {
      '@type': 'ItemList',
      itemListOrder: 'https://schema.org/ItemListOrderAscending',
      numberOfItems: story.articles.length,
      itemListElement: story.articles.map((member, index) => {
        const publisher = outletName(member.source);
        return {
          '@type': 'ListItem',
          position: index + 1,
          item: {
            '@type': 'NewsArticle',
            headline: member.title,
            url: articleUrl(member.slug),
            ...(member.publishedAt ? { datePublished: member.publishedAt } : {}),
            ...(publisher ? { publisher: { '@type': 'Organization', name: publisher } } : {}),
          },
        };
      }),
    },
  };
}
