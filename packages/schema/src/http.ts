/**
 * Entity tags (RFC 9110), as the API and the site both send them: the tag around a digest of the bytes
 * sent, and the weak comparison `If-None-Match` asks for.
 */

/** `"digest"`, or `W/"digest"` for a weak tag (same meaning, not the same bytes). */
export function entityTag(digest: string, weak = false): string {
  return weak ? `W/"${digest}"` : `"${digest}"`;
}

const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);

/** Whether an `If-None-Match` header names `etag`, weak and strong tags alike; `*` names any. */
export function ifNoneMatchHolds(header: string | null | undefined, etag: string): boolean {
  if (header === null || header === undefined) return false;
  const wanted = opaque(etag);
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || opaque(tag) === wanted;
  });
}
