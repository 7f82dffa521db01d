import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyShadow, rowFingerprint } from '../stored-row.ts';
import { COMMON_SHINGLES } from './common-shingles.ts';
import { fingerprintOf, storyFingerprint } from './fingerprint.ts';
import {
  BAND_COUNT,
  MAX_BODY_CHARACTERS,
  MAX_SHINGLES,
  MIN_STORY_SHINGLES,
  SHINGLE_WORDS,
  SIGNATURE_LENGTH,
} from './parameters.ts';
import { bodySentences, shadowLines, splitSentences } from './sentences.ts';
import { sketchHash } from './sketch-hash.ts';
import { HOSPITAL, MATCH } from './test-articles.ts';

const FIVE_MB = 5 * 2 ** 20;

/** `count` distinct words, so that every shingle of the text is new. */
function distinctWords(count: number): string {
  return Array.from({ length: count }, (_, index) => `w${index.toString(36)}`).join(' ');
}

describe('storyFingerprint', () => {
  it('gives the same fingerprint for the same body, and band keys distinct per band', () => {
    const first = storyFingerprint(HOSPITAL);
    const second = storyFingerprint([...HOSPITAL]);
    expect(second).toEqual(first);
    expect(first.signature).toHaveLength(SIGNATURE_LENGTH);
    expect(first.bandKeys).toHaveLength(BAND_COUNT);
    expect(new Set(first.bandKeys.map((key) => Math.floor(key / 2 ** 32))).size).toBe(BAND_COUNT);
    expect(first.bandKeys.every(Number.isSafeInteger)).toBe(true);
  });

  it('keeps the shingles of reordered paragraphs, so their signatures match', () => {
    const reordered = storyFingerprint([...HOSPITAL].reverse());
    const original = storyFingerprint(HOSPITAL);
    expect(reordered.sketch.shingles).toEqual(original.sketch.shingles);
    expect(reordered.bandKeys).toEqual(original.bandKeys);
  });

  it('shares band keys between a story and its trimmed copy, and few with another story', () => {
    const keys = new Set(storyFingerprint(HOSPITAL).bandKeys);
    const shared = (body: string[]) => storyFingerprint(body).bandKeys.filter((key) => keys.has(key)).length;
    expect(shared(HOSPITAL.slice(0, 4))).toBeGreaterThan(shared(MATCH));
    expect(shared(MATCH)).toBeLessThan(BAND_COUNT / 8);
  });

  it('leaves common shingles out of the sketch, so that boilerplate alone never makes a candidate', () => {
    expect(storyFingerprint(['خادم الحرمين الشريفين']).sketch.shingles).toHaveLength(0);
    expect(storyFingerprint(['مستشفى الحرمين الجديد']).sketch.shingles).toHaveLength(1);
    // A sentence of one content word is one shingle of one word, and a common one too.
    expect(storyFingerprint(['المزيد.']).sketch.shingles).toHaveLength(0);
    expect(storyFingerprint(['تبوك.']).sketch.shingles).toHaveLength(1);
    // Twenty-three shingles, nearly all of them parts of honorifics and titles.
    const titles = [
      'صاحب السمو الملكي الأمير محمد بن سلمان بن عبدالعزيز ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع.',
      'خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود.',
    ];
    const { sketch, work, bandKeys: keys } = storyFingerprint(titles);
    expect(work.shingles).toBeGreaterThan(MIN_STORY_SHINGLES);
    expect(sketch.shingles.length).toBeLessThan(MIN_STORY_SHINGLES);
    expect(keys).toEqual([]);
  });

  it('reads the common shingles as one to SHINGLE_WORDS search terms a line, each once', () => {
    const lines = COMMON_SHINGLES.split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(1000);
    expect(new Set(lines).size).toBe(lines.length);
    for (const line of lines) {
      const words = line.split(' ');
      expect(words.length).toBeGreaterThanOrEqual(1);
      expect(words.length).toBeLessThanOrEqual(SHINGLE_WORDS);
      expect(words.every((word) => /^[\p{L}\p{N}]+$/u.test(word))).toBe(true);
    }
  });

  it('leaves empty and one-word bodies without band keys, so they never become candidates', () => {
    for (const body of [[], [''], ['   '], ['خبر'], ['...']]) {
      const fingerprint = storyFingerprint(body);
      expect(fingerprint.bandKeys).toEqual([]);
      expect(fingerprint.sketch.sentenceEnds).toHaveLength(0);
      expect(fingerprint.work.minHashSteps).toBe(0);
    }
  });

  it('reads at most a bounded part of a 5 MB body, however it is made', () => {
    const bodies = [
      ['كلمة '.repeat(FIVE_MB / 5)],
      [distinctWords(FIVE_MB / 7)],
      Array.from({ length: FIVE_MB / 64 }, (_, index) => `${distinctWords(6)} ${index}.`.padEnd(64, ' ')),
      ['ب'.repeat(FIVE_MB)],
      ['.'.repeat(FIVE_MB)],
    ];
    for (const body of bodies) {
      const { sketch, work, bandKeys } = storyFingerprint(body);
      expect(work.characters).toBeLessThanOrEqual(MAX_BODY_CHARACTERS);
      expect(work.shingles).toBeLessThanOrEqual(MAX_SHINGLES);
      expect(sketch.shingles.length).toBeLessThanOrEqual(MAX_SHINGLES);
      expect(work.minHashSteps).toBeLessThanOrEqual(MAX_SHINGLES + SIGNATURE_LENGTH);
      expect(bandKeys.length === 0 || bandKeys.length === BAND_COUNT).toBe(true);
    }
    const manyWords = storyFingerprint([distinctWords(FIVE_MB / 7)]);
    expect(manyWords.sketch.shingles.length).toBeGreaterThan(MAX_SHINGLES / 2);
    expect(manyWords.sketch.sentenceEnds.length).toBeGreaterThan(1);
  });
});

