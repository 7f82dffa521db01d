import { relatedArticle } from '../related.ts';

/**
 * An article as older versions wrote it, brought up to the current model where the parser can do so
 * without guessing: appended articles written before they carried their own id, slug, word count and
 * hash get them made from their title, date and paragraphs, as the parser makes them now. Anything
 * else is left for the schema to judge.
 */
export function upgradedArticle(value: unknown): unknown {
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray((value as { related?: unknown }).related)
  ) {
    return value;
  }
  const article = value as { related: unknown[] };
  if (!article.related.some(needsIdentity)) return value;
  return {
    ...article,
    related: article.related.map((item) => (needsIdentity(item) ? withIdentity(item) : item)),
  };
}

interface OlderRelated {
  title: string;
  publishedAt: string | null;
  body: string[];
  link?: unknown;
}

function needsIdentity(item: unknown): item is OlderRelated {
  if (typeof item !== 'object' || item === null) return false;
  const { id, title, publishedAt, body } = item as Record<string, unknown>;
  return (
    id === undefined &&
    typeof title === 'string' &&
    title.length > 0 &&
    (publishedAt === null || typeof publishedAt === 'string') &&
    Array.isArray(body) &&
    body.every((paragraph) => typeof paragraph === 'string')
  );
}

function withIdentity(item: OlderRelated): unknown {
  const made = relatedArticle(item.title, item.publishedAt, item.body);
  return item.link === undefined ? made : { ...made, link: item.link };
}
