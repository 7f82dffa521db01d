// Reading the development pages of ../shared/pages-dev at run time: the 181 pages of the English
// article-extraction benchmark (gzipped, each decoded by its own charset) and the Arabic pages.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeBytes } from '../src/intake/decode.ts';

/** `../shared/pages-dev` beside the repository. */
export const defaultPagesDir = fileURLToPath(new URL('../../../../shared/pages-dev/', import.meta.url));

export interface Page {
  id: string;
  html: string;
  bytes: number;
}

/** The English benchmark's pages, in the order of their file names. */
export function loadEnglishPages(pagesDir: string): Page[] {
  const dir = join(pagesDir, 'english-benchmark', 'html');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.html.gz'))
    .sort()
    .map((name) => {
      const raw = gunzipSync(readFileSync(join(dir, name)));
      return { id: name.slice(0, -'.html.gz'.length), html: decodeHtml(raw), bytes: raw.length };
    });
}

/** The Arabic pages, in the order of their file names. */
export function loadArabicPages(pagesDir: string): Page[] {
  const dir = join(pagesDir, 'arabic', 'html');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.html'))
    .sort()
    .map((name) => {
      const raw = readFileSync(join(dir, name));
      return { id: name, html: decodeHtml(raw), bytes: raw.length };
    });
}

/** Decodes a page as the intake does: its BOM, else the charset it declares, else UTF-8. */
export function decodeHtml(raw: Buffer): string {
  return decodeBytes(raw, null, true).text;
}
