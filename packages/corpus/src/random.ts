import { seededRandom } from '@khabar/devkit';

/**
 * Seeded draws for the renderings, over devkit's generator: the same seed gives the same sequence on
 * every machine, and neighbouring seeds unrelated ones (the seed is mixed first).
 */
export class Random {
  /** A float in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(mix(seed));
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** An index chosen by weight. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let rest = this.next() * total;
    for (let index = 0; index < weights.length; index++) {
      rest -= weights[index] as number;
      if (rest < 0) return index;
    }
    return weights.length - 1;
  }
}

/** An integer hash, so that neighbouring seeds give unrelated sequences. */
export function mix(seed: number): number {
  let value = (seed + 0x9e3779b9) | 0;
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
  return (value ^ (value >>> 16)) >>> 0;
}
