import { describe, expect, it } from 'vitest';
import { confirmStory } from './confirm.ts';
import { type StorySketch, storyFingerprint } from './fingerprint.ts';
import { BAND_COUNT, MAX_BODY_CHARACTERS, MAX_SHINGLES } from './parameters.ts';
import { HOSPITAL, HOSPITAL_REWRITE, MATCH, OTHER_HOSPITAL } from './test-articles.ts';

const sketch = (body: readonly string[]) => storyFingerprint(body).sketch;

// Two audiences the king gave on one day: the same protocol sentences, another visitor. Only the
// visitor's name tells them apart, so they are two stories.
const AUDIENCE = [
  'استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود في قصر السلام بجدة اليوم رئيس وزراء باكستان نواز شريف.',
  'وجرى خلال الاستقبال استعراض العلاقات الثنائية بين البلدين الشقيقين وآفاق التعاون بينهما في مختلف المجالات.',
  'حضر الاستقبال صاحب السمو الملكي الأمير محمد بن سلمان بن عبدالعزيز ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع.',
];
const OTHER_AUDIENCE = [
  'استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود في قصر السلام بجدة اليوم وزير الخارجية الفرنسي لوران فابيوس.',
  'وجرى خلال الاستقبال استعراض العلاقات الثنائية بين البلدين الصديقين وآفاق التعاون بينهما في مختلف المجالات إضافة إلى تطورات الأوضاع في المنطقة.',
  'حضر الاستقبال صاحب السمو الملكي الأمير محمد بن سلمان بن عبدالعزيز ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع.',
];

// Background an outlet adds to a story it runs: about the city, not the hospital.
const BACKGROUND = [
  'وتقع مدينة تبوك في شمال غرب المملكة ويبلغ عدد سكانها نحو ستمائة ألف نسمة وفق آخر تعداد رسمي للسكان.',
  'وشهدت المدينة خلال السنوات الماضية توسعا عمرانيا كبيرا شمل الطرق والمدارس والحدائق العامة على أطرافها.',
];

/** A sketch of `count` shingles (0, 1, 2, …) in sentences of ten, made by hand. */
function sketchOfRange(count: number): StorySketch {
  return {
    shingles: Uint32Array.from({ length: count }, (_, index) => index),
    sentenceEnds: Uint32Array.from({ length: count / 10 }, (_, index) => 10 * (index + 1)),
    sentenceShingles: Uint16Array.from({ length: count }, (_, index) => index),
  };
}

