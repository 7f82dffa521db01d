import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kindOfName, readDocument } from '@khabar/parser';
import type { Article } from '@khabar/schema';
import type { ArticleStore } from '@khabar/store';

/** The repository's `seeds/` folder. */
export const seedsDir = fileURLToPath(new URL('../../../seeds/', import.meta.url));

export interface SeedReport {
  /** Articles stored. */
  added: number;
  /** Seed documents that gave no article, with the reason. */
  failed: { file: string; message: string }[];
}

/**
 * Reads every document of `dir` (pages, text dumps, JSON articles; not archives) through the intake and
 * stores the articles, when the store holds none; does nothing otherwise.
 */
export async function seedIfEmpty(store: ArticleStore, dir: string = seedsDir): Promise<SeedReport> {
  if ((await store.stats()).articles > 0) return { added: 0, failed: [] };
  const files = (await readdir(dir))
    .filter((file) => {
      const kind = kindOfName(file);
      return kind !== null && kind !== 'archive';
    })
    .sort();
  const articles: Article[] = [];
  const failed: SeedReport['failed'] = [];
  for (const file of files) {
    for (const result of readDocument({ content: await readFile(join(dir, file)), name: file })) {
      if (result.ok) articles.push(result.article);
      else failed.push({ file: result.source, message: result.error.message });
    }
  }
  const { outcomes } = await store.upsertMany(articles);
  return { added: outcomes.filter((outcome) => outcome.status === 'added').length, failed };
}
