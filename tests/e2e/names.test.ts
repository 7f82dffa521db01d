// Tags, sources and slugs holding every character that means something in a URL, read through the site.
import { parseArticle } from '@khabar/parser';
import type { Article } from '@khabar/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.ts';

const reserved = [...'=:+,&;@$/?#%'].map((character) => `وسم${character}خاص`);
const names = [...reserved, 'وسم خاص', 'a%3Db', 'تحلية المياه', 'قال "نعم" و\'لا\'', 'وسم<b>'];

function namedArticle(): Article {
  const parsed = parseArticle(
    [
      'أسماء بكل رموز العناوين تصل إلى صفحاتها',
      'تاريخ النشر: 2020-01-01',
      'نص قصير يكفي لمقال تجريبي عن الوسوم والمصادر التي تحمل رموزاً لها معنى في العناوين.',
    ].join('\n'),
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  return {
    ...parsed.article,
    slug: `مقال=:+,&;@$/?#% "<b>-1`,
    tags: names,
    source: { agency: 'وكالة=:+,&;@$/?#% "<b>', publisher: 'ناشر/?#%&=' },
  };
}

let stack: Stack;
let article: Article;
beforeAll(async () => {
  article = namedArticle();
  stack = await startStack({}, [article]);
});
afterAll(async () => {
  await stack?.stop();
});

/** The `href` of every link to `route` between `from` and `to` in a page, attribute escapes undone. */
function links(html: string, route: string, from = '<main', to = '</main>'): string[] {
  const start = html.indexOf(from);
  const section = html.slice(start, html.indexOf(to, start));
  return Array.from(section.matchAll(/<a href="([^"]*)"/g), (match) =>
    (match[1] ?? '').replaceAll('&amp;', '&'),
  ).filter((href) => href.startsWith(route));
}

async function get(target: string) {
  const response = await fetch(new URL(target, stack.site.url), { redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

describe('names with reserved characters', () => {
  it('link every tag of the article page to a page listing the article', async () => {
    const articleLink = `/articles/${encodeURIComponent(article.slug)}`;
    const { status, html } = await get(articleLink);
    expect(status).toBe(200);
    const tagLinks = links(html, '/tags/', 'class="topics"', '</footer>');
    expect(tagLinks).toHaveLength(names.length);
    for (const [index, link] of tagLinks.entries()) {
      const page = await get(link);
      expect(page.status, `${names[index]}: ${link}`).toBe(200);
      expect(page.html, link).toContain(article.title);
      expect(new URL(link, stack.site.url).pathname.split('/').length, link).toBe(3);
    }
  });

  it('link the agency and the publisher to pages listing the article', async () => {
    const { html } = await get(`/articles/${encodeURIComponent(article.slug)}`);
    const sourceLinks = links(html, '/sources/');
    expect(sourceLinks).toHaveLength(2);
    for (const link of sourceLinks) {
      const page = await get(link);
      expect(page.status, link).toBe(200);
      expect(page.html, link).toContain(article.title);
    }
  });

  it('reach the article by the link its listing gives, and send its id to that address', async () => {
    const listing = await get(`/tags/${encodeURIComponent('وسم خاص')}`);
    const { html } = await get(links(listing.html, '/articles/')[0] ?? '/');
    expect(html).toMatch(/<h1[^>]*>أسماء بكل رموز العناوين تصل إلى صفحاتها<\/h1>/);
    const byId = await fetch(new URL(`/articles/${article.id}`, stack.site.url), { redirect: 'manual' });
    expect(byId.status).toBe(301);
    const location = byId.headers.get('location') ?? '';
    expect(decodeURIComponent(location.slice('/articles/'.length))).toBe(article.slug);
    expect((await get(location)).status).toBe(200);
  });
});
