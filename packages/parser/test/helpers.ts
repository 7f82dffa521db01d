import { readdirSync, readFileSync } from 'node:fs';
import type { Article } from '@khabar/schema';

/** The fields a fixture fixes: what a reader of the article sees, without ids, hashes and spans. */
export function visibleFields(article: Article) {
  return {
    title: article.title,
    publishedAt: article.publishedAt,
    byline: article.byline,
    dateline: article.dateline,
    body: article.body,
    readAlso: article.readAlso,
    source: article.source,
    tags: article.tags,
    related: article.related,
  };
}

/** The warnings as code and line, the part a fixture fixes. */
export function warningLines(article: Article) {
  return article.warnings.map(({ code, line }) => ({ code, line }));
}

export const fixturesDir = new URL('./fixtures/', import.meta.url);
export const seedUrl = new URL('../../../seeds/000_eaf3ae8403d3c001.txt', import.meta.url);

export function readText(url: URL): string {
  return readFileSync(url, 'utf8');
}

export function readJson<T>(url: URL): T {
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** The variant fixtures: each `name.txt` with its `name.expected.json`. */
export function variantNames(): string[] {
  return readdirSync(new URL('variants/', fixturesDir))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => name.slice(0, -4))
    .sort();
}

/** Whether every non-blank input line overlaps a recorded span or has a warning. */
export function unaccountedLines(input: string, article: Article): number[] {
  const spans = Object.values(article.provenance.spans).flat();
  const warned = new Set(article.warnings.map((warning) => warning.line));
  const missing: number[] = [];
  let start = 0;
  let number = 0;
  for (const line of input.split(/\r\n|\r|\n/)) {
    number++;
    const end = start + line.length;
    const visible = [...line].some(isVisible);
    if (visible && !warned.has(number) && !spans.some((span) => span.start < end && span.end > start)) {
      missing.push(number);
    }
    start = end + (input.startsWith('\r\n', end) ? 2 : 1);
  }
  return missing;
}

const BLANK = /[\s\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

// Not whitespace, not an invisible control, not a C0 control or DEL: a character a reader would see.
function isVisible(char: string): boolean {
  const code = char.codePointAt(0) as number;
  return code > 32 && code !== 0x7f && !BLANK.test(char);
}
