import { describe, expect, it } from 'vitest';
import { seededRandom, zipfSampler } from './random.ts';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const take = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(take(1)).toEqual(take(1));
    expect(take(1)).not.toEqual(take(2));
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const random = seededRandom(42);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const value = random();
      expect(value >= 0 && value < 1).toBe(true);
      buckets[Math.floor(value * 10)]++;
    }
    for (const bucket of buckets) expect(Math.abs(bucket - 10_000)).toBeLessThan(500);
  });
});

describe('zipfSampler', () => {
  it('draws each rank about as often as 1/(rank+1)^s says', () => {
    const count = 1000;
    const draw = zipfSampler(count, 1, seededRandom(7));
    const seen = new Array(count).fill(0);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) seen[draw()]++;
    let harmonic = 0;
    for (let rank = 1; rank <= count; rank++) harmonic += 1 / rank;
    // Rank 0 takes 1/H of the draws, rank 1 half that, rank 9 a tenth.
    for (const rank of [0, 1, 9]) {
      const expected = draws / (rank + 1) / harmonic;
      expect(Math.abs(seen[rank] - expected) / expected).toBeLessThan(0.05);
    }
    expect(Math.min(...seen.slice(0, 100))).toBeGreaterThan(0);
  });

  it('gives equal ranks equal chances when the exponent is 0, and never leaves the range', () => {
    const draw = zipfSampler(4, 0, seededRandom(3));
    const seen = new Map<number, number>();
    for (let i = 0; i < 40_000; i++) {
      const rank = draw();
      seen.set(rank, (seen.get(rank) ?? 0) + 1);
    }
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
    for (const times of seen.values()) expect(Math.abs(times - 10_000)).toBeLessThan(500);
  });

  it('refuses an empty range', () => {
    expect(() => zipfSampler(0, 1, Math.random)).toThrow(RangeError);
  });
});
