// The site's readable URLs, built in one place so links and routes agree.

/** A path with parameters added to its query string; parameters that are null or empty are left out. */
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

export const articlePath = (slug: string): string => `/articles/${pathSegment(slug)}`;
export const tagPath = (tag: string): string => `/tags/${pathSegment(tag)}`;

/** A source's page; publishers say so, since a name is looked up as an agency first. */
export const sourcePath = (name: string, kind: 'agency' | 'publisher' = 'agency'): string =>
  withQuery(`/sources/${pathSegment(name)}`, { as: kind === 'publisher' ? 'publisher' : undefined });
