import { Article, IngestOutcome, ParseOutcome, Problem } from '@khabar/schema';
import { expect, it } from 'vitest';
import { parsed } from '../test/documents.ts';
import { bearer, describeEachStore, otherKey } from '../test/harness.ts';

const bookFair = `افتتاح معرض الكتاب الدولي بمشاركة واسعة من دور النشر
تاريخ النشر: 2024-06-01
افتتح معرض الكتاب الدولي أبوابه أمس بمشاركة أكثر من ألف دار نشر من ثلاثين دولة عربية وأجنبية.
اقرأ أيضاً
وزارة الثقافة تطلق برنامجا جديدا لدعم الترجمة
ويتضمن برنامج المعرض ندوات فكرية وأمسيات شعرية وورش عمل للأطفال طوال أيامه العشرة.
المصدر: صحيفة الثقافة
كلمات دلالية: الثقافة معرض الكتاب
`;

const translation = `وزارة الثقافة تطلق برنامجا جديدا لدعم الترجمة
تاريخ النشر: 2024-05-28
أطلقت وزارة الثقافة برنامجا جديدا لدعم ترجمة الكتب من العربية وإليها بميزانية تغطي مئة عنوان في السنة.
وقالت الوزارة إن البرنامج يستهدف دور النشر والمترجمين المستقلين على حد سواء.
المصدر: صحيفة الثقافة
كلمات دلالية: الثقافة الترجمة
`;

const textPost = (body: string, headers: Record<string, string> = bearer()) => ({
  method: 'POST',
  body,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers },
});

const jsonPost = (body: unknown, headers: Record<string, string> = bearer()) => ({
  method: 'POST',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...headers },
});

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await response.json());
}

describeEachStore('POST /v1/articles and DELETE /v1/articles/{idOrSlug}', (harness) => {
  const request = (path: string, init?: RequestInit) => harness().app.request(path, init);

  it('needs a key: 401 with a challenge without one, 403 with a wrong one, and stores nothing', async () => {
    const missing = await request('/v1/articles', textPost(bookFair, {}));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="khabar"');
    expect((await problemOf(missing)).code).toBe('unauthorized');

    const notBearer = await request(
      '/v1/articles',
      textPost(bookFair, { Authorization: 'Basic Zm9vOmJhcg==' }),
    );
    expect(notBearer.status).toBe(401);

    const wrong = await request('/v1/articles', textPost(bookFair, bearer('not-the-key-0123456789')));
    expect(wrong.status).toBe(403);
    expect((await problemOf(wrong)).code).toBe('forbidden');
    expect(await harness().store.get(parsed(bookFair).id)).toBeNull();
  });

  it('stores a raw document: 201 with Location, then 200 unchanged, then 200 updated', async () => {
    const created = await request('/v1/articles', textPost(bookFair));
    expect(created.status).toBe(201);
    const outcome = IngestOutcome.parse(await created.json());
    expect(outcome).toEqual({ status: 'added', id: parsed(bookFair).id, slug: parsed(bookFair).slug });
    expect(created.headers.get('location')).toBe(`/v1/articles/${outcome.id}`);

    const again = await request('/v1/articles', textPost(bookFair, bearer(otherKey)));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ...outcome, status: 'unchanged' });

    const before = await request(`/v1/articles/${outcome.id}`);
    const corrected = bookFair.replace('أكثر من ألف دار نشر', 'أكثر من ألف ومئتي دار نشر');
    const updated = await request('/v1/articles', textPost(corrected));
    expect(updated.status).toBe(200);
    expect(await updated.json()).toEqual({ ...outcome, status: 'updated' });

    const after = await request(`/v1/articles/${outcome.id}`, {
      headers: { 'If-None-Match': before.headers.get('etag') ?? '' },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(Article.parse(await after.json()).body[0]).toContain('ألف ومئتي دار نشر');
  });

  it('links a read-also item once its article arrives, with a new ETag', async () => {
    await request('/v1/articles', textPost(bookFair));
    const id = parsed(bookFair).id;
    const unlinked = await request(`/v1/articles/${id}`);
    expect(Article.parse(await unlinked.json()).readAlso[0]?.link ?? null).toBeNull();

    expect((await request('/v1/articles', textPost(translation))).status).toBe(201);
    const linked = await request(`/v1/articles/${id}`, {
      headers: { 'If-None-Match': unlinked.headers.get('etag') ?? '' },
    });
    expect(linked.status).toBe(200);
    const { readAlso } = Article.parse(await linked.json());
    expect(readAlso[0]?.link).toEqual({ id: parsed(translation).id, slug: parsed(translation).slug });
  });

  it('stores a JSON article as given', async () => {
    const article = {
      ...parsed(translation),
      id: 'a1b2c3d4e5f60718',
      slug: 'مقال-مرسل-a1b2c3',
      title: 'مقال مرسل',
    };
    const created = await request('/v1/articles', jsonPost(article));
    expect(created.status).toBe(201);
    const stored = await request('/v1/articles/a1b2c3d4e5f60718');
    expect(Article.parse(await stored.json())).toMatchObject({ title: 'مقال مرسل', body: article.body });
    expect((await request('/v1/articles', jsonPost(article))).status).toBe(200);
  });

  it('stores a JSON article again when anything of it changed, its text or not', async () => {
    const article = {
      ...parsed(translation),
      id: 'b2c3d4e5f6071829',
      slug: 'مقال-يصحح-b2c3d4',
      title: 'مقال يصحح',
    };
    expect((await request('/v1/articles', jsonPost(article))).status).toBe(201);
    const statusOf = async (sent: unknown) =>
      ((await (await request('/v1/articles', jsonPost(sent))).json()) as { status: string }).status;
    expect(await statusOf(article)).toBe('unchanged');
    // The same provenance, another tag and URL: a correction of the metadata, kept.
    const retagged = { ...article, tags: [...article.tags, 'تصحيح'], url: 'https://example.com/corrected' };
    expect(await statusOf(retagged)).toBe('updated');
    const stored = Article.parse(await (await request(`/v1/articles/${article.id}`)).json());
    expect(stored.tags).toContain('تصحيح');
    expect(stored.url).toBe('https://example.com/corrected');
    // Another body under the old provenance is kept too.
    const rewritten = { ...retagged, body: ['نص آخر تماما لهذا المقال بعد التصحيح.'] };
    expect(await statusOf(rewritten)).toBe('updated');
    expect(Article.parse(await (await request(`/v1/articles/${article.id}`)).json()).body).toEqual(
      rewritten.body,
    );
    expect(await statusOf(rewritten)).toBe('unchanged');
  });

  it('rejects an invalid JSON article with the failing fields under body', async () => {
    const { title: _title, ...untitled } = parsed(translation);
    const response = await request('/v1/articles', jsonPost({ ...untitled, id: 'XYZ' }));
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((issue) => issue.path).sort()).toEqual(['body.id', 'body.title']);
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await request('/v1/articles', jsonPost('{"title": "بلا نهاية"'));
    expect(response.status).toBe(400);
    expect((await problemOf(response)).code).toBe('malformed_json');
  });

  it('answers 415 to another content type, 400 to no body, 422 to a text with no article', async () => {
    const xml = await request('/v1/articles', {
      method: 'POST',
      body: '<article/>',
      headers: { 'Content-Type': 'application/xml', ...bearer() },
    });
    expect(xml.status).toBe(415);
    expect((await problemOf(xml)).code).toBe('unsupported_media_type');

    const empty = await request('/v1/articles', { method: 'POST', headers: bearer() });
    expect(empty.status).toBe(400);
    expect((await problemOf(empty)).errors?.[0]?.path).toBe('body');

    const blank = await request('/v1/articles', textPost('   \n\n  \n'));
    expect(blank.status).toBe(422);
    const refused = await problemOf(blank);
    expect(refused.code).toBe('parse_failed');
    // The parser's own code, as a field a client can branch on, and in the code catalogue.
    expect(refused.parseError).toBe('whitespace_only');
    const entry = await request(`/problems/${refused.code}`);
    expect(((await entry.json()) as { hint: string }).hint).toMatch(/parseError/);
    const punctuation = await request('/v1/articles', textPost('... ---\n!!!'));
    expect((await problemOf(punctuation)).parseError).toBe('no_title');
  });

  it('deletes by id or slug with a key: 204, then 404; 401 without a key', async () => {
    await request('/v1/articles', textPost(translation));
    const { id, slug } = parsed(translation);
    expect((await request(`/v1/articles/${id}`, { method: 'DELETE' })).status).toBe(401);
    const deleted = await request(`/v1/articles/${encodeURIComponent(slug)}`, {
      method: 'DELETE',
      headers: bearer(),
    });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await request(`/v1/articles/${id}`)).status).toBe(404);
    const gone = await request(`/v1/articles/${id}`, { method: 'DELETE', headers: bearer() });
    expect(gone.status).toBe(404);
    expect((await problemOf(gone)).code).toBe('not_found');
  });
});

