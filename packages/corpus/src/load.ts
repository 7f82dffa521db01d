import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { corpusDir } from './config.ts';

/** One SaudiNewsNet article, as the corpus gives it. */
export interface CorpusArticle {
  source: string;
  url: string;
  /** `YYYY-MM-DD hh:mm:ss`. */
  dateExtracted: string;
  title: string;
  author: string;
  /** Paragraphs, trimmed, blank ones left out. */
  paragraphs: string[];
}

interface RawArticle {
  source?: unknown;
  url?: unknown;
  date_extracted?: unknown;
  title?: unknown;
  author?: unknown;
  content?: unknown;
}

/** Reads every `*.zip` of the corpus folder, in file-name order. Articles without a title or text are left out. */
export function loadCorpus(dir: string = corpusDir()): CorpusArticle[] {
  if (!existsSync(dir)) {
    throw new Error(`SaudiNewsNet corpus not found at ${dir} (set KHABAR_CORPUS_DIR)`);
  }
  const articles: CorpusArticle[] = [];
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.zip'))
    .sort()) {
    const entries = unzipSync(readFileSync(join(dir, name)));
    for (const [entryName, bytes] of Object.entries(entries)) {
      if (!entryName.endsWith('.json')) continue;
      const raw = JSON.parse(strFromU8(bytes)) as RawArticle[];
      for (const item of raw) {
        const article = toArticle(item);
        if (article) articles.push(article);
      }
    }
  }
  return articles;
}

function toArticle(item: RawArticle): CorpusArticle | null {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const title = text(item.title).replace(/\s+/g, ' ');
  const paragraphs = text(item.content)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
  if (title.length === 0 || paragraphs.length === 0) return null;
  return {
    source: text(item.source),
    url: text(item.url),
    dateExtracted: text(item.date_extracted),
    title,
    author: text(item.author).replace(/\s+/g, ' '),
    paragraphs,
  };
}
