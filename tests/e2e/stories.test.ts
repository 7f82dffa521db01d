// Stories on the site: the article page's other outlets, the story page, search with one entry per
// story, and the stories listing, over the real API with fixture articles that other outlets rewrote.
import type { Article } from '@khabar/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLd, mainLinks, mainText, meta, scriptTags } from './html.ts';
import { fixture, type Stack, startStack } from './stack.ts';
import { rewriteTitles, storyRewrites } from './stories.ts';

let stack: Stack;
beforeAll(async () => {
  // One item a page, so listings and search are read across their pages.
  stack = await startStack({ KHABAR_WEB_PAGE_SIZE: '1' }, await storyRewrites());
});
afterAll(async () => {
  await stack?.stop();
});

async function page(target: string) {
  const response = await fetch(`${stack.site.url}${target}`, { redirect: 'manual' });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

const articleTarget = (article: Article) => `/articles/${encodeURIComponent(article.slug)}`;
/**
 * The part of a page from the element with `marker` in its opening tag to the end of `<main>`, as a
 * `<main>` of its own for the readers of html.ts.
 */
const sectionOf = (html: string, marker: string) =>
  `<main>${html.slice(html.indexOf(marker), html.indexOf('</main>'))}</main>`;

/** Every page of a listing, following its "next" links from `target`. */
async function allPages(target: string): Promise<string[]> {
  const pages: string[] = [];
  let next: string | undefined = target;
  while (next && pages.length < 30) {
    const { status, html } = await page(next);
    expect(status, next).toBe(200);
    pages.push(html);
    next = html.match(/<a href="([^"]+)" rel="next"/)?.[1]?.replaceAll('&amp;', '&');
  }
  return pages;
}

describe('the article page', () => {
  it('lists the other outlets of its story with their dates, and links to the story', async () => {
    const desalination = fixture(stack, 'تحلية المياه الجديدة');
    const afternoon = fixture(stack, rewriteTitles.desalinationAfternoon);
    const evening = fixture(stack, rewriteTitles.desalinationEvening);
    const { status, html } = await page(articleTarget(afternoon));
    expect(status).toBe(200);
    const section = sectionOf(html, 'class="same-story"');
    expect(section).toContain('نُشر الخبر نفسه أيضًا في');
    const text = mainText(section);
    // The others, earliest first: the first to run it is marked, the article itself is not listed.
    expect(text).toMatch(
      /افتتاح محطة تحلية المياه الجديدة في الإسكندرية الأهرام · 11 مارس 2024 - 10:30 ص أول من نشر .*محطة تحلية عملاقة تدخل الخدمة على الساحل الشمالي اليوم السابع · 11 مارس 2024 - 4:45 م/,
    );
    expect(text).not.toContain(afternoon.title);
    expect(mainLinks(section)).toEqual([
      `/articles/${desalination.slug}`,
      `/articles/${evening.slug}`,
      `/stories/${desalination.id}`,
    ]);
    expect(text).toContain('الخبر في كل مصادره (3 مقالات)');
  });

  it('says so when the article ran first, and shows nothing for a story of one', async () => {
    const first = await page(articleTarget(fixture(stack, 'تحلية المياه الجديدة')));
    expect(mainText(sectionOf(first.html, 'class="same-story"'))).toContain(
      'كان هذا المقال أول من نشر الخبر.',
    );
    const alone = await page(articleTarget(fixture(stack, 'النيل')));
    expect(alone.status).toBe(200);
    expect(alone.html.includes('class="same-story"')).toBe(false);
  });
});

