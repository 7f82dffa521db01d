import { describe, expect, it } from 'vitest';
import { rowFingerprint } from '../stored-row.ts';
import { bodySentences, type StorySketch, storyFingerprint } from '../stories/index.ts';
import { HOSPITAL, MATCH, OTHER_HOSPITAL } from '../stories/test-articles.ts';
import { SketchCache } from './sketch-cache.ts';

const sketches = [HOSPITAL, MATCH, OTHER_HOSPITAL].map((body) => storyFingerprint(body).sketch) as [
  StorySketch,
  StorySketch,
  StorySketch,
];

describe('SketchCache', () => {
  it('gives a sketch back only under the hash it was held with', () => {
    const cache = new SketchCache();
    cache.set(1, 111, sketches[0]);
    expect(cache.get(1, 111)).toEqual(sketches[0]);
    expect(cache.get(1, 112)).toBeUndefined();
    expect(cache.get(2, 111)).toBeUndefined();
    cache.delete(1);
    expect(cache.get(1, 111)).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('lets the least recently used go once it holds more than its limit', () => {
    const probe = new SketchCache();
    for (const [index, sketch] of sketches.entries()) probe.set(index, index, sketch);
    const total = probe.bytes;
    // Room for all but the smallest share of them: one goes when the third comes.
    const cache = new SketchCache(total - 1);
    cache.set(0, 0, sketches[0]);
    cache.set(1, 1, sketches[1]);
    // Taking the first makes the second the least recently used.
    expect(cache.get(0, 0)).toEqual(sketches[0]);
    cache.set(2, 2, sketches[2]);
    expect(cache.get(1, 1)).toBeUndefined();
    expect(cache.get(0, 0)).toEqual(sketches[0]);
    expect(cache.get(2, 2)).toEqual(sketches[2]);
    expect(cache.bytes).toBeLessThanOrEqual(total - 1);
    // Holding the same article again replaces it, and counts it once.
    const before = cache.bytes;
    cache.set(2, 3, sketches[2]);
    expect(cache.bytes).toBe(before);
    expect(cache.get(2, 2)).toBeUndefined();
  });

  it('holds nothing larger than its whole limit', () => {
    const cache = new SketchCache(10);
    cache.set(1, 1, sketches[0]);
    expect(cache.get(1, 1)).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it("holds a row's sketch in the row's own buffer, and keeps many apart as slots are freed and taken again", () => {
    const rows = [HOSPITAL, MATCH, OTHER_HOSPITAL].map((body) => rowFingerprint(bodySentences(body)));
    const cache = new SketchCache();
    const expected = new Map<number, StorySketch>();
    for (let seq = 1; seq <= 300; seq++) {
      const { sketch } = rows[seq % 3] as (typeof rows)[number];
      cache.set(seq, seq * 7, sketch);
      expected.set(seq, sketch);
      // Every fifth is let go, so that later ones take its slot.
      if (seq % 5 === 0) {
        cache.delete(seq - 2);
        expected.delete(seq - 2);
      }
    }
    for (let seq = 1; seq <= 300; seq++) {
      const sketch = expected.get(seq);
      expect(cache.get(seq, seq * 7)).toEqual(sketch);
      if (sketch !== undefined) expect(cache.get(seq, seq * 7)?.shingles.buffer).toBe(sketch.shingles.buffer);
    }
    const buffers = new Set([...expected.values()].map((sketch) => sketch.shingles.buffer));
    expect(cache.bytes).toBeGreaterThan(0);
    expect(buffers.size).toBe(3);
  });
});
