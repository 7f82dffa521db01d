export { BandIndex } from './band-index.ts';
export {
  compareMembers,
  orderedPair,
  type StoryMember,
  type StoryPair,
  storyComponents,
  storyId,
} from './components.ts';
export {
  confirmStory,
  DEFAULT_THRESHOLDS,
  type MatchThresholds,
  type StoryMatch,
  shingleOverlap,
} from './confirm.ts';
export {
  bandKeys,
  type FingerprintWork,
  fingerprintOf,
  isEligible,
  minHash,
  type StoryFingerprint,
  type StorySketch,
  storyFingerprint,
} from './fingerprint.ts';
export {
  BAND_COUNT,
  BAND_ROWS,
  MAX_BODY_CHARACTERS,
  MAX_SHINGLES,
  SIGNATURE_LENGTH,
  STORY_FINGERPRINT_VERSION,
} from './parameters.ts';
export { type BodySentences, bodySentences, shadowLines } from './sentences.ts';
export { sketchHash } from './sketch-hash.ts';
export { type Story, type StoryArticle, StoryIndex, type StoryRef } from './story-index.ts';
export { SparseUnionFind, UnionFind } from './union-find.ts';