describe('confirmStory', () => {
  it('confirms a rewrite with other credits, a dropped sentence, reordered sentences and changed words', () => {
    const match = confirmStory(sketch(HOSPITAL), sketch(HOSPITAL_REWRITE));
    expect(match.confirmed).toBe(true);
    expect(match.appearing).toBeGreaterThan(match.sentences / 2);
  });

  it('confirms a body split into other paragraphs, and a trimmed one', () => {
    expect(confirmStory(sketch(HOSPITAL), sketch([HOSPITAL.join(' ')])).confirmed).toBe(true);
    expect(confirmStory(sketch(HOSPITAL), sketch(HOSPITAL.slice(0, 3))).confirmed).toBe(true);
  });

  it('confirms a rewrite that keeps half of the sentences and adds as many of its own, not one of two', () => {
    const withBackground = [HOSPITAL[0], HOSPITAL[2], ...BACKGROUND] as string[];
    const match = confirmStory(sketch(HOSPITAL), sketch(withBackground));
    expect(match).toMatchObject({ confirmed: true, sentences: 4, appearing: 2 });
    const oneOfTwo = [HOSPITAL[0], BACKGROUND[0]] as string[];
    expect(confirmStory(sketch(HOSPITAL), sketch(oneOfTwo))).toMatchObject({
      confirmed: false,
      sentences: 2,
      appearing: 1,
    });
  });

  it('confirms a copy whose one short sentence lost its match to a changed word', () => {
    const long = `${HOSPITAL[0]?.slice(0, -1)}، ${HOSPITAL[1]}`;
    const original = [long, 'وتبرع رجل أعمال بجهاز أشعة حديث للمستشفى.'];
    const copy = [long, 'وتبرع رجل أعمال بجهاز رنين حديث للمستشفى.'];
    const match = confirmStory(sketch(original), sketch(copy));
    expect(match).toMatchObject({ confirmed: true, sentences: 2, appearing: 1 });
    const shortOnly = confirmStory(sketch([HOSPITAL[0] as string, original[1] as string]), sketch(copy));
    expect(shortOnly.confirmed).toBe(false);
  });

  it('does not join two articles that share only their formulaic sentences', () => {
    expect(confirmStory(sketch(AUDIENCE), sketch(OTHER_AUDIENCE)).confirmed).toBe(false);
    const keys = new Set(storyFingerprint(AUDIENCE).bandKeys);
    const shared = storyFingerprint(OTHER_AUDIENCE).bandKeys.filter((key) => keys.has(key));
    expect(shared.length).toBeLessThan(BAND_COUNT / 8);
  });

  it('does not join two articles on one topic that tell different stories', () => {
    expect(confirmStory(sketch(HOSPITAL), sketch(OTHER_HOSPITAL)).confirmed).toBe(false);
    expect(confirmStory(sketch(HOSPITAL_REWRITE), sketch(OTHER_HOSPITAL)).confirmed).toBe(false);
    expect(confirmStory(sketch(HOSPITAL), sketch(MATCH)).confirmed).toBe(false);
  });

  it('does not join a story to a digest of many stories that holds it whole', () => {
    const digest = [...HOSPITAL.slice(0, 2), ...MATCH, ...OTHER_HOSPITAL];
    expect(confirmStory(sketch(HOSPITAL.slice(0, 2)), sketch(digest)).confirmed).toBe(false);
  });

  it('answers the same whichever article comes first', () => {
    const bodies = [
      HOSPITAL,
      HOSPITAL_REWRITE,
      OTHER_HOSPITAL,
      HOSPITAL.slice(1, 4),
      [...HOSPITAL, ...MATCH],
      [HOSPITAL[0], HOSPITAL[2], ...BACKGROUND] as string[],
      AUDIENCE,
      OTHER_AUDIENCE,
    ];
    for (const first of bodies) {
      for (const second of bodies) {
        const forward = confirmStory(sketch(first), sketch(second));
        const backward = confirmStory(sketch(second), sketch(first));
        expect(backward).toEqual(forward);
      }
    }
  });

  it('never joins bodies too short to tell, even identical ones', () => {
    for (const body of [[], [''], ['خبر'], ['تابعونا على حساباتنا في مواقع التواصل']]) {
      expect(confirmStory(sketch(body), sketch(body)).confirmed).toBe(false);
    }
  });

  it('works the same on sketches larger than its scratch space, in both directions', () => {
    const large = sketchOfRange(20_000);
    const half = sketchOfRange(10_000);
    expect(large.shingles.length).toBeGreaterThan(MAX_SHINGLES);
    const small = sketchOfRange(2000);
    const smallHalf = sketchOfRange(1000);
    const match = confirmStory(large, half);
    expect(match).toEqual(confirmStory(half, large));
    expect(match.confirmed).toBe(true);
    expect(match.appearing).toBe(match.sentences);
    expect(match.otherAppearing).toBe(match.otherSentences / 2);
    expect(confirmStory(small, smallHalf).confirmed).toBe(match.confirmed);
    expect(confirmStory(large, large).appearing).toBe(large.sentenceEnds.length);
  });

  it('compares what it read of a 5 MB body with a copy trimmed to its first paragraphs', () => {
    // Distinct words, so that no shingle repeats and no sentence appears by chance.
    const paragraph = (index: number) =>
      `${Array.from({ length: 8 }, (_, word) => `k${(8 * index + word).toString(36)}`).join(' ')}.`;
    const huge = Array.from({ length: (5 * 2 ** 20) / 64 }, (_, index) => paragraph(index));
    const trimmed = huge.slice(0, 1000);
    const hugeSketch = sketch(huge);
    expect(storyFingerprint(huge).work.characters).toBeLessThanOrEqual(MAX_BODY_CHARACTERS);
    const match = confirmStory(hugeSketch, sketch(trimmed));
    expect(match).toMatchObject({ confirmed: true, sentences: 1000, appearing: 1000 });
    expect(match.otherSentences).toBe(hugeSketch.sentenceEnds.length);
    expect(match.otherSentences).toBeLessThan(huge.length);
  });
});
