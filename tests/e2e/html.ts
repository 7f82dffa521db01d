// Small readers of served HTML for assertions; the browser tests read the live DOM instead.

/**
 * Every `<script …>` opening tag of a page. Quoted attribute values are blanked first: a `<script>`
 * written inside one (an escaped title in `aria-label`, a query in `value`) is text, not a tag.
 */
export function scriptTags(html: string): string[] {
  return (
    html
      .replace(/="[^"]*"/g, (value) => (value.includes('ld+json') ? value : '=""'))
      .match(/<script\b[^>]*>/gi) ?? []
  );
}

/** The JSON-LD blocks of a page, parsed. */
export function jsonLd(html: string): unknown[] {
  const blocks = html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g);
  return Array.from(blocks, (match) => JSON.parse(match[1] ?? 'null'));
}

/** The `content` of `<meta property=…>` or `<meta name=…>`, or null. */
export function meta(html: string, key: string): string | null {
  const tag = html.match(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`));
  return tag?.[1] ?? null;
}

/** The `href` of every link inside the page's `<main>`, decoded. */
export function mainLinks(html: string): string[] {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  return Array.from(main.matchAll(/<a [^>]*href="([^"]*)"/g), (match) =>
    decodeURI((match[1] ?? '').replaceAll('&amp;', '&')),
  );
}

/** Text of the page's `<main>` without tags (entities left as served). */
export function mainText(html: string): string {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  return main.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}
