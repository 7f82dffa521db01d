import type { SearchQuery } from '@khabar/store';
import { expect, it } from 'vitest';
import { parsed } from '../test/documents.ts';
import { bearer, describeEachStore } from '../test/harness.ts';
import { replacing } from '../test/replacing.ts';

const note = `ملاحظة قصيرة عن حركة الموانئ في الخليج هذا الأسبوع
تاريخ النشر: 2030-01-01
سجلت الموانئ حركة نشطة هذا الأسبوع مع وصول عدد كبير من سفن الحاويات إلى الأرصفة.
كلمات دلالية: الموانئ
`;

describeEachStore('listing cache', (harness) => {
  /** An app over the real store that counts searches and lists, on a clock the test moves. */
  function counted(env: Record<string, string> = {}) {
    const { store } = harness();
    const calls = { search: 0, list: 0 };
    let now = 1_000_000;
    const searching = replacing(store, 'searchJson', (query: SearchQuery) => {
      calls.search += 1;
      return store.searchJson(query);
    });
    const listing = replacing(searching, 'list', (query) => {
      calls.list += 1;
      return store.list(query);
    });
    const app = harness().appWith(env, { store: listing, now: () => now });
    return { app, calls, advance: (ms: number) => (now += ms) };
  }

  it('answers a repeated listing from memory, with the same body and ETag, until it expires', async () => {
    const { app, calls, advance } = counted({ KHABAR_API_CACHE_TTL_S: '10' });
    const first = await app.request('/v1/search?q=النفط');
    const second = await app.request('/v1/search?q=النفط');
    expect(calls.search).toBe(1);
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    const revalidated = await app.request('/v1/search?q=النفط', {
      headers: { 'If-None-Match': first.headers.get('etag') ?? '' },
    });
    expect(revalidated.status).toBe(304);
    expect(calls.search).toBe(1);

    await app.request('/v1/search?q=الذهب');
    expect(calls.search).toBe(2);
    advance(10_001);
    await app.request('/v1/search?q=النفط');
    expect(calls.search).toBe(3);
  });

  it('keys an answer by path and query, whatever host the request names', async () => {
    const { app, calls } = counted({ KHABAR_API_CACHE_TTL_S: '10' });
    await app.request('http://one.example/v1/search?q=النفط');
    await app.request('http://two.example/v1/search?q=النفط');
    expect(calls.search).toBe(1);
  });

  // Before the tests that write: SQLite reports its writer thread's commits again a moment later.
  it('reuses an article answer too, until a write through the API', async () => {
    const { store } = harness();
    let gets = 0;
    const counting = replacing(store, 'get', (idOrSlug: string) => {
      gets += 1;
      return store.get(idOrSlug);
    });
    const app = harness().appWith({}, { store: counting });
    const id = harness().fixtures['football-final']?.id;
    await app.request(`/v1/articles/${id}`);
    await app.request(`/v1/articles/${id}`);
    expect(gets).toBe(1);
    await app.request(`/v1/articles/${id}`, { method: 'DELETE', headers: bearer() });
    expect((await app.request(`/v1/articles/${id}`)).status).toBe(404);
    const football = harness().fixtures['football-final'];
    if (football) await store.upsert(football);
  });

  it('forgets every listing when an article is written through the API', async () => {
    const { app, calls } = counted({ KHABAR_API_CACHE_TTL_S: '60' });
    const before = await (await app.request('/v1/articles?limit=1')).json();
    const posted = await app.request('/v1/articles', {
      method: 'POST',
      body: note,
      headers: { 'Content-Type': 'text/plain', ...bearer() },
    });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };
    const after = (await (await app.request('/v1/articles?limit=1')).json()) as { items: { id: string }[] };
    expect(calls.list).toBe(2);
    expect(after.items[0]?.id).toBe(id);
    expect(after).not.toEqual(before);
    await app.request(`/v1/articles/${id}`, { method: 'DELETE', headers: bearer() });
    const restored = await (await app.request('/v1/articles?limit=1')).json();
    expect(restored).toEqual(before);
  });

  it('is off at KHABAR_API_CACHE_TTL_S=0 and never keeps problems', async () => {
    const off = counted({ KHABAR_API_CACHE_TTL_S: '0' });
    await off.app.request('/v1/articles?limit=2');
    await off.app.request('/v1/articles?limit=2');
    expect(off.calls.list).toBe(2);

    const on = counted();
    expect((await on.app.request('/v1/articles?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    expect((await on.app.request('/v1/articles?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    expect(on.calls.list).toBe(2);
  });

  /** Asks `path` of `app` until `done` holds for its JSON or status, for at most `ms`; the last answer. */
  async function until(
    app: { request(path: string): Response | Promise<Response> },
    path: string,
    done: (status: number, body: unknown) => boolean,
    ms = 3000,
  ) {
    const deadline = Date.now() + ms;
    for (;;) {
      const response = await app.request(path);
      const body: unknown = response.status === 200 ? await response.json() : null;
      if (done(response.status, body) || Date.now() > deadline) return { status: response.status, body };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const firstId = (body: unknown) => (body as { items: { id: string }[] } | null)?.items[0]?.id;

  it('forgets answers when another process writes to the same database', async () => {
    const app = harness().appWith({ KHABAR_API_CACHE_TTL_S: '600' });
    const article = parsed(note);
    const before = firstId(await (await app.request('/v1/articles?limit=1')).json());
    expect(before).not.toBe(article.id);
    expect((await app.request(`/v1/articles/${article.id}`)).status).toBe(404);
    const other = await harness().openAnother();

    await other.upsert(article);
    const listed = await until(app, '/v1/articles?limit=1', (_, body) => firstId(body) === article.id);
    expect(firstId(listed.body)).toBe(article.id);
    expect((await app.request(`/v1/articles/${article.id}`)).status).toBe(200);

    await other.delete(article.id);
    const gone = await until(app, `/v1/articles/${article.id}`, (status) => status === 404);
    expect(gone.status).toBe(404);
    const relisted = await until(app, '/v1/articles?limit=1', (_, body) => firstId(body) === before);
    expect(firstId(relisted.body)).toBe(before);
  });

  it('does not keep an answer that was being read while a write went through', async () => {
    const { store } = harness();
    let lists = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = replacing(store, 'list', async (query) => {
      lists += 1;
      if (lists === 1) await gate;
      return store.list(query);
    });
    const app = harness().appWith({ KHABAR_API_CACHE_TTL_S: '600' }, { store: slow });
    const reading = app.request('/v1/articles?limit=1');
    while (lists === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const article = parsed(note);
    await store.upsert(article);
    const control = harness().appWith({ KHABAR_API_CACHE_TTL_S: '600' });
    await until(control, '/v1/articles?limit=1', (_, body) => firstId(body) === article.id);
    release();
    expect((await reading).status).toBe(200);
    const after = await (await app.request('/v1/articles?limit=1')).json();
    expect(lists).toBe(2);
    expect(firstId(after)).toBe(article.id);
    await store.delete(article.id);
  });

  it('stops following the store once its signal is aborted', async () => {
    const { store } = harness();
    const stopping = new AbortController();
    const stopped = harness().appWith({ KHABAR_API_CACHE_TTL_S: '600' }, { signal: stopping.signal });
    const following = harness().appWith({ KHABAR_API_CACHE_TTL_S: '600' });
    const before = firstId(await (await stopped.request('/v1/articles?limit=1')).json());
    await following.request('/v1/articles?limit=1');
    stopping.abort();
    const article = parsed(note);
    await store.upsert(article);
    const seen = await until(following, '/v1/articles?limit=1', (_, body) => firstId(body) === article.id);
    expect(firstId(seen.body)).toBe(article.id);
    expect(firstId(await (await stopped.request('/v1/articles?limit=1')).json())).toBe(before);
    await store.delete(article.id);
  });
});
