import type { StorySketch } from './fingerprint.ts';
import { mix32 } from './hash.ts';

/**
 * A 53-bit hash of a sketch, all of it (shingles and sentences): what a store keeps to tell whether an
 * article's body still has the sketch it was compared with, without keeping the sketch. Two hashes
 * with different seeds, so that two different sketches share one with odds of about 2⁻⁵³.
 */
export function sketchHash({ shingles, sentenceEnds, sentenceShingles }: StorySketch): number {
  let high = HIGH_SEED ^ shingles.length;
  let low = LOW_SEED ^ sentenceEnds.length;
  const take = (value: number) => {
    high = Math.imul(((high << 13) | (high >>> 19)) ^ value, 0x9e3779b1);
    low = Math.imul(((low << 17) | (low >>> 15)) ^ value, 0x85ebca6b);
  };
  for (let index = 0; index < shingles.length; index++) take(shingles[index] as number);
  for (let index = 0; index < sentenceEnds.length; index++) take(sentenceEnds[index] as number);
  for (let index = 0; index < sentenceShingles.length; index++) take(sentenceShingles[index] as number);
  return (mix32(high) >>> 0) * 2 ** 21 + (mix32(low) >>> 11);
}

const HIGH_SEED = 0x736b6831;
const LOW_SEED = 0x736b6832;
