import { createHash } from 'node:crypto';
import { Slug } from '@khabar/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleId, sha256, slugify } from './identity.ts';

describe('sha256', () => {
  const reference = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

  it('hashes a text as its UTF-8 bytes, lone surrogates as U+FFFD, at every length', () => {
    // Arabic, Latin, an emoji's surrogate pair and lone halves of one, in texts short and long.
    const unit = fc.constantFrom('ب', 'ة', 'a', ' ', '\n', '😀', '\uD83D', '\uDE00', '€');
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit }), fc.string({ unit, minLength: 250, maxLength: 1200 })),
        (text) => {
          expect(sha256(text)).toBe(reference(text));
          expect(sha256(text)).toBe(reference(Buffer.from(text)));
        },
      ),
      { numRuns: 300 },
    );
    const long = 'خبر عاجل 😀 '.repeat(300_000);
    for (const text of [long, `${long}\uD800`, long.slice(0, 70_000), 'ب'.repeat(256)]) {
      expect(sha256(text)).toBe(reference(text));
    }
  });

  it('hashes bytes as they are', () => {
    const bytes = new Uint8Array([0xd8, 0xa8, 0xff, 0x00]);
    expect(sha256(bytes)).toBe(reference(bytes));
  });
});

describe('articleId', () => {
  const title = 'بعد مغادرة كيم أون.. وزير الخارجية الصيني يزور روسيا';

  it('is 16 hex digits, stable across spelling, vowelling, spacing and time of day', () => {
    const id = articleId(title, '2023-09-18T00:00:00Z');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(articleId('بعد مغادرة كيم اون.. وزيرُ الخارجية  الصيني يزور روسيا', '2023-09-18T10:30:00')).toBe(
      id,
    );
  });

  it('changes with the title or the day', () => {
    const id = articleId(title, '2023-09-18T00:00:00Z');
    expect(articleId(title, '2023-09-19T00:00:00Z')).not.toBe(id);
    expect(articleId(title, null)).not.toBe(id);
    expect(articleId('عنوان آخر', '2023-09-18T00:00:00Z')).not.toBe(id);
  });
});

describe('slugify', () => {
  it('joins up to eight title words and the id prefix', () => {
    expect(slugify('بعد مغادرة كيم أون.. وزير الخارجية الصيني يزور روسيا', '3550aa4e72b1eb07')).toBe(
      'بعد-مغادرة-كيم-أون-وزير-الخارجية-الصيني-يزور-3550aa',
    );
  });

  it('drops harakat, tatweel and punctuation, and always satisfies the schema', () => {
    expect(slugify('«الاقتصـــاد» يَنمو 3%!', 'abcdef0123456789')).toBe('الاقتصاد-ينمو-3-abcdef');
    for (const title of ['؟؟', 'ـــ', 'a'.repeat(500), '𝔸𝔹 كلمة', `${'كلمة '.repeat(3)}${'ب'.repeat(300)}`]) {
      expect(Slug.safeParse(slugify(title, 'abcdef0123456789')).success).toBe(true);
    }
  });
});
