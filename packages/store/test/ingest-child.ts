// Ingests generated articles batch by batch and prints each id once its batch has committed, so that a
// test can kill this process at any moment and know what the store promised to keep.
import { openStore } from '../src/index.ts';
import { generateArticles } from './generate-articles.ts';

const [location, schema, countText, batchText] = process.argv.slice(2);
if (location === undefined || schema === undefined || countText === undefined || batchText === undefined) {
  throw new Error('usage: ingest-child.ts <location> <schema|-> <count> <batch size>');
}
const articles = generateArticles(Number(countText), 7, 12);
const batchSize = Number(batchText);
const store = await openStore(location, schema === '-' ? {} : { schema });
for (let start = 0; start < articles.length; start += batchSize) {
  const { outcomes } = await store.upsertMany(articles.slice(start, start + batchSize));
  process.stdout.write(`${outcomes.map((outcome) => outcome.id).join('\n')}\n`);
}
await store.close();
process.stdout.write('done\n');