describeEachStore('POST /v1/parse', (harness) => {
  const request = (path: string, init?: RequestInit) => harness().app.request(path, init);

  it('answers the parsed article and its warnings, and stores nothing, without a key', async () => {
    const response = await request('/v1/parse', textPost(bookFair, {}));
    expect(response.status).toBe(200);
    const outcome = ParseOutcome.parse(await response.json());
    expect(outcome.article).toEqual(parsed(bookFair));
    expect(outcome.warnings).toEqual(outcome.article.warnings);
    expect(await harness().store.get(outcome.article.id)).toBeNull();
  });

  it('reports the lines it dropped as warnings', async () => {
    const withChrome = bookFair.replace('ويتضمن برنامج', 'مساحة إعلانية\nويتضمن برنامج');
    const outcome = ParseOutcome.parse(await (await request('/v1/parse', textPost(withChrome, {}))).json());
    expect(outcome.warnings.length).toBeGreaterThan(0);
    expect(outcome.warnings.every((warning) => warning.line === null || warning.line > 0)).toBe(true);
  });

  it('answers 415 to a body that is not text/plain and 422 to a text with no article', async () => {
    const json = await request('/v1/parse', jsonPost({ text: bookFair }, {}));
    expect(json.status).toBe(415);
    const blank = await request('/v1/parse', textPost('\n\n', {}));
    expect(blank.status).toBe(422);
    expect((await problemOf(blank)).detail).toMatch(/\S/);
  });

  it('answers 413 to a body over the limit, announced or streamed', async () => {
    const small = harness().appWith({ KHABAR_API_BODY_LIMIT: '1000' });
    const big = bookFair.repeat(10);
    const announced = await small.request('/v1/parse', {
      ...textPost(big, {}),
      headers: { 'Content-Type': 'text/plain', 'Content-Length': String(Buffer.byteLength(big)) },
    });
    expect(announced.status).toBe(413);
    expect((await problemOf(announced)).code).toBe('payload_too_large');

    const stream = new ReadableStream({
      start(controller) {
        for (let index = 0; index < 10; index += 1) controller.enqueue(new TextEncoder().encode(bookFair));
        controller.close();
      },
    });
    const streamed = await small.request('/v1/parse', {
      method: 'POST',
      body: stream,
      headers: { 'Content-Type': 'text/plain' },
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);

    const fits = await small.request('/v1/parse', textPost(bookFair.slice(0, 400), {}));
    expect(fits.status).not.toBe(413);
  });
});
