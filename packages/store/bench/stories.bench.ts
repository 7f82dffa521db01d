// Story detection on SaudiNewsNet with injected rewrites of known pairs: recall of the injected
// pairs (and where the missed ones were lost, by kind of rewrite), precision of the confirmed pairs
// and of all pairs within a story, the stories found, and the cost per article.
// `--limit N` takes the first N articles, `--pairs N` injects N rewrites, `--seed S` picks them;
// `--sweep` prints recall and precision over a grid of confirmation thresholds (tune on one seed,
// report on another: the default seeds differ). What stories add to a store's ingest is measured on
// the stores themselves: `node bench/story-cost.ts`.
// `--common-shingles` prints src/stories/common-shingles.ts as mined from the first half of the
// articles read, and nothing else.
//
// Precision is measured on the bodies' shingles as such (three content words in a row within a
// sentence, every one of them kept), not on the sketches: the yardstick does not move when the
// detector's own settings (which shingles it leaves out) change.
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type CorpusArticle, loadCorpus } from '@khabar/corpus';
import { isStopTerm } from '../src/stopwords.ts';
import { hashString } from '../src/stories/hash.ts';
import {
  BAND_COUNT,
  BAND_ROWS,
  BandIndex,
  type BodySentences,
  bodySentences,
  confirmStory,
  DEFAULT_THRESHOLDS,
  fingerprintOf,
  type MatchThresholds,
  SIGNATURE_LENGTH,
  type StoryFingerprint,
  StoryIndex,
  type StoryPair,
  type StorySketch,
  shingleOverlap,
  storyComponents,
} from '../src/stories/index.ts';
import {
  COMMON_SHINGLE_SHARE,
  MAX_SENTENCE_WORDS,
  SHINGLE_WORDS,
  STORY_SHINGLE_MATCH,
  STORY_TIE_SENTENCES,
} from '../src/stories/parameters.ts';

const TUNING_SEED = 1;
const HELD_OUT_SEED = 2;
const FALSE_MERGE_SHARE = 0.2;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    limit: { type: 'string' },
    pairs: { type: 'string' },
    seed: { type: 'string' },
    sweep: { type: 'boolean', default: false },
    'common-shingles': { type: 'boolean', default: false },
  },
});
const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
const pairCount = Number(values.pairs ?? 1000);
const seed = Number(values.seed ?? (values.sweep ? TUNING_SEED : HELD_OUT_SEED));

/** mulberry32: the same seed gives the same rewrites on every machine. */
function seeded(start: number): () => number {
  let state = start | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), state | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(seed * 7919 + 17);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

