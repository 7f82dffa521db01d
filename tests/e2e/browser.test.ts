/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser, against its DOM.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  horizontalOverflow,
  launchBrowser,
  readingFontLoaded,
  screenshot,
  seriousViolations,
  viewports,
} from './browser.ts';
import { fixture, type Stack, startStack } from './stack.ts';
import { rewriteTitles, storyRewrites } from './stories.ts';

let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  // The lead image of a fixture page lives on a host that does not exist: the browser is given a 4:3
  // picture for it, of another shape than the box the page keeps for it.
  await browser.context.route('https://images.example.invalid/**', (route) =>
    route.fulfill({
      contentType: 'image/svg+xml',
      body: '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#c8a165"/></svg>',
    }),
  );
  // Other outlets' copies of two fixtures make stories, so story pages and lists are checked too.
  stack = await startStack({ KHABAR_WEB_PAGE_SIZE: '4' }, await storyRewrites());
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A page that records script errors, so a test can assert there were none. */
async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, errors };
}

describe('a reader’s path through the site', () => {
  it('goes from home to an article, to a tag, and finds a word spelled another way', async () => {
    const { page, errors } = await openPage();
    const desalination = fixture(stack, 'تحلية');
    await page.goto(stack.site.url);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');

    await page.getByRole('link', { name: desalination.title }).click();
    await page.waitForURL(/\/articles\//);
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/articles/${desalination.slug}`);
    expect(await page.locator('h1').textContent()).toBe(desalination.title);
    const readAlso = page.locator('aside.read-also a');
    expect(await readAlso.textContent()).toBe(fixture(stack, 'النيل').title);

    await page.locator('.topics').getByRole('link', { name: 'مصر', exact: true }).click();
    await page.waitForURL(/\/tags\//);
    expect(await page.locator('h1').textContent()).toBe('مصر');
    expect(await page.locator('article.card h2').allTextContents()).toContain(desalination.title);

    // The header form is a plain GET form: no script is involved in searching.
    await page.getByRole('searchbox', { name: 'ابحث في الأخبار' }).fill('الاسكَندرية');
    await page.getByRole('button', { name: 'بحث' }).click();
    await page.waitForURL(/\/search\?q=/);
    const marks = await page.locator('.results mark').allTextContents();
    expect(marks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(marks)).toEqual(new Set(['الإسكندرية']));
    expect(await page.locator('.results h3').allTextContents()).toEqual(
      expect.arrayContaining([desalination.title, fixture(stack, 'معرض').title]),
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a document’s markup as text and runs none of it', async () => {
    const { page, errors } = await openPage();
    const markup = fixture(stack, 'ثغرة');
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs += 1;
      await dialog.dismiss();
    });
    await page.goto(`${stack.site.url}/articles/${encodeURIComponent(markup.slug)}`);
    expect(await page.locator('h1').textContent()).toBe(markup.title);
    expect(await page.locator('.body').textContent()).toContain('<img src=x onerror=alert(2)>');
    expect(await page.locator('main img, main b, main script').count()).toBe(0);
    const scriptTypes = await page.evaluate(() => Array.from(document.scripts, (script) => script.type));
    expect(scriptTypes).toEqual(['application/ld+json']);
    expect(dialogs).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a story across outlets', () => {
  it('goes from an article to the other outlets’ copies and the story, and from search to the story', async () => {
    const { page, errors } = await openPage();
    const desalination = fixture(stack, 'تحلية');
    await page.goto(`${stack.site.url}/articles/${encodeURIComponent(desalination.slug)}`);
    const sameStory = page.getByRole('region', { name: 'نُشر الخبر نفسه أيضًا في' });
    expect(await sameStory.locator('h3').allTextContents()).toEqual([
      rewriteTitles.desalinationAfternoon,
      rewriteTitles.desalinationEvening,
    ]);
    await sameStory.getByRole('link', { name: rewriteTitles.desalinationEvening }).click();
    await page.waitForURL(/\/articles\//);
    expect(await page.locator('h1').textContent()).toBe(rewriteTitles.desalinationEvening);

    await page.getByRole('link', { name: 'الخبر في كل مصادره (3 مقالات)' }).click();
    await page.waitForURL(/\/stories\//);
    expect(await page.locator('h1').textContent()).toBe(desalination.title);
    expect(await page.locator('.first').allTextContents()).toEqual(['أول من نشر']);

    await page.getByRole('searchbox', { name: 'ابحث في الأخبار' }).fill('الاسكَندرية');
    await page.getByRole('button', { name: 'بحث' }).click();
    await page.waitForURL(/\/search\?q=/);
    await page.getByRole('link', { name: 'ونُشر أيضًا في مصدرين آخرين' }).click();
    await page.waitForURL(/\/stories\//);
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/stories/${desalination.id}`);
    await page
      .getByRole('navigation', { name: 'أقسام الموقع' })
      .getByRole('link', { name: 'المتداولة' })
      .click();
    await page.waitForURL(/\/stories$/);
    expect(await page.locator('article.card h2').allTextContents()).toContain(desalination.title);
    const scriptTypes = await page.evaluate(() => Array.from(document.scripts, (script) => script.type));
    expect(scriptTypes).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the original page and its lead image', () => {
  it('keeps the image’s place before it loads, so nothing moves, and links out safely', async () => {
    const { page } = await openPage();
    await page.setViewportSize(viewports.mobile);
    await page.goto(`${stack.site.url}/articles/${encodeURIComponent(fixture(stack, 'مهرجان التمور').slug)}`);
    const image = page.locator('figure.lead img');
    expect(await image.getAttribute('alt')).toBe('سلال التمور في ساحة المهرجان');
    const before = await image.boundingBox();
    expect(before?.width).toBeGreaterThan(300);
    expect(Math.abs((before?.height ?? 0) - ((before?.width ?? 0) * 9) / 16)).toBeLessThan(1);
    // The 4:3 picture arrives and fills the 16:9 box the page held for it.
    await image.evaluate((element: HTMLImageElement) => element.decode());
    expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(800);
    expect(await image.boundingBox()).toEqual(before);
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((entries) => {
            for (const entry of entries.getEntries()) total += (entry as unknown as { value: number }).value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(total), 500);
        }),
    );
    expect(shift).toBe(0);
    const original = page.getByRole('link', { name: 'المقال الأصلي على صحيفة القصيم' });
    expect(await original.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await original.getAttribute('href')).toBe('https://news.example.com/2024/02/20/dates-festival');
    await page.close();
  });

  it('runs nothing from a page whose URLs are scripts', async () => {
    const { page, errors } = await openPage();
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs += 1;
      await dialog.dismiss();
    });
    await page.goto(`${stack.site.url}/articles/${encodeURIComponent(fixture(stack, 'روابط خبيثة').slug)}`);
    const hrefs = await page.evaluate(() => Array.from(document.links, (link) => link.protocol));
    expect(new Set(hrefs)).toEqual(new Set(['http:']));
    expect(await page.locator('main img, main figure').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('every page type', () => {
  const pageTypes = () => ({
    home: '/',
    article: `/articles/${encodeURIComponent(fixture(stack, 'تحلية').slug)}`,
    'seed-article': `/articles/${encodeURIComponent(fixture(stack, 'كيم أون').slug)}`,
    'page-article': `/articles/${encodeURIComponent(fixture(stack, 'مهرجان التمور').slug)}`,
    'story-article': `/articles/${encodeURIComponent(fixture(stack, rewriteTitles.desalinationEvening).slug)}`,
    story: `/stories/${fixture(stack, 'تحلية').id}`,
    stories: '/stories',
    tag: `/tags/${encodeURIComponent('تحلية المياه')}`,
    source: `/sources/${encodeURIComponent('رويترز')}`,
    tags: '/tags',
    sources: '/sources',
    search: `/search?q=${encodeURIComponent('الاسكَندرية')}`,
    'not-found': '/articles/no-such-article',
  });

  it('is right-to-left, uses the self-hosted Naskh and Kufi faces and fits a 375 px screen', async () => {
    const { page, errors } = await openPage();
    await page.setViewportSize(viewports.mobile);
    for (const [name, target] of Object.entries(pageTypes())) {
      await page.goto(`${stack.site.url}${target}`);
      expect(await page.evaluate(() => document.documentElement.dir), name).toBe('rtl');
      const fonts = await readingFontLoaded(page);
      expect(fonts.check, name).toBe(true);
      expect(
        fonts.loaded.some((face) => face.startsWith('Noto Naskh Arabic U+6')),
        name,
      ).toBe(true);
      // The heading face, at the one weight the site loads, sets the brand on every page.
      expect(
        fonts.loaded.some((face) => face.startsWith('Noto Kufi Arabic U+6')),
        name,
      ).toBe(true);
      expect(
        await page.evaluate(() => {
          const brand = getComputedStyle(document.querySelector('.brand') as Element);
          return `${brand.fontWeight} ${brand.fontFamily}`;
        }),
        name,
      ).toMatch(/^700 "?Noto Kufi Arabic/);
      expect(
        await page.evaluate(
          () => getComputedStyle(document.querySelector('main p') ?? document.body).fontFamily,
        ),
        name,
      ).toMatch(/^"?Noto Naskh Arabic/);
      expect(await horizontalOverflow(page), name).toBeLessThanOrEqual(0);
    }
    expect(errors.filter((error) => !error.includes('404'))).toEqual([]);
    await page.close();
  });

  it('loads every page under its Content-Security-Policy with no violation, its styles, fonts and image applied', async () => {
    const { page, errors } = await openPage();
    // Injected by the browser's debugging protocol, which the policy does not govern; the pages run none.
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(globalThis, { khabarViolations: seen });
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
      );
    });
    await page.emulateMedia({ colorScheme: 'light' });
    for (const [name, target] of Object.entries(pageTypes())) {
      const response = await page.goto(`${stack.site.url}${target}`);
      expect(response?.headers()['content-security-policy'], name).toMatch(/^default-src 'none';/);
      await page.evaluate(() => document.fonts.ready);
      if (name === 'page-article') {
        await page.locator('figure.lead img').evaluate((image: HTMLImageElement) => image.decode());
        expect(
          await page.locator('figure.lead img').evaluate((image: HTMLImageElement) => image.naturalWidth),
        ).toBe(800);
      }
      // Reports are queued: let them arrive before reading them.
      await page.waitForTimeout(50);
      expect(
        await page.evaluate(() => (globalThis as unknown as { khabarViolations: string[] }).khabarViolations),
        name,
      ).toEqual([]);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), name).toBe(
        'rgb(253, 252, 248)',
      );
      expect(await page.evaluate(() => document.fonts.check('16px "Noto Naskh Arabic"', 'خبر')), name).toBe(
        true,
      );
    }
    expect(errors.filter((error) => !error.includes('404'))).toEqual([]);
    await page.close();
  });

  it('has no serious or critical axe-core violations, in the light theme on a phone and the dark one on a desktop', async () => {
    const { page } = await openPage();
    const runs = [
      { colorScheme: 'light', viewport: viewports.mobile },
      { colorScheme: 'dark', viewport: viewports.desktop },
    ] as const;
    for (const { colorScheme, viewport } of runs) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize(viewport);
      for (const [name, target] of Object.entries(pageTypes())) {
        await page.goto(`${stack.site.url}${target}`);
        expect(await seriousViolations(page), `${name}, ${colorScheme}, ${viewport.width} px`).toEqual([]);
      }
    }
    await page.close();
  });

  it('switches colours with the reader’s theme', async () => {
    const { page } = await openPage();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(stack.site.url);
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(light).toBe('rgb(253, 252, 248)');
    expect(dark).toBe('rgb(21, 23, 26)');
    await page.close();
  });

  it('saves screenshots of home, article, search and story at desktop and mobile widths', async () => {
    const { page } = await openPage();
    const targets = {
      home: '/',
      article: `/articles/${encodeURIComponent(fixture(stack, 'تحلية').slug)}`,
      search: `/search?q=${encodeURIComponent('الاسكَندرية')}`,
      story: `/stories/${fixture(stack, 'تحلية').id}`,
    };
    const saved: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const [width, viewport] of Object.entries(viewports)) {
        await page.setViewportSize(viewport);
        for (const [name, target] of Object.entries(targets)) {
          await page.goto(`${stack.site.url}${target}`);
          await page.evaluate(() => document.fonts.ready);
          const suffix = colorScheme === 'dark' ? '-dark' : '';
          saved.push(await screenshot(page, `${name}-${width}${suffix}`));
        }
      }
    }
    expect(saved).toHaveLength(16);
    await page.close();
  });
});
