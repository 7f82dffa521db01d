import { Slug } from '@khabar/schema';
import { describe, expect, it } from 'vitest';
import { articleId, slugify } from './identity.ts';

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