describe('the story page', () => {
  it('shows the earliest title, the first and last times, the outlets and every article, earliest first', async () => {
    const desalination = fixture(stack, 'تحلية المياه الجديدة');
    const target = `/stories/${desalination.id}`;
    const { status, html } = await page(target);
    expect(status).toBe(200);
    expect(html).toMatch(/^<!DOCTYPE html><html lang="ar" dir="rtl">/i);
    expect(html.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1]).toBe(desalination.title);
    const text = mainText(html);
    expect(text).toContain('نشره 3 مصادر');
    expect(text).toMatch(/أول نشر 11 مارس 2024 - 10:30 ص/);
    expect(text).toMatch(/آخر نشر 11 مارس 2024 - 4:45 م/);
    expect(mainLinks(html)).toEqual(
      expect.arrayContaining([
        '/sources/الأهرام?as=publisher',
        '/sources/الشروق?as=publisher',
        '/sources/اليوم السابع?as=publisher',
        '/sources/رويترز',
      ]),
    );
    const titles = Array.from(
      sectionOf(html, 'id="articles-heading"').matchAll(/<h3[^>]*><a [^>]*>([^<]*)</g),
      (match) => match[1],
    );
    expect(titles).toEqual([
      desalination.title,
      rewriteTitles.desalinationAfternoon,
      rewriteTitles.desalinationEvening,
    ]);
    expect(text).toContain('3 مقالات، الأقدم أولًا');
    expect(sectionOf(html, 'id="articles-heading"').match(/أول من نشر/g)).toHaveLength(1);
    for (const tag of scriptTags(html)) expect(tag).toBe('<script type="application/ld+json">');
  });

  it('has a title, a canonical link, Open Graph and the list of articles as JSON-LD', async () => {
    const desalination = fixture(stack, 'تحلية المياه الجديدة');
    const canonical = `${stack.site.url}/stories/${desalination.id}`;
    const { html } = await page(`/stories/${desalination.id}`);
    expect(html).toContain(`<title>${desalination.title}: الخبر في كل مصادره | خبر</title>`);
    expect(html).toContain(`<link rel="canonical" href="${canonical}">`);
    expect(meta(html, 'og:url')).toBe(canonical);
    expect(meta(html, 'description')).toBe(
      `${desalination.title}: نشره 3 مصادر، أول من نشره الأهرام في 11 مارس 2024.`,
    );
    const [data] = jsonLd(html) as [
      {
        '@type': string;
        mainEntity: { numberOfItems: number; itemListElement: { item: { url: string } }[] };
      },
    ];
    expect(data['@type']).toBe('CollectionPage');
    expect(data.mainEntity.numberOfItems).toBe(3);
    expect(decodeURI(data.mainEntity.itemListElement[0]?.item.url ?? '')).toBe(
      `${stack.site.url}/articles/${desalination.slug}`,
    );
  });

  it('answers an unknown or malformed id with the Arabic 404 page', async () => {
    for (const target of ['/stories/0123456789abcdef', '/stories/not-an-id', '/stories/a/b']) {
      const { status, html } = await page(target);
      expect(status, target).toBe(404);
      expect(html, target).toContain('الصفحة غير موجودة');
    }
  });

  it('leads the id of an article that did not run first to its story', async () => {
    const afternoon = fixture(stack, rewriteTitles.desalinationAfternoon);
    const { status, headers } = await page(`/stories/${afternoon.id}`);
    expect(status).toBe(302);
    expect(headers.get('location')).toBe(`/stories/${fixture(stack, 'تحلية المياه الجديدة').id}`);
  });
});

describe('search', () => {
  it('gives one entry per story, saying how many other outlets ran it and linking to the story', async () => {
    // «محطة» is in every copy of the desalination story; the search is read across all its pages.
    const pages = await allPages(`/search?q=${encodeURIComponent('محطة تحلية')}`);
    const entries = pages.flatMap(
      (html) => sectionOf(html, 'class="results"').match(/<li[\s>][\s\S]*?<\/li>/g) ?? [],
    );
    const desalination = fixture(stack, 'تحلية المياه الجديدة');
    const storyEntries = entries.filter((entry) => entry.includes(`/stories/${desalination.id}"`));
    expect(storyEntries).toHaveLength(1);
    expect(mainText(`<main>${storyEntries[0] ?? ''}</main>`)).toContain('ونُشر أيضًا في مصدرين آخرين');
    const members = [
      desalination.title,
      rewriteTitles.desalinationAfternoon,
      rewriteTitles.desalinationEvening,
    ];
    // Marks split a title into pieces: the check reads the entry's text without its tags.
    const shown = entries.filter((entry) => {
      const text = entry.replace(/<[^>]+>/g, '');
      return members.some((title) => text.includes(title));
    });
    expect(shown).toHaveLength(1);
  });
});

describe('the stories listing', () => {
  it('lists the stories of two or more outlets, newest first, one a page, and is linked from the header', async () => {
    const pages = await allPages('/stories');
    const stories = pages.map((html) =>
      html.match(/<h2[^>]*><a href="\/stories\/([0-9a-f]{16})"[^>]*>([^<]*)<\/a>/)?.slice(1),
    );
    expect(stories).toEqual([
      [fixture(stack, 'تحلية المياه الجديدة').id, fixture(stack, 'تحلية المياه الجديدة').title],
      [fixture(stack, 'موسم حصاد القمح').id, fixture(stack, 'موسم حصاد القمح').title],
    ]);
    expect(mainText(pages[0] ?? '')).toContain('نشره 3 مصادر');
    expect(mainText(pages[0] ?? '')).toContain('الأهرام، الشروق، اليوم السابع');
    expect(pages[1]).toContain('rel="first"');
    const home = await page('/');
    expect(home.html).toMatch(/<nav aria-label="أقسام الموقع">[\s\S]*<a href="\/stories">/);
  });

  it('answers a forged cursor with an Arabic 400 page', async () => {
    const { status, html } = await page('/stories?cursor=forged');
    expect(status).toBe(400);
    expect(html).toContain('الرابط غير صالح');
  });

  it('is in the sitemap, with every story of two or more outlets', async () => {
    const xml = await (await fetch(`${stack.site.url}/sitemap.xml`)).text();
    expect(xml).toContain(`<loc>${stack.site.url}/stories</loc>`);
    expect(xml).toContain(
      `<loc>${stack.site.url}/stories/${fixture(stack, 'تحلية المياه الجديدة').id}</loc>`,
    );
    expect(xml).toContain(`<loc>${stack.site.url}/stories/${fixture(stack, 'موسم حصاد القمح').id}</loc>`);
    expect(xml).not.toContain(`/stories/${fixture(stack, 'النيل').id}<`);
  });
});
