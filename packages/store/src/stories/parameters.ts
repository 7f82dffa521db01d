/**
 * The settings of story detection, in one place. A store keeps sketches and band keys made with
 * them, so a change to the shingles or the signature makes what is stored stale: bump
 * STORY_FINGERPRINT_VERSION with it. The thresholds were chosen with
 * `node packages/store/bench/stories.bench.ts --sweep` (SaudiNewsNet, 1,000 injected rewrites, seed 1)
 * and checked on rewrites made with other seeds.
 */

/** Bumped whenever a change below makes stored sketches or band keys stale. */
export const STORY_FINGERPRINT_VERSION = 1;

/**
 * Words per shingle: three content words in a row. Two-word shingles tolerate changed words better
 * but join more unrelated articles on formulaic phrases (titles, honorifics): on the benchmark they
 * gave lower precision at every recall.
 */
export const SHINGLE_WORDS = 3;

/**
 * Length of the MinHash signature. With two rows per band, a pair sharing 30% of its shingles
 * (Jaccard) is a candidate with probability 1 − (1 − 0.3²)⁴⁸ ≈ 0.99, one sharing 5% with 0.11. Each
 * band is a row a store writes per article; on the benchmark 1.9% of the injected pairs were never
 * candidates with 96 values, 2.4% with 64.
 */
export const SIGNATURE_LENGTH = 96;

/** Signature values per LSH band. */
export const BAND_ROWS = 2;

/** LSH bands, one band key each per article. */
export const BAND_COUNT = SIGNATURE_LENGTH / BAND_ROWS;

/** At most this many characters of a body are read: far more than the longest SaudiNewsNet article (6,064 words). */
export const MAX_BODY_CHARACTERS = 100_000;

/** At most this many content words of a body are shingled: a long article has a few thousand. */
export const MAX_SHINGLES = 16_384;

/** A run of words without sentence punctuation is cut into pieces of at most this many content words. */
export const MAX_SENTENCE_WORDS = 40;

/** A sentence counts towards the majority only with this many shingles; shorter ones are captions, credits. */
export const MIN_SENTENCE_SHINGLES = 3;

/** A body joins stories only with this many distinct shingles: one-liners and credits never do. */
export const MIN_STORY_SHINGLES = 12;

/**
 * A sentence appears in the other body when 45% of its shingles are there: one changed word takes
 * out up to three shingles, so a sentence of 20 content words survives three or four changed words.
 */
export const SENTENCE_MATCH = 0.45;

/** Two bodies are one story when more than half of the shorter's countable sentences appear in the longer… */
export const STORY_MATCH = 0.5;

/**
 * …and 30% of the longer's appear in the shorter: a digest of four stories or more, or a long report
 * quoting a short item, does not chain the items it holds into one story.
 */
export const COVER_MATCH = 0.3;
