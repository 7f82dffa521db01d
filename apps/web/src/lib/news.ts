// Everything the site reads, through the API's typed client. Pages get outcomes, never exceptions.
import type { AppType } from '@khabar/api';
import { hc, type InferResponseType } from 'hono/client';
import { siteConfig } from './config.ts';
import { failureFor, type Outcome, unreachable } from './outcome.ts';

/** A page waits this long for the API before answering 503. */
const timeoutMs = 8000;

const makeClient = (apiUrl: string) => hc<AppType>(apiUrl);
type Api = ReturnType<typeof makeClient>;
let client: Api | undefined;

/**
 * The API's typed client: `hc<AppType>` is what `createClient` of `@khabar/api` returns. Built here from
 * the type alone so the site's server bundle does not carry the API's own server code; made on first use,
 * with the configured API URL.
 */
function apiClient() {
  client ??= makeClient(siteConfig().apiUrl);
  return client;
}

/** The body of an endpoint's 200 answer, as the API declares it. */
type Success<Endpoint> = Endpoint extends (...args: never[]) => unknown
  ? InferResponseType<Endpoint, 200>
  : never;

export interface ListFilter {
  cursor?: string | undefined;
  tag?: string | undefined;
  agency?: string | undefined;
  publisher?: string | undefined;
  /** Page size; the configured one when left out. */
  limit?: number | undefined;
}

/**
 * Sends one request and reads a success body (JSON unless `decode` says otherwise; a 304 counts as
 * success when `notModified` is allowed); failures of any kind become outcomes.
 */
async function read<T>(
  send: (init: RequestInit) => Promise<Response>,
  decode: (response: Response) => Promise<T> = (response) => response.json() as Promise<T>,
  options: { headers?: Record<string, string>; notModified?: boolean } = {},
): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await send({
      signal: AbortSignal.timeout(timeoutMs),
      ...(options.headers ? { headers: options.headers } : {}),
    });
  } catch {
    return unreachable;
  }
  if (!response.ok && !(options.notModified && response.status === 304)) {
    await response.body?.cancel();
    return failureFor(response.status);
  }
  try {
    return { ok: true, value: await decode(response) };
  } catch {
    return failureFor(502);
  }
}

export const listArticles = (filter: ListFilter) =>
  read<Success<Api['v1']['articles']['$get']>>((init) =>
    apiClient().v1.articles.$get(
      { query: { ...filter, limit: filter.limit ?? siteConfig().pageSize } },
      { init },
    ),
  );

export const getArticle = (idOrSlug: string) =>
  read<Success<Api['v1']['articles'][':idOrSlug']['$get']>>((init) =>
    // The client puts the parameter into the path as it is: a `/`, `?`, `#` or `%` in a slug must be escaped.
    apiClient().v1.articles[':idOrSlug'].$get(
      { param: { idOrSlug: encodeURIComponent(idOrSlug) } },
      { init },
    ),
  );

/** One page of search results, one hit for each story, naming the story's other outlets. */
export const searchArticles = (q: string, cursor: string | undefined) =>
  read<Success<Api['v1']['search']['$get']>>((init) =>
    apiClient().v1.search.$get(
      { query: { q, cursor, limit: siteConfig().pageSize, collapse: 'story' } },
      { init },
    ),
  );

/** One story with every outlet's article of it, earliest first. */
export const getStory = (id: string) =>
  read<Success<Api['v1']['stories'][':id']['$get']>>((init) =>
    apiClient().v1.stories[':id'].$get({ param: { id: encodeURIComponent(id) } }, { init }),
  );

/** Stories of two or more articles, the one with the latest article first. */
export const listStories = (filter: Pick<ListFilter, 'cursor' | 'limit'>) =>
  read<Success<Api['v1']['stories']['$get']>>((init) =>
    apiClient().v1.stories.$get(
      { query: { cursor: filter.cursor, limit: filter.limit ?? siteConfig().pageSize } },
      { init },
    ),
  );

/** Every tag (up to the API's largest page), most used first. */
export const listTags = async () => {
  const outcome = await read<Success<Api['v1']['tags']['$get']>>((init) =>
    apiClient().v1.tags.$get({ query: { limit: 1000 } }, { init }),
  );
  return outcome.ok ? { ...outcome, value: outcome.value.items } : outcome;
};

/** Every credited agency and publisher (up to the API's largest page), most credited first. */
export const listSources = async () => {
  const outcome = await read<Success<Api['v1']['sources']['$get']>>((init) =>
    apiClient().v1.sources.$get({ query: { limit: 1000 } }, { init }),
  );
  return outcome.ok ? { ...outcome, value: outcome.value.items } : outcome;
};

/** What the site passes on of the API's feed answer. */
export interface FeedAnswer {
  status: 200 | 304;
  body: string;
  headers: Record<string, string>;
}

/**
 * The API's RSS feed of the newest articles, as it sent it: the API links the items to the site's pages
 * (its `KHABAR_SITE_URL`). A reader's `If-None-Match` is passed on, so an unchanged feed costs a 304.
 */
export function getFeed(limit: number, ifNoneMatch: string | undefined): Promise<Outcome<FeedAnswer>> {
  return read(
    (init) => apiClient().v1.feeds[':format'].$get({ param: { format: 'rss' }, query: { limit } }, { init }),
    async (response) => {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'etag', 'cache-control', 'last-modified']) {
        const value = response.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      return { status: response.status === 304 ? 304 : 200, body: await response.text(), headers };
    },
    {
      notModified: true,
      ...(ifNoneMatch === undefined ? {} : { headers: { 'If-None-Match': ifNoneMatch } }),
    },
  );
}
