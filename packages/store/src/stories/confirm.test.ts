import { describe, expect, it } from 'vitest';
import { confirmStory } from './confirm.ts';
import { storyFingerprint } from './fingerprint.ts';
import { HOSPITAL, HOSPITAL_REWRITE, MATCH, OTHER_HOSPITAL } from './test-articles.ts';

const sketch = (body: readonly string[]) => storyFingerprint(body).sketch;

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
});
