// Everything the site reads, through the API. Pages get outcomes, never exceptions.
import type { Article, ArticleSummary, Page, SearchHit, SourceCount, TagCount } from '@khabar/schema';
import { config } from './config.ts';
import { failureFor, type Outcome, unreachable } from './outcome.ts';

/** A page waits this long for the API before answering 503. */
const timeoutMs = 8000;

export interface ListFilter {
  cursor?: string | undefined;
  limit?: number | undefined;
  tag?: string | undefined;
  agency?: string | undefined;
  publisher?: string | undefined;
}

async function read<T>(
  path: string,
  query: Record<string, string | number | undefined> = {},
): Promise<Outcome<T>> {
  const url = new URL(`${config.apiUrl}${path}`);
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) url.searchParams.set(name, String(value));
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return unreachable;
  }
  if (!response.ok) {
    await response.body?.cancel();
    return failureFor(response.status);
  }
  try {
    return { ok: true, value: (await response.json()) as T };
  } catch {
    return failureFor(502);
  }
}

export const listArticles = (filter: ListFilter) => read<Page<ArticleSummary>>('/v1/articles', { ...filter });

export const getArticle = (idOrSlug: string) => read<Article>(`/v1/articles/${encodeURIComponent(idOrSlug)}`);

export const searchArticles = (q: string, cursor: string | undefined) =>
  read<Page<SearchHit>>('/v1/search', { q, cursor });

export const listTags = () => read<TagCount[]>('/v1/tags');

export const listSources = () => read<SourceCount[]>('/v1/sources');
