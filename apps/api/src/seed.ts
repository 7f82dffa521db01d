import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '@khabar/parser';
import type { Article } from '@khabar/schema';
import type { ArticleStore } from '@khabar/store';

/** The repository's `seeds/` folder. */
export const seedsDir = fileURLToPath(new URL('../../../seeds/', import.meta.url));

export interface SeedReport {
  /** Articles stored. */
  added: number;
  /** Seed files the parser could not read, with its reason. */
  failed: { file: string; message: string }[];
}

/** Parses and stores every `*.txt` of `dir` when the store holds no article; does nothing otherwise. */
export async function seedIfEmpty(store: ArticleStore, dir: string = seedsDir): Promise<SeedReport> {
  if ((await store.stats()).articles > 0) return { added: 0, failed: [] };
  const files = (await readdir(dir)).filter((file) => file.endsWith('.txt')).sort();
  const articles: Article[] = [];
  const failed: SeedReport['failed'] = [];
  for (const file of files) {
    const result = parseArticle(await readFile(join(dir, file), 'utf8'));
    if (result.ok) articles.push(result.article);
    else failed.push({ file, message: result.error.message });
  }
  const { outcomes } = await store.upsertMany(articles);
  return { added: outcomes.filter((outcome) => outcome.status === 'added').length, failed };
}
