import { Article, IngestOutcome, ParseOutcome, Problem } from '@khabar/schema';
import { expect, it } from 'vitest';
import { bearer, describeEachStore } from '../test/harness.ts';

// HTML pages over HTTP: the same intake as the command line, with the page's URL as a parameter.
const paragraph =
  'افتتح معرض الكتاب الدولي أبوابه أمس بمشاركة أكثر من ألف دار نشر من ثلاثين دولة عربية وأجنبية.';
const page = `<!doctype html><html lang="ar"><head><meta charset="utf-8">
<title>افتتاح معرض الكتاب الدولي | صحيفة الثقافة</title>
<meta property="og:site_name" content="صحيفة الثقافة">
<meta property="og:image" content="/images/fair.jpg"><meta property="og:image:alt" content="جناح في المعرض">
<meta name="description" content="ألف دار نشر في معرض الكتاب">
</head><body><nav><a href="/">الرئيسية</a> <a href="/culture">ثقافة</a></nav>
<article><h1>افتتاح معرض الكتاب الدولي</h1><p>${paragraph}</p>
<p>ويتضمن برنامج المعرض ندوات فكرية وأمسيات شعرية وورش عمل للأطفال طوال أيامه العشرة.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>`;

const htmlPost = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body,
  headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers },
});

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await response.json());
}

describeEachStore('HTML pages through POST /v1/parse and POST /v1/articles', (harness) => {
  const request = (path: string, init?: RequestInit) => harness().app.request(path, init);
  const url = encodeURIComponent('https://culture.example/2024/6/1/book-fair');

  it('parses a page with its metadata, the URL from the query giving its address and day', async () => {
    const response = await request(`/v1/parse?url=${url}`, htmlPost(page));
    expect(response.status).toBe(200);
    const { article } = ParseOutcome.parse(await response.json());
    expect(article).toMatchObject({
      title: 'افتتاح معرض الكتاب الدولي',
      url: 'https://culture.example/2024/6/1/book-fair',
      siteName: 'صحيفة الثقافة',
      description: 'ألف دار نشر في معرض الكتاب',
      image: { url: 'https://culture.example/images/fair.jpg', caption: 'جناح في المعرض' },
    });
    expect(article.body[0]).toBe(paragraph);
    expect(article.publishedAt?.slice(0, 10)).toBe('2024-06-01');
  });

  it('stores a page, and the same page again is unchanged', async () => {
    const first = await request(`/v1/articles?url=${url}`, htmlPost(page, bearer()));
    expect(first.status).toBe(201);
    const outcome = IngestOutcome.parse(await first.json());
    const stored = Article.parse(await (await request(`/v1/articles/${outcome.id}`)).json());
    expect(stored.url).toBe('https://culture.example/2024/6/1/book-fair');
    const again = await request(`/v1/articles?url=${url}`, htmlPost(page, bearer()));
    expect(again.status).toBe(200);
    expect(IngestOutcome.parse(await again.json()).status).toBe('unchanged');
  });

  it('decodes a windows-1256 page by its charset parameter', async () => {
    const head = Buffer.from('<html><body><h1>', 'latin1');
    const title = Buffer.from([0xc7, 0xe1, 0xd3, 0xe1, 0xc7, 0xe3]);
    const body = Buffer.concat([head, title, Buffer.from('</h1></body></html>', 'latin1')]);
    const response = await request(
      '/v1/parse',
      htmlPost(body, { 'Content-Type': 'text/html; charset=windows-1256' }),
    );
    expect(response.status).toBe(200);
    expect(ParseOutcome.parse(await response.json()).article.title).toBe('السلام');
  });

  it('answers 400 to a URL that is not an absolute http(s) URL', async () => {
    for (const bad of ['javascript:alert(1)', 'not a url', '/relative/path']) {
      const response = await request(`/v1/parse?url=${encodeURIComponent(bad)}`, htmlPost(page));
      expect(response.status).toBe(400);
      expect((await problemOf(response)).errors?.[0]?.path).toBe('query.url');
    }
  });

  it('answers 422 with the reason to binary data sent as a page, and 413 over the body limit', async () => {
    const binary = Uint8Array.from({ length: 2048 }, (_, index) => (index * 31) % 256);
    const refused = await request('/v1/parse', htmlPost(binary));
    expect(refused.status).toBe(422);
    expect((await problemOf(refused)).detail).toMatch(/binary_input/);
    const small = harness().appWith({ KHABAR_API_BODY_LIMIT: '1000' });
    const big = await small.request('/v1/parse', htmlPost(page.repeat(3)));
    expect(big.status).toBe(413);
  });

  it('gives a page without an article a warning, never a 500', async () => {
    const empty =
      '<html><head><title>الصفحة الرئيسية</title></head><body><nav><a href="/a">أخبار</a></nav></body></html>';
    const response = await request('/v1/parse', htmlPost(empty));
    expect(response.status).toBe(200);
    const { warnings } = ParseOutcome.parse(await response.json());
    expect(warnings.map((warning) => warning.code)).toContain('no_body');
  });
});

describeEachStore('older JSON articles through POST /v1/articles', (harness) => {
  const request = (path: string, init?: RequestInit) => harness().app.request(path, init);
  const withRelated = `مهرجان التمور السنوي ينطلق في المدينة
تاريخ النشر: 2024-08-01
انطلق مهرجان التمور السنوي بمشاركة مئات المزارعين من مختلف المناطق، وسط إقبال كبير من الزوار.
المصدر: صحيفة المدينة
إقرأ أيضاً:
افتتاح سوق جديد للمزارعين
افتتحت البلدية سوقا جديدا للمزارعين في وسط المدينة، يضم أكثر من مئة محل.
`;

  it('completes appended articles written without their identity, as the command line does', async () => {
    const parsed = await request('/v1/parse', {
      method: 'POST',
      body: withRelated,
      headers: { 'Content-Type': 'text/plain' },
    });
    const { article } = ParseOutcome.parse(await parsed.json());
    expect(article.related).toHaveLength(1);
    const {
      url: _url,
      siteName: _siteName,
      description: _description,
      image: _image,
      ...withoutPage
    } = article;
    const older = {
      ...withoutPage,
      related: article.related.map(({ title, publishedAt, body }) => ({ title, publishedAt, body })),
    };
    const stored = await request('/v1/articles', {
      method: 'POST',
      body: JSON.stringify(older),
      headers: { 'Content-Type': 'application/json', ...bearer() },
    });
    expect(stored.status).toBe(201);
    const served = Article.parse(await (await request(`/v1/articles/${article.id}`)).json());
    expect(served.related.map(({ link: _link, ...item }) => item)).toEqual(article.related);
    expect(served.url).toBeNull();
  });
});
