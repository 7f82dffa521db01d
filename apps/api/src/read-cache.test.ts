import type { SearchQuery } from '@khabar/store';
import { expect, it } from 'vitest';
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
    const searching = replacing(store, 'search', (query: SearchQuery) => {
      calls.search += 1;
      return store.search(query);
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
});
