// One body stored again and again: a source that repeats a text (a notice, a boilerplate page) makes
// one story of every copy. Prints how long each batch of copies takes to store, then one more copy,
// and deleting the earliest two, on a new SQLite store: the cost of story upkeep as a story grows.
// `--copies N` (default 3000), `--batch N` (default 500).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSqliteStore } from '../src/index.ts';
import { HOSPITAL } from '../src/stories/test-articles.ts';
import { buildArticle } from '../test/build-article.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { copies: { type: 'string', default: '3000' }, batch: { type: 'string', default: '500' } },
});
const copies = Number(values.copies);
const batch = Number(values.batch);
const folder = mkdtempSync(join(tmpdir(), 'khabar-story-copies-'));
const store = await createSqliteStore(join(folder, 'khabar.db'));
try {
  const articles = Array.from({ length: copies + 1 }, (_, index) =>
    buildArticle({ title: `نسخة رقم ${index}`, publishedAt: '2024-03-01T08:00:00', body: HOSPITAL }),
  );
  const milliseconds = async (work: () => Promise<unknown>) => {
    const begin = performance.now();
    await work();
    return Math.round(performance.now() - begin);
  };
  const batches: number[] = [];
  for (let start = 0; start < copies; start += batch) {
    batches.push(
      await milliseconds(() => store.upsertMany(articles.slice(start, Math.min(copies, start + batch)))),
    );
  }
  console.log(`${copies} copies of one body, ${batch} to a batch: ${batches.join(', ')} ms a batch`);
  console.log(
    `one more copy: ${await milliseconds(() => store.upsert(articles[copies] as (typeof articles)[number]))} ms`,
  );
  for (const index of [0, 1]) {
    const id = (articles[index] as (typeof articles)[number]).id;
    console.log(`deleting copy ${index}: ${await milliseconds(() => store.delete(id))} ms`);
  }
  const sizes = (await store.storyClusters()).map((cluster) => cluster.articles.length);
  console.log(`stories of two or more: ${sizes.length} (sizes ${sizes.join(', ')})`);
} finally {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
}
