import type { PageDom } from './dom.ts';
import { type JsonLdArticle, readJsonLd, splitKeywords } from './json-ld.ts';
import { type Declared, firstMeta, type PageTags, readTags } from './meta-tags.ts';
import type { PageMetadata } from './metadata-types.ts';
import { chooseByline } from './page-byline.ts';
import { blockAt, chooseDates } from './page-dates.ts';
import { chooseTitle, siteBesideHeadline } from './page-title.ts';
import { hostOf, httpUrl } from './page-url.ts';
import { type SiteIdentity, withoutSiteName } from './site-name.ts';
import { rangeOf, textBlocks } from './text-blocks.ts';

export type { Located, MetaConflict, MetaSource, PageMetadata } from './metadata-types.ts';

/**
 * What a page says about itself, read from JSON-LD, OpenGraph and other meta tags, `<time>`, the
 * headline, `<title>`, the URL and the dates and bylines printed near the headline. Each field has
 * its order of trust (see the readers: `page-title.ts`, `page-dates.ts`, `page-byline.ts`), and
 * disagreements between trusted sources are kept in `conflicts`. The others:
 * - `siteName`: og:site_name, JSON-LD publisher, JSON-LD WebSite, application-name, the part of
 *   `<title>` that names the site;
 * - `url`: `<link rel=canonical>`, og:url, JSON-LD url/mainEntityOfPage, then the page URL given,
 *   each only when it is (or resolves to) an absolute http(s) URL;
 * - `image`: og:image (caption og:image:alt), JSON-LD image (caption from its ImageObject),
 *   twitter:image, resolved against the canonical URL;
 * - `description`: og:description, JSON-LD, meta description, twitter:description;
 * - `keywords`: article:tag, JSON-LD keywords, news_keywords, keywords (the first that has any);
 * - `lang`: `<html lang>`, JSON-LD inLanguage, og:locale, content-language.
 * A field the page does not declare is null (or empty); an exception here is a bug, and is left to
 * reach `readHtml`, which reports it as `internal_error` rather than give a page without its metadata.
 */
export function readMetadata(dom: PageDom, pageUrl?: string): PageMetadata {
  const tags = readTags(dom.document);
  const jsonLd = readJsonLd(tags.jsonLd);
  const given = httpUrl(pageUrl);
  const url = canonicalUrl(tags, jsonLd, given);
  const declaredNames = siteNames(tags, jsonLd);
  const site: SiteIdentity = { names: [...declaredNames], host: hostOf(url?.value ?? given) };
  const conflicts: PageMetadata['conflicts'] = [];
  const title = chooseTitle(tags, jsonLd, site, conflicts);
  // A site that declares no name still prints it in `<title>` beside the headline.
  const titleSite =
    title === null || tags.title === null ? null : siteBesideHeadline(tags.title.value, title.value);
  if (titleSite !== null && !site.names.includes(titleSite)) site.names.push(titleSite);
  const blocks = textBlocks(dom.document);
  const anchor = title?.element ? blockAt(blocks, rangeOf(title.element).end) : null;
  // The URL given has no place in the HTML: a date read from it points at the start.
  const dateUrl = url ?? (given === null ? null : { value: given, start: 0, end: 0 });
  const { publishedAt, modifiedAt } = chooseDates({ tags, jsonLd, blocks, anchor, url: dateUrl }, conflicts);
  const byline = chooseByline({ tags, jsonLd, blocks, anchor, site }, conflicts);
  return {
    title:
      title === null
        ? null
        : { value: title.value, start: title.start, end: title.end, source: title.source },
    publishedAt,
    modifiedAt,
    byline,
    siteName:
      declaredNames[0] ??
      titleSite ??
      (tags.title === null ? null : withoutSiteName(tags.title.value, site).siteName),
    url: url?.value ?? given,
    description: description(tags, jsonLd),
    image: image(tags, jsonLd, url?.value ?? given),
    keywords: keywords(tags, jsonLd),
    lang: lang(tags, jsonLd),
    conflicts,
  };
}

