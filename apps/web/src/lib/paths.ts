// The site's readable URLs, built in one place so links and routes agree.

/** A path with parameters added to its query string; parameters that are null or empty are left out. */
/** The links under a page of a listing at `path`: on to the older page, back to the newest. */
export function pagerLinks(
  path: string,
  cursor: string | null | undefined,
  nextCursor: string | null,
): { olderHref: string | null; newestHref: string | null } {
  return {
    olderHref: nextCursor ? withQuery(path, { cursor: nextCursor }) : null,
    newestHref: cursor ? path : null,
  };
}

export function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const mark = path.indexOf('?');
  const base = mark === -1 ? path : path.slice(0, mark);
  const params = new URLSearchParams(mark === -1 ? '' : path.slice(mark + 1));
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/**
 * One path segment: letters, marks and digits beyond ASCII stay as written (browsers show and send
 * them correctly, and an Arabic slug stays readable and a third the size); everything else is
 * percent-encoded.
 */
export function pathSegment(value: string): string {
  return value.replace(/[^\p{L}\p{M}\p{N}]|\p{ASCII}/gu, (character) => encodeURIComponent(character));
}

/**
 * The name in the one path segment after `prefix` (`/tags/`, `/sources/`, `/articles/`) of a request's
 * URL, decoded once, or null when the path holds no such segment or a malformed escape.
 *
 * Route parameters cannot serve here: Astro decodes the path with `decodeURI`, again and again until it
 * stops changing, which leaves the escapes of `= : + , & ; @ $ / ? #` in place while turning `%25` into
 * `%`, so a name holding `=` and one holding `%3D` come out the same. The request's own URL still has
 * the path as the link wrote it, and `pathSegment` wrote it for exactly one `decodeURIComponent`.
 */
export function pathParam(requestUrl: string, prefix: string): string | null {
  const path = new URL(requestUrl).pathname;
  if (!path.startsWith(prefix)) return null;
  // A trailing slash is not part of the name (an encoded one, `%2F`, is).
  const segment = path.slice(prefix.length).replace(/\/$/, '');
  if (segment === '' || segment.includes('/')) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * A site path as a `Location` header can carry it: header values are bytes, so the letters that
 * `pathSegment` leaves readable are percent-encoded, and the escapes already there are kept as they are
 * (`encodeURI` would encode their `%` a second time).
 */
export function locationPath(path: string): string {
  return path.replace(/[^\p{ASCII}]+/gu, (run) => encodeURIComponent(run));
}

export const articlePath = (slug: string): string => `/articles/${pathSegment(slug)}`;
export const tagPath = (tag: string): string => `/tags/${pathSegment(tag)}`;
export const storyPath = (id: string): string => `/stories/${pathSegment(id)}`;

/** A source's page; publishers say so, since a name is looked up as an agency first. */
export const sourcePath = (name: string, kind: 'agency' | 'publisher' = 'agency'): string =>
  withQuery(`/sources/${pathSegment(name)}`, { as: kind === 'publisher' ? 'publisher' : undefined });