interface BenchArticle {
  id: string;
  title: string;
  source: string;
  publishedAt: string;
  body: string[];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (part: number, whole: number) => (whole === 0 ? 'n/a' : (part / whole).toFixed(4));

/**
 * The shingles of a body as words, made as fingerprints make them (content words of a sentence, in
 * pieces of at most MAX_SENTENCE_WORDS, SHINGLE_WORDS in a row or the whole of a shorter piece),
 * but with common shingles kept.
 */
function shingleTexts(body: readonly string[]): Set<string> {
  const texts = new Set<string>();
  for (const sentence of bodySentences(body).sentences) {
    const words = sentence.filter((term) => !isStopTerm(term));
    for (let start = 0; start < words.length; start += MAX_SENTENCE_WORDS) {
      const piece = words.slice(start, start + MAX_SENTENCE_WORDS);
      const count = Math.max(1, piece.length - SHINGLE_WORDS + 1);
      for (let first = 0; first < count; first++)
        texts.add(piece.slice(first, first + SHINGLE_WORDS).join(' '));
    }
  }
  return texts;
}

/**
 * src/stories/common-shingles.ts: the shingles found in more than COMMON_SHINGLE_SHARE of the
 * articles given, most frequent first.
 */
function commonShinglesModule(articles: readonly CorpusArticle[]): string {
  const counts = new Map<string, number>();
  for (const article of articles) {
    for (const text of shingleTexts(article.paragraphs)) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const floor = COMMON_SHINGLE_SHARE * articles.length;
  const common = [...counts]
    .filter(([, count]) => count > floor)
    .sort(([first, firstCount], [second, secondCount]) =>
      secondCount !== firstCount ? secondCount - firstCount : first < second ? -1 : 1,
    );
  const first = articles[0]?.dateExtracted.slice(0, 10);
  const last = articles.at(-1)?.dateExtracted.slice(0, 10);
  return `/**
 * Shingles that unrelated articles share, left out of story sketches and signatures: honorific
 * chains (خادم الحرمين الشريفين، صاحب السمو الملكي), agency credit lines and datelines, outlets'
 * link and subscription notices, and the templates of official statements and daily reports. They
 * are the shingles found in more than 1 in ${Math.round(1 / COMMON_SHINGLE_SHARE)} of ${articles.length} SaudiNewsNet articles
 * (${first} to ${last}, the first half of the corpus), most frequent first, one a line, as
 * light-stemmed search terms with function words left out. Written by
 * \`node packages/store/bench/stories.bench.ts --common-shingles\`; a new list makes stored
 * sketch hashes and band keys stale, so STORY_FINGERPRINT_VERSION goes up with it.
 */
export const COMMON_SHINGLES = \`
${common.map(([text]) => text).join('\n')}
\`;
`;
}

/** A body's shingles as `shingleTexts` gives them, hashed, distinct and ascending. */
function referenceShingles(body: readonly string[]): Uint32Array {
  return Uint32Array.from(new Set([...shingleTexts(body)].map(hashString))).sort();
}

const loadStart = performance.now();
const corpus = loadCorpus().slice(0, limit);
if (values['common-shingles']) {
  process.stdout.write(commonShinglesModule(corpus.slice(0, Math.floor(corpus.length / 2))));
  process.exit(0);
}
console.log(
  `corpus: ${corpus.length} SaudiNewsNet articles (load ${seconds(performance.now() - loadStart)}); ` +
    `${availableParallelism()} CPUs, load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`,
);

const originals: BenchArticle[] = corpus.map((article, index) => ({
  id: `n${String(index).padStart(6, '0')}`,
  title: article.title,
  source: article.source,
  publishedAt: `${article.dateExtracted.replace(' ', 'T')}Z`,
  body: article.paragraphs,
}));

// ---- Injected rewrites ----------------------------------------------------------------------

const CITIES = ['الرياض', 'جدة', 'القاهرة', 'دبي', 'بيروت', 'عمان', 'الدوحة', 'الكويت', 'لندن', 'باريس'];
const OUTLETS = ['واس', 'فرانس برس', 'رويترز', 'الأناضول', 'د ب أ', 'الخليج الجديد', 'العربية نت', 'سبق'];
const TITLE_OPENERS = ['عاجل:', 'بالفيديو:', 'تقرير:', 'مصادر:', 'رسميا:', ''];

/** Words to substitute with: drawn from the corpus, so replacements look like news text. */
function vocabulary(articles: readonly CorpusArticle[]): string[] {
  const words: string[] = [];
  for (let index = 0; index < articles.length && words.length < 50_000; index += 7) {
    for (const word of (articles[index]?.paragraphs[0] ?? '').split(/\s+/))
      if (word.length > 2) words.push(word);
  }
  return words;
}

const wordPool = vocabulary(corpus);

function shuffleInPlace<T>(list: T[], swaps: number): void {
  for (let swap = 0; swap < swaps && list.length > 1; swap++) {
    const first = int(0, list.length - 1);
    const second = int(0, list.length - 1);
    [list[first], list[second]] = [list[second] as T, list[first] as T];
  }
}

/** What a rewrite did to its original, to tell which kinds of edit cost recall. */
interface Edits {
  /** Paragraphs of the original dropped. */
  dropped: number;
  /** Share of words substituted. */
  substitution: number;
  /** Paragraphs whose sentences were reordered. */
  reordered: number;
  /** Whether a paragraph of another article was put in. */
  background: boolean;
  /** Whether a credit line was added at the end. */
  credit: boolean;
}

/**
 * An edited copy of an article as another outlet would run it: a new title, other credits, a date a
 * day or two away, some paragraphs dropped, paragraphs and sentences reordered, words substituted,
 * sometimes a paragraph of background from another article.
 */
function rewrite(original: BenchArticle, id: string): { copy: BenchArticle; edits: Edits } {
  const dropShare = random() * 0.4;
  const substitution = 0.02 + random() * 0.08;
  let paragraphs = original.body.filter(() => random() >= dropShare);
  const dropped = original.body.length - paragraphs.length;
  if (paragraphs.length === 0) paragraphs = [pick(original.body)];
  let reordered = 0;
  paragraphs = paragraphs.map((paragraph) => {
    const sentences = paragraph.split(/(?<=[.!؟])\s+/);
    if (random() < 0.3) {
      shuffleInPlace(sentences, 1);
      reordered++;
    }
    return sentences
      .join(' ')
      .split(' ')
      .map((word) => (random() < substitution ? pick(wordPool) : word))
      .join(' ');
  });
  shuffleInPlace(paragraphs, int(0, 2));
  const background = random() < 0.25;
  if (background) paragraphs.splice(int(0, paragraphs.length), 0, pick(pick(originals).body));
  paragraphs[0] = `${pick(CITIES)} - (${pick(OUTLETS)}): ${paragraphs[0]}`;
  const credit = random() < 0.5;
  if (credit) paragraphs.push(`المصدر: ${pick(OUTLETS)}`);
  const shift = (random() < 0.5 ? -1 : 1) * (int(1, 2) * 24 + int(-6, 6)) * 3_600_000;
  const titleWords = original.title.split(' ');
  shuffleInPlace(titleWords, 2);
  return {
    copy: {
      id,
      title: `${pick(TITLE_OPENERS)} ${titleWords.join(' ')}`.trim(),
      source: `rewrite:${pick(OUTLETS)}`,
      publishedAt: new Date(Date.parse(original.publishedAt) + shift).toISOString(),
      body: paragraphs,
    },
    edits: { dropped, substitution, reordered, background, credit },
  };
}

const wordsOf = (article: BenchArticle) => article.body.reduce((sum, p) => sum + p.split(' ').length, 0);
const sourcePool = originals.filter((article) => wordsOf(article) >= 40);
const chosen = new Set<BenchArticle>();
while (chosen.size < Math.min(pairCount, sourcePool.length)) chosen.add(pick(sourcePool));
const rewrites = [...chosen].map((original, index) => ({
  original,
  ...rewrite(original, `r${String(index).padStart(6, '0')}`),
}));
const injected: [BenchArticle, BenchArticle][] = rewrites.map(({ original, copy }) => [original, copy]);
const articles = [...originals, ...injected.map(([, copy]) => copy)].sort((first, second) =>
  first.publishedAt < second.publishedAt ? -1 : first.publishedAt > second.publishedAt ? 1 : 0,
);
const byId = new Map(articles.map((article) => [article.id, article]));
console.log(
  `injected: ${injected.length} rewrites (seed ${seed}) of articles of 40 words or more; ` +
    `${articles.length} articles in all`,
);

// ---- The pipeline -------------------------------------------------------------------------------

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

// A batch at a time, the words (which the store's search text needs too) timed apart from the
// shingles, MinHash and bands made of them: the latter are what stories add.
const TIMING_BATCH = 500;
let cpuBefore = process.cpuUsage();
let wallBefore = performance.now();
const fingerprints = new Map<string, StoryFingerprint>();
let tokenizeCpu = 0;
let shingleCpu = 0;
for (let start = 0; start < articles.length; start += TIMING_BATCH) {
  const batch = articles.slice(start, start + TIMING_BATCH);
  const readStart = process.cpuUsage();
  const reads = batch.map((article) => bodySentences(article.body));
  tokenizeCpu += cpuMs(process.cpuUsage(readStart));
  const shingleStart = process.cpuUsage();
  batch.forEach((article, index) => {
    fingerprints.set(article.id, fingerprintOf(reads[index] as BodySentences));
  });
  shingleCpu += cpuMs(process.cpuUsage(shingleStart));
}
const fingerprintCpu = cpuMs(process.cpuUsage(cpuBefore));
const fingerprintWall = performance.now() - wallBefore;

const bands = new BandIndex();
const candidatePairs: StoryPair[] = [];
const injectedPartner = new Map<string, string>();
for (const [original, copy] of injected) {
  injectedPartner.set(original.id, copy.id);
  injectedPartner.set(copy.id, original.id);
}
const confirmedPairs: StoryPair[] = [];
const allCandidates: StoryPair[] = [];
let candidateMs = 0;
let confirmMs = 0;
let candidateCount = 0;
cpuBefore = process.cpuUsage();
wallBefore = performance.now();
for (const article of articles) {
  const fingerprint = fingerprints.get(article.id) as StoryFingerprint;
  let begin = performance.now();
  const candidates = bands.candidates(fingerprint.bandKeys, article.id);
  bands.add(article.id, fingerprint.bandKeys);
  candidateMs += performance.now() - begin;
  begin = performance.now();
  candidateCount += candidates.length;
  for (const candidate of candidates) {
    allCandidates.push([article.id, candidate]);
    const other = fingerprints.get(candidate) as StoryFingerprint;
    if (confirmStory(fingerprint.sketch, other.sketch).confirmed)
      confirmedPairs.push([article.id, candidate]);
    if (values.sweep || injectedPartner.get(article.id) === candidate)
      candidatePairs.push([article.id, candidate]);
  }
  confirmMs += performance.now() - begin;
}
const begin = performance.now();
const stories = storyComponents(
  articles.map((article) => article.id),
  confirmedPairs,
);
const componentsMs = performance.now() - begin;
const clusterCpu = cpuMs(process.cpuUsage(cpuBefore));
const clusterWall = performance.now() - wallBefore;

// ---- Quality ------------------------------------------------------------------------------------

const storyOf = new Map<string, number>();
stories.forEach((members, story) => {
  for (const id of members) storyOf.set(id, story);
});
const sketchOf = (id: string) => (fingerprints.get(id) as StoryFingerprint).sketch;

// The yardstick of false merges: each body's shingles as such, whatever the detector leaves out.
const references = new Map<string, StorySketch>();
function referenceOf(id: string): StorySketch {
  let reference = references.get(id);
  if (reference === undefined) {
    const shingles = referenceShingles((byId.get(id) as BenchArticle).body);
    reference = { shingles, sentenceEnds: new Uint32Array(0), sentenceShingles: new Uint16Array(0) };
    references.set(id, reference);
  }
  return reference;
}
const overlapOf = (first: string, second: string) => shingleOverlap(referenceOf(first), referenceOf(second));

interface Quality {
  recall: number;
  /** Recall over the injected pairs sharing enough shingles to be merged without counting as false. */
  mergeableRecall: number;
  confirmedRecall: number;
  pairs: number;
  falseJaccard: number;
  falseSmaller: number;
  storyPairs: number;
  storyFalseJaccard: number;
  storyFalseSmaller: number;
}

const STORY_PAIR_SAMPLE = 5000;

// Injected pairs whose edits left them sharing at least FALSE_MERGE_SHARE of their shingles
// (Jaccard): the ones a detector may join without the join counting as a false merge. Heavy edits
// of short articles leave some pairs with next to nothing in common.
const mergeable = new Set(
  injected
    .filter(([original, copy]) => overlapOf(original.id, copy.id).jaccard >= FALSE_MERGE_SHARE)
    .map(([original]) => original.id),
);

function quality(pairs: readonly StoryPair[], components: readonly string[][]): Quality {
  const component = new Map<string, number>();
  components.forEach((members, story) => {
    for (const id of members) component.set(id, story);
  });
  const direct = new Set(pairs.map(([first, second]) => `${first} ${second}`));
  let found = 0;
  let confirmed = 0;
  let mergeableFound = 0;
  for (const [original, copy] of injected) {
    const together = component.get(original.id) === component.get(copy.id);
    if (together) found++;
    if (together && mergeable.has(original.id)) mergeableFound++;
    if (direct.has(`${original.id} ${copy.id}`) || direct.has(`${copy.id} ${original.id}`)) confirmed++;
  }
  const edges = falseMerges(pairs, 1);
  // Every pair of articles in one story, each story's pairs sampled when there are many of them.
  const sampler = seeded(seed + 2);
  let storyPairs = 0;
  let storyFalseJaccard = 0;
  let storyFalseSmaller = 0;
  for (const members of components) {
    const total = (members.length * (members.length - 1)) / 2;
    if (total === 0) continue;
    const inside: StoryPair[] = [];
    if (total <= STORY_PAIR_SAMPLE) {
      members.forEach((first, index) => {
        for (const second of members.slice(index + 1)) inside.push([first, second]);
      });
    } else {
      while (inside.length < STORY_PAIR_SAMPLE) {
        const first = members[Math.floor(sampler() * members.length)] as string;
        const second = members[Math.floor(sampler() * members.length)] as string;
        if (first !== second) inside.push([first, second]);
      }
    }
    const merges = falseMerges(inside, total / inside.length);
    storyPairs += total;
    storyFalseJaccard += merges.jaccard;
    storyFalseSmaller += merges.smaller;
  }
  return {
    recall: found / injected.length,
    mergeableRecall: mergeableFound / mergeable.size,
    confirmedRecall: confirmed / injected.length,
    pairs: pairs.length,
    falseJaccard: edges.jaccard,
    falseSmaller: edges.smaller,
    storyPairs,
    storyFalseJaccard,
    storyFalseSmaller,
  };
}

/** Pairs sharing less than FALSE_MERGE_SHARE of their shingles, each counting `weight`. */
function falseMerges(pairs: readonly StoryPair[], weight: number): { jaccard: number; smaller: number } {
  let jaccard = 0;
  let smaller = 0;
  for (const [first, second] of pairs) {
    const overlap = overlapOf(first, second);
    if (overlap.jaccard < FALSE_MERGE_SHARE) jaccard += weight;
    if (overlap.smaller < FALSE_MERGE_SHARE) smaller += weight;
  }
  return { jaccard, smaller };
}

const precision = (falseCount: number, total: number) => ratio(total - falseCount, total);

function qualityLine(result: Quality): string {
  return (
    `${result.recall.toFixed(4)}  ${result.mergeableRecall.toFixed(4)}  ${String(result.pairs).padStart(6)}  ` +
    `${precision(result.falseJaccard, result.pairs)}  ${precision(result.falseSmaller, result.pairs)}  ` +
    `${String(Math.round(result.storyPairs)).padStart(7)}  ${precision(result.storyFalseJaccard, result.storyPairs)}  ` +
    `${precision(result.storyFalseSmaller, result.storyPairs)}`
  );
}

const HEADER =
  'recall  R(≥0.2) pairs   P(J)    P(S)    in-story P(J)  P(S)   ' +
  '(P: precision; J: false when Jaccard < 0.2, S: when shared < 0.2 of the smaller set)';

if (values.sweep) {
  console.log(`sweep over ${candidatePairs.length} candidate pairs:`);
  console.log(`sentence story cover  ${HEADER}`);
  for (const sentence of [0.45, 0.5, 0.55]) {
    for (const story of [0.45, 0.5]) {
      for (const cover of [0.2, 0.25, 0.3]) {
        const thresholds: MatchThresholds = { sentence, story, cover };
        const pairs = candidatePairs.filter(
          ([first, second]) => confirmStory(sketchOf(first), sketchOf(second), thresholds).confirmed,
        );
        const components = storyComponents(
          articles.map((article) => article.id),
          pairs,
        );
        console.log(
          `${sentence.toFixed(2)}     ${story.toFixed(2)}  ${cover.toFixed(2)}  ${qualityLine(quality(pairs, components))}`,
        );
      }
    }
  }
}

const result = quality(confirmedPairs, stories);
const { sentence, story, cover } = DEFAULT_THRESHOLDS;
console.log(
  `parameters: ${SIGNATURE_LENGTH}-value MinHash, ${BAND_COUNT} bands × ${BAND_ROWS} rows, common shingles ` +
    `left out; a sentence appears with ${sentence} of its shingles; one story when more than ${story} of the ` +
    `shorter's sentences appear in the longer (or exactly ${story} once ${STORY_TIE_SENTENCES} do, or those ` +
    `appearing hold ${STORY_SHINGLE_MATCH} of its shingles) and ${cover} of the longer's in the shorter`,
);
console.log(
  `recall of injected pairs: ${result.recall.toFixed(4)} in the same story ` +
    `(${result.confirmedRecall.toFixed(4)} confirmed directly), ${injected.length} pairs; ` +
    `${result.mergeableRecall.toFixed(4)} of the ${mergeable.size} sharing at least ${FALSE_MERGE_SHARE} of ` +
    `their shingles (Jaccard)`,
);
console.log(
  `precision of ${result.pairs} confirmed pairs: ${precision(result.falseJaccard, result.pairs)} ` +
    `(false merge: Jaccard of the shingle sets < ${FALSE_MERGE_SHARE}), ` +
    `${precision(result.falseSmaller, result.pairs)} (false merge: shared shingles < ` +
    `${FALSE_MERGE_SHARE} of the smaller set)`,
);
console.log(
  `precision of all ${Math.round(result.storyPairs)} pairs of articles in one story (confirmed or joined ` +
    `through others; stories of over ${STORY_PAIR_SAMPLE} pairs sampled): ` +
    `${precision(result.storyFalseJaccard, result.storyPairs)} (Jaccard), ` +
    `${precision(result.storyFalseSmaller, result.storyPairs)} (smaller set)`,
);

// Why injected pairs were missed: never candidates (LSH), one of them too short to join a story
// once common shingles are left out, too few of the shorter's sentences in the longer, or too few
// of the longer's in the shorter (cover); by kind of edit.
type Miss = 'never candidates' | 'too short' | 'too few sentences' | 'cover';
const MISSES: readonly Miss[] = ['never candidates', 'too short', 'too few sentences', 'cover'];
const candidateKeys = new Set(candidatePairs.map(([first, second]) => `${first} ${second}`));
function missOf(original: BenchArticle, copy: BenchArticle): Miss | null {
  if (storyOf.get(original.id) === storyOf.get(copy.id)) return null;
  const candidate =
    candidateKeys.has(`${original.id} ${copy.id}`) || candidateKeys.has(`${copy.id} ${original.id}`);
  if (!candidate) return 'never candidates';
  const match = confirmStory(sketchOf(original.id), sketchOf(copy.id));
  if (match.sentences === 0) return 'too short';
  const anyCover = { ...DEFAULT_THRESHOLDS, cover: 0 };
  return confirmStory(sketchOf(original.id), sketchOf(copy.id), anyCover).confirmed
    ? 'cover'
    : 'too few sentences';
}
const misses = rewrites.map(({ original, copy, edits }) => ({
  original,
  copy,
  edits,
  miss: missOf(original, copy),
}));
const missed = misses.filter((pair) => pair.miss !== null);
const tally = (pairs: typeof misses) =>
  `${pairs.filter((pair) => pair.miss !== null).length}/${pairs.length} (${MISSES.map(
    (miss) => pairs.filter((pair) => pair.miss === miss).length,
  ).join('+')})`;
const notCandidates = missed.filter((pair) => pair.miss === 'never candidates');
const wouldConfirm = notCandidates.filter(
  ({ original, copy }) => confirmStory(sketchOf(original.id), sketchOf(copy.id)).confirmed,
);
console.log(
  `missed injected pairs: ${tally(misses)} (${MISSES.join(' + ')}); confirmation would have accepted ` +
    `${wouldConfirm.length} of the never candidates, whose Jaccard is ${notCandidates
      .map(({ original, copy }) => overlapOf(original.id, copy.id).jaccard.toFixed(2))
      .join(' ')}`,
);
const KINDS: [string, [string, (edits: Edits, original: BenchArticle) => boolean][]][] = [
  [
    'paragraphs dropped',
    [
      ['none', (edits) => edits.dropped === 0],
      ['some', (edits) => edits.dropped > 0],
    ],
  ],
  [
    'words substituted',
    [
      ['< 4%', (edits) => edits.substitution < 0.04],
      ['4-7%', (edits) => edits.substitution >= 0.04 && edits.substitution < 0.07],
      ['≥ 7%', (edits) => edits.substitution >= 0.07],
    ],
  ],
  [
    'sentences reordered',
    [
      ['none', (edits) => edits.reordered === 0],
      ['some', (edits) => edits.reordered > 0],
    ],
  ],
  [
    'background paragraph',
    [
      ['no', (edits) => !edits.background],
      ['yes', (edits) => edits.background],
    ],
  ],
  [
    'credit line',
    [
      ['no', (edits) => !edits.credit],
      ['yes', (edits) => edits.credit],
    ],
  ],
  [
    'original paragraphs',
    [
      ['1', (_, original) => original.body.length === 1],
      ['2-3', (_, original) => original.body.length >= 2 && original.body.length <= 3],
      ['4-8', (_, original) => original.body.length >= 4 && original.body.length <= 8],
      ['> 8', (_, original) => original.body.length > 8],
    ],
  ],
];
console.log('  missed / pairs (never candidates + too short + too few sentences + cover), by kind of edit:');
for (const [kind, groups] of KINDS) {
  const cells = groups.map(
    ([label, test]) => `${label}: ${tally(misses.filter((pair) => test(pair.edits, pair.original)))}`,
  );
  console.log(`    ${kind.padEnd(21)} ${cells.join('; ')}`);
}
console.log(
  "  rejected ones (shorter's sentences appearing / countable, longer's appearing / countable, Jaccard):",
);
for (const { original, copy } of missed.filter((pair) => pair.miss !== 'never candidates').slice(0, 8)) {
  const match = confirmStory(sketchOf(original.id), sketchOf(copy.id));
  console.log(
    `    ${match.appearing}/${match.sentences}, ${match.otherAppearing}/${match.otherSentences}, ` +
      `${overlapOf(original.id, copy.id).jaccard.toFixed(2)}`,
  );
}

// ---- Natural stories ----------------------------------------------------------------------------

const natural = stories.filter((members) => members.length > 1 && members.every((id) => id.startsWith('n')));
const sizes = new Map<number, number>();
for (const members of natural) sizes.set(members.length, (sizes.get(members.length) ?? 0) + 1);
const largest = Math.max(0, ...natural.map((members) => members.length));
const largestOfAll = Math.max(0, ...stories.map((members) => members.length));
console.log(
  `natural stories (no injected article): ${natural.length}, holding ${natural.reduce((sum, m) => sum + m.length, 0)} ` +
    `articles; by size ${[...sizes]
      .sort((first, second) => first[0] - second[0])
      .slice(0, 8)
      .map(([size, count]) => `${size}: ${count}`)
      .join(', ')}; largest ${largest}; largest story of all (injected articles too) ${largestOfAll}`,
);
for (const members of [...natural].sort((first, second) => second.length - first.length).slice(0, 2)) {
  console.log(`  one of the largest, ${members.length} articles:`);
  for (const id of members.slice(0, 8)) {
    const article = byId.get(id) as BenchArticle;
    console.log(
      `    ${article.publishedAt.slice(0, 10)} ${article.source.padEnd(13)} ${article.title.slice(0, 90)}`,
    );
  }
}
const exampleRandom = seeded(seed);
const crossSource = natural.filter((members) => new Set(members.map((id) => byId.get(id)?.source)).size > 1);
console.log(`  of which ${crossSource.length} span two or more sources; examples:`);
for (let example = 0; example < 6 && crossSource.length > 0; example++) {
  const members = crossSource[Math.floor(exampleRandom() * crossSource.length)] as string[];
  console.log(`  story of ${members.length}:`);
  for (const id of members.slice(0, 4)) {
    const article = byId.get(id) as BenchArticle;
    console.log(
      `    ${article.publishedAt.slice(0, 10)} ${article.source.padEnd(13)} ${article.title.slice(0, 90)}`,
    );
  }
}

// ---- Cost ---------------------------------------------------------------------------------------

const work = [...fingerprints.values()].reduce(
  (sum, fingerprint) => ({
    eligible: sum.eligible + (fingerprint.bandKeys.length > 0 ? 1 : 0),
    shingles: sum.shingles + fingerprint.sketch.shingles.length,
  }),
  { eligible: 0, shingles: 0 },
);
const perArticle = (ms: number) => `${((ms / articles.length) * 1000).toFixed(1)} µs`;
const perThousand = (ms: number) => `${((ms / articles.length) * 1000).toFixed(1)} ms`;
// Confirmation once more over every candidate, timed by CPU: the loop above times it by the clock.
cpuBefore = process.cpuUsage();
for (const [first, second] of allCandidates) confirmStory(sketchOf(first), sketchOf(second));
const confirmCpu = cpuMs(process.cpuUsage(cpuBefore));
console.log(
  `candidates: ${bands.lookups} bucket entries read, ${confirmedPairs.length} of ` +
    `${candidateCount} candidates confirmed; ${work.eligible} articles eligible, ` +
    `${(work.shingles / articles.length).toFixed(0)} shingles per article`,
);
console.log(
  `cost: fingerprint ${seconds(fingerprintWall)} wall, ${seconds(fingerprintCpu)} CPU (${perArticle(fingerprintCpu)} per article); ` +
    `candidates ${seconds(candidateMs)} (${perArticle(candidateMs)}), confirmation ${seconds(confirmMs)} ` +
    `(${perArticle(confirmMs)}), components ${seconds(componentsMs)}; clustering after fingerprints ` +
    `${seconds(clusterWall)} wall, ${seconds(clusterCpu)} CPU`,
);
console.log(
  `  per 1,000 articles, CPU: words (normalize, stem, split sentences; the search text needs them too) ` +
    `${perThousand(tokenizeCpu)}; shingles, MinHash and bands ${perThousand(shingleCpu)}; confirmation of ` +
    `the candidates ${perThousand(confirmCpu)} (${((confirmCpu / Math.max(1, allCandidates.length)) * 1000).toFixed(2)} µs each)`,
);
console.log(
  `total over ${articles.length} articles: ${seconds(fingerprintCpu + clusterCpu)} CPU ` +
    `(${perArticle(fingerprintCpu + clusterCpu)} per article); what stories add to the words: ` +
    `${seconds(shingleCpu + clusterCpu)} CPU`,
);

// ---- The incremental index, in another order ----------------------------------------------------

const shuffled = [...articles];
const orderRandom = seeded(seed + 1);
for (let index = shuffled.length - 1; index > 0; index--) {
  const other = Math.floor(orderRandom() * (index + 1));
  [shuffled[index], shuffled[other]] = [shuffled[other] as BenchArticle, shuffled[index] as BenchArticle];
}
const incremental = new StoryIndex();
cpuBefore = process.cpuUsage();
for (const article of shuffled) {
  incremental.add(
    { id: article.id, publishedAt: article.publishedAt, body: article.body },
    fingerprints.get(article.id),
  );
}
const incrementalCpu = cpuMs(process.cpuUsage(cpuBefore));
const expected = new Set(stories.map((members) => members.join(' ')));
const got = incremental.stories();
const same = got.length === expected.size && got.every((found) => expected.has(found.articles.join(' ')));
console.log(
  `StoryIndex in shuffled order: ${got.length} stories, ${same ? 'the same' : 'NOT the same'} as the ` +
    `components above (${seconds(incrementalCpu)} CPU for candidates, confirmation and story upkeep)`,
);
if (!same) process.exitCode = 1;
