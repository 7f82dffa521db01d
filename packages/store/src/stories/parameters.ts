/**
 * The settings of story detection, in one place. A store keeps sketches and band keys made with
 * them, so a change to the shingles or the signature makes what is stored stale: bump
 * STORY_FINGERPRINT_VERSION with it. The thresholds were chosen with
 * `node packages/store/bench/stories.bench.ts --sweep` (SaudiNewsNet, 1,000 injected rewrites, seed 1)
 * and checked on rewrites made with seeds 2 to 5.
 */

/**
 * Bumped whenever a change below makes stored sketch hashes or band keys stale. Version 2 leaves the
 * common shingles (common-shingles.ts) out of sketches and signatures.
 */
export const STORY_FINGERPRINT_VERSION = 2;

/**
 * Words per shingle: three content words in a row. Two-word shingles tolerate changed words better
 * but join more unrelated articles on formulaic phrases (titles, honorifics): on the benchmark they
 * gave lower precision at every recall.
 */
export const SHINGLE_WORDS = 3;

/**
 * Length of the MinHash signature. With two rows per band, a pair sharing 30% of its shingles
 * (Jaccard) is a candidate with probability 1 − (1 − 0.3²)⁴⁸ ≈ 0.99, one sharing 5% with 0.11. Each
 * band is a row a store writes per article. On the benchmark (seed 1, common shingles left out),
 * 2.2% of the injected pairs were never candidates with 96 values, 2.5% with 64 and 3.3% with 48;
 * most of those share too little for confirmation to accept, but 4, 7 and 14 of the 1,000 it would
 * have. 112 or 128 values found up to 0.9% more of them, but more pairs sharing less than a fifth
 * of their shingles became candidates and were confirmed, and precision fell below 0.98; one row
 * per band finds them all, for six to ten times as many candidates.
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

/**
 * A sentence counts towards the majority only with this many shingles, common ones left out:
 * shorter ones are captions, credits and datelines.
 */
export const MIN_SENTENCE_SHINGLES = 3;

/** A body joins stories only with this many distinct shingles, common ones left out: one-liners and credits never do. */
export const MIN_STORY_SHINGLES = 12;

/**
 * A sentence appears in the other body when half of its shingles are there: one changed word takes
 * out up to three shingles, so a sentence of 20 content words survives two or three changed words.
 * 0.45 found 0.1% more of the injected rewrites and let 0.6% more false merges through.
 */
export const SENTENCE_MATCH = 0.5;

/**
 * Two bodies are one story when more than half of the shorter's countable sentences appear in the
 * longer, or exactly half once STORY_TIE_SENTENCES of them do…
 */
export const STORY_MATCH = 0.5;

/**
 * …so that a rewrite keeping two sentences of four and adding two of its own (background, another
 * lead) is still the story, while one sentence of two is not enough: two short items often share
 * nothing but a formulaic lead. On the benchmark this found 0.7% more of the injected rewrites and
 * let 0.5% more false merges through.
 */
export const STORY_TIE_SENTENCES = 2;

/**
 * …or when the sentences of the shorter that appear hold four fifths of its shingles: a short
 * sentence (a dateline, a caption) that one changed word took out does not outvote a long one that
 * matched. On the benchmark this found 0.2% more of the injected rewrites and let 0.02% more false
 * merges through.
 */
export const STORY_SHINGLE_MATCH = 0.8;

/**
 * …and a quarter of the longer's appear in the shorter: a digest of five stories or more, or a long
 * report quoting a short item, does not chain the items it holds into one story. With 0.3 (digests
 * of four) 1.0% fewer injected rewrites were found and 1.1% fewer false merges made; with 0.2, 0.6%
 * more were found and 1.4% more false merges made.
 */
export const COVER_MATCH = 0.25;

/**
 * Shingles found in more than this share of articles are left out of sketches and signatures: the
 * honorific chains, agency credit lines, subscription notices and statement templates that
 * unrelated articles share (see common-shingles.ts). With the thresholds unchanged, leaving them
 * out halved the LSH candidates and the false merges on the benchmark, the largest story fell from
 * 220 articles to 67, and of all pairs of articles in one story 77% rather than 47% share a fifth
 * of their shingles: far fewer stories chain through formulas.
 */
export const COMMON_SHINGLE_SHARE = 1 / 600;