function canonicalUrl(tags: PageTags, jsonLd: JsonLdArticle | null, given: string | null): Declared | null {
  const declared: (Declared | null)[] = [
    tags.links.get('canonical')?.[0] ?? null,
    firstMeta(tags, ['og:url', 'twitter:url']),
    jsonLd?.url ? { value: jsonLd.url, start: jsonLd.start, end: jsonLd.end } : null,
  ];
  for (const candidate of declared) {
    if (candidate === null) continue;
    const value = httpUrl(candidate.value, given);
    if (value !== null) return { ...candidate, value };
  }
  return null;
}

function siteNames(tags: PageTags, jsonLd: JsonLdArticle | null): string[] {
  const names = [
    firstMeta(tags, ['og:site_name'])?.value,
    jsonLd?.publisher,
    jsonLd?.websiteName,
    firstMeta(tags, ['application-name', 'apple-mobile-web-app-title', 'al:android:app_name'])?.value,
  ];
  const found: string[] = [];
  for (const name of names) {
    const trimmed = name?.replace(/\s+/g, ' ').trim();
    if (trimmed && trimmed.length <= 80 && !found.includes(trimmed)) found.push(trimmed);
  }
  return found;
}

function description(tags: PageTags, jsonLd: JsonLdArticle | null): string | null {
  const declared =
    firstMeta(tags, ['og:description'])?.value ??
    jsonLd?.description ??
    firstMeta(tags, ['description', 'twitter:description', 'itemprop:description', 'dc.description'])?.value;
  const collapsed = declared?.replace(/\s+/g, ' ').trim();
  return collapsed ? collapsed : null;
}

function image(tags: PageTags, jsonLd: JsonLdArticle | null, base: string | null): PageMetadata['image'] {
  const caption = (value: string | null | undefined) => value?.replace(/\s+/g, ' ').trim() || null;
  for (const declared of tags.meta.get('og:image') ?? tags.meta.get('og:image:url') ?? []) {
    const url = httpUrl(declared.value, base);
    if (url !== null) return { url, caption: caption(firstMeta(tags, ['og:image:alt'])?.value) };
  }
  for (const candidate of jsonLd?.images ?? []) {
    const url = httpUrl(candidate.url, base);
    if (url !== null) return { url, caption: caption(candidate.caption) };
  }
  for (const declared of [
    ...(tags.meta.get('twitter:image') ?? []),
    ...(tags.meta.get('twitter:image:src') ?? []),
  ]) {
    const url = httpUrl(declared.value, base);
    if (url !== null) return { url, caption: caption(firstMeta(tags, ['twitter:image:alt'])?.value) };
  }
  return null;
}

function keywords(tags: PageTags, jsonLd: JsonLdArticle | null): string[] {
  const sources = [
    (tags.meta.get('article:tag') ?? []).flatMap((tag) => splitKeywords(tag.value)),
    jsonLd?.keywords ?? [],
    splitKeywords(firstMeta(tags, ['news_keywords'])?.value ?? ''),
    splitKeywords(firstMeta(tags, ['keywords'])?.value ?? ''),
  ];
  const chosen = sources.find((list) => list.length > 0) ?? [];
  return [...new Set(chosen)];
}

function lang(tags: PageTags, jsonLd: JsonLdArticle | null): string | null {
  const declared =
    tags.lang ??
    jsonLd?.lang ??
    firstMeta(tags, ['og:locale', 'content-language', 'dc.language', 'language'])?.value ??
    null;
  if (declared === null) return null;
  const tag =
    declared
      .trim()
      .replace(/_/g, '-')
      .split(/[\s,;]/)[0] ?? '';
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(tag)) return null;
  const [language, ...rest] = tag.split('-');
  return [
    (language as string).toLowerCase(),
    ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part)),
  ].join('-');
}