describe('bodySentences', () => {
  it('reads a body once for both the fingerprint and the search text', () => {
    const bodies = [HOSPITAL, MATCH, ['', 'سعر النفط 3.5 دولار. ارتفع اليوم!', '...'], ['ﷺ قال: نعم؟ لا']];
    for (const body of bodies) {
      const read = bodySentences(body);
      expect(read.complete).toBe(true);
      expect(shadowLines(read).join('\n')).toBe(bodyShadow(body));
      expect(fingerprintOf(read)).toEqual(storyFingerprint(body));
    }
  });

  it('gives a row the fingerprint of its body in one buffer', () => {
    for (const body of [HOSPITAL, MATCH, [], ['قصير']]) {
      const row = rowFingerprint(bodySentences(body));
      const { sketch, bandKeys } = storyFingerprint(body);
      expect([...row.bands]).toEqual(bandKeys);
      expect(row.sketch).toEqual(sketch);
      expect(row.hash).toBe(sketchHash(sketch));
      const { shingles, sentenceEnds, sentenceShingles } = row.sketch;
      for (const array of [shingles, sentenceEnds, sentenceShingles])
        expect(array.buffer).toBe(row.bands.buffer);
      // Each view's values and no more: a copy of the sketch's arrays gives the same hash.
      const copied = {
        shingles: shingles.slice(),
        sentenceEnds: sentenceEnds.slice(),
        sentenceShingles: sentenceShingles.slice(),
      };
      expect(sketchHash(copied)).toBe(row.hash);
    }
  });

  it('splits sentences at their punctuation, not at a dot inside a number', () => {
    const read = bodySentences(['ارتفع السعر إلى 3.5 دولار. وتراجع الطلب؟ نعم', 'فقرة ثانية']);
    expect(read.sentences).toHaveLength(4);
    expect(read.paragraphOf).toEqual([0, 0, 0, 1]);
  });

  it('splits a text where a split on the blank space after a sentence mark would', () => {
    const pieces = [
      '.',
      '!',
      '?',
      '\u061F',
      '\u061B',
      '\u2026',
      ' ',
      '\n',
      '\t',
      '\u00a0',
      '\u2003',
      '\u3000',
      'ا',
      'b',
      '3',
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (sample) => {
        expect(splitSentences(sample)).toEqual(sample.split(/(?<=[.!?\u061F\u061B\u2026])\s+/u));
      }),
      { numRuns: 3000 },
    );
  });

  it('says when a body was too long to read whole', () => {
    const read = bodySentences(['كلمة '.repeat(FIVE_MB / 5)]);
    expect(read.complete).toBe(false);
    expect(read.characters).toBe(MAX_BODY_CHARACTERS);
  });
});

describe('sketchHash', () => {
  it('is the same for the same sketch, made again from the same body', () => {
    for (const body of [HOSPITAL, [], [distinctWords(20_000)]]) {
      expect(sketchHash(storyFingerprint(body).sketch)).toBe(sketchHash(storyFingerprint([...body]).sketch));
      expect(Number.isSafeInteger(sketchHash(storyFingerprint(body).sketch))).toBe(true);
    }
  });

  it('differs when a shingle or a sentence of the sketch differs', () => {
    const { sketch } = storyFingerprint(HOSPITAL);
    const hash = sketchHash(sketch);
    const shingles = sketch.shingles.slice();
    shingles[0] = (shingles[0] as number) + 1;
    expect(sketchHash({ ...sketch, shingles })).not.toBe(hash);
    const sentenceShingles = sketch.sentenceShingles.slice();
    [sentenceShingles[0], sentenceShingles[1]] = [
      sentenceShingles[1] as number,
      sentenceShingles[0] as number,
    ];
    expect(sketchHash({ ...sketch, sentenceShingles })).not.toBe(hash);
    expect(sketchHash({ ...sketch, sentenceEnds: sketch.sentenceEnds.slice(1) })).not.toBe(hash);
    expect(sketchHash(storyFingerprint(HOSPITAL.slice(1)).sketch)).not.toBe(hash);
  });
});
