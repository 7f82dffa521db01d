import { hash } from 'node:crypto';
import { normalize } from '@khabar/arabic';
import { wordRuns } from './char-class.ts';
import { utf8Bytes } from './utf8.ts';

/** SHA-256 of a text (taken as UTF-8, a lone surrogate as U+FFFD) or of bytes, in lowercase hex. */
export function sha256(data: string | Uint8Array): string {
  return hash('sha256', typeof data === 'string' ? utf8Bytes(data) : data, 'hex');
}

const LOOSE_SPACE = /[^\S ]| {2}|^ | $/;

/**
 * The article id: 16 hex digits of SHA-256 over the normalized title and the publication date (day
 * only). A corrected spelling, vowelling or time of day keeps the id; another title or day changes it.
 */
export function articleId(title: string, publishedAt: string | null): string {
  const normalized = normalize(title);
  // Parsed titles are already single-spaced and trimmed; other callers' titles may not be.
  const key = LOOSE_SPACE.test(normalized) ? normalized.replace(/\s+/g, ' ').trim() : normalized;
  return sha256(`${key}\n${publishedAt === null ? '' : publishedAt.slice(0, 10)}`).slice(0, 16);
}

const SLUG_WORDS = 8;
const SLUG_MAX = 200;
const ID_SUFFIX = 6;
// Harakat, superscript alef and tatweel go; all other punctuation separates words.
const DECORATION = /[\u0640\u064B-\u0652\u0670]/g;

/** A readable URL segment: up to eight title words joined by `-`, then the first six digits of the id. */
export function slugify(title: string, id: string): string {
  const suffix = id.slice(0, ID_SUFFIX);
  const words = wordRuns(title.replace(DECORATION, '')).slice(0, SLUG_WORDS);
  const room = SLUG_MAX - suffix.length - 1;
  let head = '';
  for (const word of words) {
    const next = head.length === 0 ? word : `${head}-${word}`;
    if (next.length > room) {
      // A single very long word is cut on a code point boundary; later words are left out.
      if (head.length === 0)
        head = Array.from(word)
          .slice(0, Math.floor(room / 2))
          .join('');
      break;
    }
    head = next;
  }
  return head.length === 0 ? suffix : `${head}-${suffix}`;
}
