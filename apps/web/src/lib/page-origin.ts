// Where an article came from, as the article page shows it: a link to the original and the lead image.
import type { Article } from '@khabar/schema';

/**
 * The URL as the browser would read it, when it is an absolute http(s) URL; null for anything else.
 * The API checks URLs it is sent, but an article can reach the store by other ways: nothing but
 * http(s) is ever written into an `href` or a `src` (a `javascript:` link runs script on a click, a
 * `data:` one shows whatever it holds). The serialized form is what was checked: the parser drops the
 * tabs and line breaks a browser would drop too.
 */
export function webUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

export interface OriginalLink {
  href: string;
  /** Arabic, with the site's name when the article gives it. */
  label: string;
}

/** The link to the page the article was read from, or null when it names none that may be linked. */
export function originalLink(article: Pick<Article, 'url' | 'siteName'>): OriginalLink | null {
  const href = webUrl(article.url);
  if (href === null) return null;
  const siteName = article.siteName?.trim();
  return { href, label: siteName ? `المقال الأصلي على ${siteName}` : 'المقال الأصلي' };
}

export interface LeadFigure {
  src: string;
  /** The caption when there is one, else the title: the image illustrates the story. */
  alt: string;
  caption: string | null;
}

/** The lead image to show, or null when the article has none or its URL may not be loaded. */
export function leadFigure(article: Pick<Article, 'image' | 'title'>): LeadFigure | null {
  const src = webUrl(article.image?.url);
  if (src === null) return null;
  const caption = article.image?.caption?.trim() || null;
  return { src, alt: caption ?? article.title, caption };
}
