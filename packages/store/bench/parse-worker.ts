// Parses the chunks of documents it is sent, on its own thread, as `khabar ingest` does.
import { parentPort } from 'node:worker_threads';
import { parseArticle } from '@khabar/parser';
import type { Article } from '@khabar/schema';

parentPort?.on('message', ({ index, texts }: { index: number; texts: string[] }) => {
  const articles: Article[] = [];
  for (const text of texts) {
    const result = parseArticle(text);
    if (result.ok) articles.push(result.article);
  }
  parentPort?.postMessage({ index, articles });
});
