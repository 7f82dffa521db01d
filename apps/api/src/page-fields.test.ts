import { Article, Problem } from '@khabar/schema';
import { expect, it } from 'vitest';
import { parsed } from '../test/documents.ts';
import { bearer, describeEachStore } from '../test/harness.ts';

const document = `مهرجان التمور يستقبل زواره في بريدة
تاريخ النشر: 2024-08-20
افتتح مهرجان التمور في بريدة أبوابه أمس بمشاركة مئات المزارعين من مختلف مناطق المملكة.
ويستمر المهرجان ثلاثة أسابيع تعرض فيها أصناف التمور ومنتجاتها.
المصدر: صحيفة القصيم
`;

const page = {
  url: 'https://news.example.com/2024/08/20/dates-festival',
  siteName: 'صحيفة القصيم',
  description: 'مهرجان التمور في بريدة يفتح أبوابه بمشاركة مئات المزارعين.',
  image: { url: 'https://cdn.example.com/dates-festival.jpg', caption: 'سلال التمور في ساحة المهرجان' },
};

const jsonPost = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...bearer() },
});

interface SchemaObject {
  required?: string[];
  properties: Record<string, { default?: unknown; description?: string }>;
}

describeEachStore('page fields of an article', (harness) => {
  const request = (path: string, init?: RequestInit) => harness().app.request(path, init);

  it('GET /v1/articles/{id} gives back the URL, site name, summary and lead image stored', async () => {
    const article = { ...parsed(document), ...page };
    expect((await harness().store.upsert(article)).status).toBe('added');
    const response = await request(`/v1/articles/${article.id}`);
    expect(response.status).toBe(200);
    const served = (await response.json()) as Record<string, unknown>;
    expect(served).toMatchObject(page);
    expect(Article.parse(served)).toMatchObject({ id: article.id, ...page });
  });

  it('stores an article sent without the page fields, and serves them as null', async () => {
    const {
      url: _url,
      siteName: _siteName,
      description: _description,
      image: _image,
      ...older
    } = {
      ...parsed(document),
      id: 'f0e1d2c3b4a59687',
      slug: 'مقال-قديم-f0e1d2',
      title: 'مقال بصيغة قديمة',
    };
    expect((await request('/v1/articles', jsonPost(older))).status).toBe(201);
    const served = (await (await request('/v1/articles/f0e1d2c3b4a59687')).json()) as Record<string, unknown>;
    expect(served).toMatchObject({ url: null, siteName: null, description: null, image: null });
  });

  it('refuses an article whose URL or image URL is not http(s)', async () => {
    for (const hostile of [
      { url: 'javascript:alert(1)' },
      { image: { url: 'data:image/svg+xml,<svg onload=alert(1)>', caption: null } },
    ]) {
      const response = await request('/v1/articles', jsonPost({ ...parsed(document), ...hostile }));
      expect(response.status).toBe(400);
      const problem = Problem.parse(await response.json());
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors?.[0]?.path).toMatch(/^body\.(url|image\.url)$/);
    }
  });

  it('/openapi.json documents them: always in a served article, optional in one sent', async () => {
    const doc = (await (await request('/openapi.json')).json()) as {
      components: { schemas: Record<string, SchemaObject> };
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: unknown }> } } }>;
    };
    const { Article: served, ArticleInput: sent } = doc.components.schemas;
    for (const field of ['url', 'siteName', 'description', 'image']) {
      expect(served?.required, field).toContain(field);
      expect(served?.properties[field]?.description, field).toBeTruthy();
      expect(sent?.required, field).not.toContain(field);
      expect(sent?.properties[field]?.default, field).toBeNull();
    }
    expect(doc.paths['/v1/articles']?.post?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/ArticleInput',
    });
  });
});
