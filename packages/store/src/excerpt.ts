const EXCERPT_LENGTH = 200;

/** The opening of the first paragraph, cut at a word boundary near 200 characters. */
export function excerpt(body: readonly string[]): string {
  const first = body[0] ?? '';
  if (first.length <= EXCERPT_LENGTH) return first;
  const cut = first.lastIndexOf(' ', EXCERPT_LENGTH);
  return `${first.slice(0, cut > EXCERPT_LENGTH / 2 ? cut : EXCERPT_LENGTH).trimEnd()}…`;
}
