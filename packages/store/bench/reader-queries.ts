import { seededRandom } from '@khabar/devkit';
import type { Article } from '@khabar/schema';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const HARAKAT = ['\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u064B'];
const ALEFS = ['ا', 'أ', 'إ'];
// Words that already carry the article or a preposition with it: a reader does not add another.
const PREFIXED = /^(ال|وال|بال|كال|فال|لل)/u;
const LETTERS = /^\p{L}+$/u;
// A word worth typing has a letter or digit beyond tatweel and harakat.
const MEANINGFUL = /[\p{L}\p{N}]/u;

export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** 1 to 4 consecutive words of a title or a body paragraph, as written: a latency workload. */
export function latencyQueries(articles: readonly Article[], count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const queries: string[] = [];
  while (queries.length < count) {
    const article = articles[Math.floor(random() * articles.length)] as Article;
    const source =
      random() < 0.5
        ? article.title
        : (article.body[Math.floor(random() * article.body.length)] ?? article.title);
    const words = wordsOf(source);
    if (words.length === 0) continue;
    const length = Math.min(words.length, 1 + Math.floor(random() * 4));
    const start = Math.floor(random() * (words.length - length + 1));
    queries.push(words.slice(start, start + length).join(' '));
  }
  return queries;
}

/** One known-item query: the article it was written from and what the reader typed. */
export interface KnownItemQuery {
  article: Article;
  query: string;
}

/**
 * For `count` random articles, 2 to 5 of their title words in title order, each maybe respelled as a
 * reader might: harakat added or dropped, أ/إ/ا swapped, ة/ه and ى/ي swapped at the end, ال or و
 * added or removed.
 */
export function knownItemQueries(
  articles: readonly Article[],
  count: number,
  seed: number,
): KnownItemQuery[] {
  const random = seededRandom(seed);
  const chance = (probability: number) => random() < probability;
  const queries: KnownItemQuery[] = [];
  const used = new Set<string>();
  while (queries.length < count && used.size < articles.length) {
    const article = articles[Math.floor(random() * articles.length)] as Article;
    if (used.has(article.id)) continue;
    used.add(article.id);
    const words = wordsOf(article.title).filter((word) =>
      MEANINGFUL.test(word.replace(/[\u0640\u064B-\u0652]/gu, '')),
    );
    if (words.length < 2) continue;
    const length = Math.min(words.length, 2 + Math.floor(random() * 4));
    const picked = new Set<number>();
    while (picked.size < length) picked.add(Math.floor(random() * words.length));
    const query = [...picked]
      .sort((a, b) => a - b)
      .map((index) => respell(words[index] as string, chance, random))
      .join(' ');
    queries.push({ article, query });
  }
  return queries;
}

function respell(original: string, chance: (p: number) => boolean, random: () => number): string {
  let word = original;
  // Prefixes first, on the word as written: a reader adds or drops the article or "and".
  if (word.startsWith('وال') && word.length > 5 && chance(0.4)) word = word.slice(1);
  else if (word.startsWith('ال') && word.length > 4 && chance(0.25)) word = word.slice(2);
  else if (!PREFIXED.test(word) && LETTERS.test(word) && word.length >= 3 && chance(0.15)) word = `ال${word}`;
  if (!word.startsWith('و') && LETTERS.test(word) && chance(0.1)) word = `و${word}`;
  // Then spelling: hamza on alef, final taa marbuta and alef maqsura, harakat.
  if (chance(0.3)) {
    word = word.replace(/[اأإآ]/gu, (alef) =>
      chance(0.5) ? (ALEFS[Math.floor(random() * 3)] as string) : alef,
    );
  }
  if (chance(0.3)) word = swapLast(word, 'ة', 'ه');
  if (chance(0.3)) word = swapLast(word, 'ى', 'ي');
  if (/[\u064B-\u0652]/u.test(word)) {
    if (chance(0.7)) word = word.replace(/[\u064B-\u0652]/gu, '');
  } else if (chance(0.15)) {
    const at = 1 + Math.floor(random() * Math.max(1, word.length - 1));
    word = `${word.slice(0, at)}${HARAKAT[Math.floor(random() * HARAKAT.length)]}${word.slice(at)}`;
  }
  return word;
}

function swapLast(word: string, one: string, other: string): string {
  if (word.endsWith(one)) return `${word.slice(0, -1)}${other}`;
  if (word.endsWith(other)) return `${word.slice(0, -1)}${one}`;
  return word;
}
