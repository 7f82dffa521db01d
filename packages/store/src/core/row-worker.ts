// The thread that analyses the text of the articles a store is about to write: the shadow search text,
// the story fingerprint and the stored document of each, most of the cost of a write, made here while
// the store writes the batch before.
import { parentPort } from 'node:worker_threads';
import type { Article } from '@khabar/schema';
import { type ArticleRow, toRow } from '../stored-row.ts';

export interface RowRequest {
  id: number;
  articles: Article[];
  /** Whether the rows carry the story fingerprint. */
  stories: boolean;
}

export type RowReply = { id: number; rows: ArticleRow[] } | { id: number; error: string };

const port = parentPort;
port?.on('message', ({ id, articles, stories }: RowRequest) => {
  let reply: RowReply;
  try {
    reply = { id, rows: articles.map((article) => toRow(article, article.slug, 'document', stories)) };
  } catch (error) {
    reply = { id, error: (error as Error).message };
  }
  port.postMessage(reply);
});
