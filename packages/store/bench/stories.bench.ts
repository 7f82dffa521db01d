// Story detection on SaudiNewsNet with injected rewrites of known pairs: recall of the injected
// pairs, precision of the confirmed pairs, the natural stories found, and the cost per article.
// `--limit N` takes the first N articles, `--pairs N` injects N rewrites, `--seed S` picks them;
// `--sweep` prints recall and precision over a grid of confirmation thresholds (tune on one seed,
// report on another: the default seeds differ). `--sqlite` also runs the pipeline against the
// tables a SQLite store would keep (sketches, band keys, pairs), to time what ingest would add.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CorpusArticle, loadCorpus } from '@khabar/corpus';
import Database from 'better-sqlite3';
import {
  BAND_COUNT,
  BAND_ROWS,
  BandIndex,
  bodySentences,
  confirmStory,
  DEFAULT_THRESHOLDS,
  decodeSketch,
  encodeSketch,
  type MatchThresholds,
  SIGNATURE_LENGTH,
  type StoryFingerprint,
  StoryIndex,
  type StoryPair,
  shingleOverlap,
  storyComponents,
  storyFingerprint,
} from '../src/stories/index.ts';

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
    sqlite: { type: 'boolean', default: false },
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

const loadStart = performance.now();
const corpus = loadCorpus().slice(0, limit);
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

/**
 * An edited copy of an article as another outlet would run it: a new title, other credits, a date a
 * day or two away, some paragraphs dropped, paragraphs and sentences reordered, words substituted,
 * sometimes a paragraph of background from another article.
 */
function rewrite(original: BenchArticle, id: string): BenchArticle {
  const dropShare = random() * 0.4;
  const substitution = 0.02 + random() * 0.08;
  let paragraphs = original.body.filter(() => random() >= dropShare);
  if (paragraphs.length === 0) paragraphs = [pick(original.body)];
  paragraphs = paragraphs.map((paragraph) => {
    const sentences = paragraph.split(/(?<=[.!؟])\s+/);
    if (random() < 0.3) shuffleInPlace(sentences, 1);
    return sentences
      .join(' ')
      .split(' ')
      .map((word) => (random() < substitution ? pick(wordPool) : word))
      .join(' ');
  });
  shuffleInPlace(paragraphs, int(0, 2));
  if (random() < 0.25) paragraphs.splice(int(0, paragraphs.length), 0, pick(pick(originals).body));
  paragraphs[0] = `${pick(CITIES)} - (${pick(OUTLETS)}): ${paragraphs[0]}`;
  if (random() < 0.5) paragraphs.push(`المصدر: ${pick(OUTLETS)}`);
  const shift = (random() < 0.5 ? -1 : 1) * (int(1, 2) * 24 + int(-6, 6)) * 3_600_000;
  const titleWords = original.title.split(' ');
  shuffleInPlace(titleWords, 2);
  return {
    id,
    title: `${pick(TITLE_OPENERS)} ${titleWords.join(' ')}`.trim(),
    source: `rewrite:${pick(OUTLETS)}`,
    publishedAt: new Date(Date.parse(original.publishedAt) + shift).toISOString(),
    body: paragraphs,
  };
}

const wordsOf = (article: BenchArticle) => article.body.reduce((sum, p) => sum + p.split(' ').length, 0);
const sourcePool = originals.filter((article) => wordsOf(article) >= 40);
const chosen = new Set<BenchArticle>();
while (chosen.size < Math.min(pairCount, sourcePool.length)) chosen.add(pick(sourcePool));
const injected: [BenchArticle, BenchArticle][] = [...chosen].map((original, index) => [
  original,
  rewrite(original, `r${String(index).padStart(6, '0')}`),
]);
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

let cpuBefore = process.cpuUsage();
let wallBefore = performance.now();
const fingerprints = new Map<string, StoryFingerprint>();
for (const article of articles) fingerprints.set(article.id, storyFingerprint(article.body));
const fingerprintCpu = cpuMs(process.cpuUsage(cpuBefore));
const fingerprintWall = performance.now() - wallBefore;
// The words alone, which the store's search text already needs: the rest is what stories add.
cpuBefore = process.cpuUsage();
for (const article of articles) bodySentences(article.body);
const tokenizeCpu = cpuMs(process.cpuUsage(cpuBefore));

const bands = new BandIndex();
const candidatePairs: StoryPair[] = [];
const injectedPartner = new Map<string, string>();
for (const [original, copy] of injected) {
  injectedPartner.set(original.id, copy.id);
  injectedPartner.set(copy.id, original.id);
}
const confirmedPairs: StoryPair[] = [];
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
    .filter(
      ([original, copy]) =>
        shingleOverlap(sketchOf(original.id), sketchOf(copy.id)).jaccard >= FALSE_MERGE_SHARE,
    )
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
    const overlap = shingleOverlap(sketchOf(first), sketchOf(second));
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
  for (const sentence of [0.4, 0.45, 0.5]) {
    for (const story of [0.4, 0.45, 0.5]) {
      for (const cover of [0.25, 0.3, 0.35]) {
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
  `parameters: ${SIGNATURE_LENGTH}-value MinHash, ${BAND_COUNT} bands × ${BAND_ROWS} rows; ` +
    `a sentence appears with ${sentence} of its shingles; one story when more than ${story} of the ` +
    `shorter's sentences appear in the longer and ${cover} of the longer's in the shorter`,
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

// Why injected pairs were missed: never candidates (LSH), or rejected by confirmation.
const candidateKeys = new Set(candidatePairs.map(([first, second]) => `${first} ${second}`));
const missed = injected.filter(([original, copy]) => storyOf.get(original.id) !== storyOf.get(copy.id));
const notCandidates = missed.filter(
  ([original, copy]) =>
    !candidateKeys.has(`${original.id} ${copy.id}`) && !candidateKeys.has(`${copy.id} ${original.id}`),
);
console.log(
  `missed injected pairs: ${missed.length}, of which ${notCandidates.length} never candidates; rejected ones ` +
    `(shorter's sentences appearing / countable, longer's appearing / countable, Jaccard):`,
);
const wouldConfirm = notCandidates.filter(
  ([original, copy]) => confirmStory(sketchOf(original.id), sketchOf(copy.id)).confirmed,
);
console.log(
  `  of the ${notCandidates.length} never candidates, confirmation would have accepted ${wouldConfirm.length}; ` +
    `their Jaccard: ${notCandidates
      .map(([original, copy]) => shingleOverlap(sketchOf(original.id), sketchOf(copy.id)).jaccard.toFixed(2))
      .join(' ')}`,
);
for (const [original, copy] of missed.filter((pair) => !notCandidates.includes(pair)).slice(0, 8)) {
  const match = confirmStory(sketchOf(original.id), sketchOf(copy.id));
  const overlap = shingleOverlap(sketchOf(original.id), sketchOf(copy.id));
  console.log(
    `  ${match.appearing}/${match.sentences}, ${match.otherAppearing}/${match.otherSentences}, ${overlap.jaccard.toFixed(2)}`,
  );
}

// ---- Natural stories ----------------------------------------------------------------------------

const natural = stories.filter((members) => members.length > 1 && members.every((id) => id.startsWith('n')));
const sizes = new Map<number, number>();
for (const members of natural) sizes.set(members.length, (sizes.get(members.length) ?? 0) + 1);
const largest = Math.max(0, ...natural.map((members) => members.length));
console.log(
  `natural stories (no injected article): ${natural.length}, holding ${natural.reduce((sum, m) => sum + m.length, 0)} ` +
    `articles; by size ${[...sizes]
      .sort((first, second) => first[0] - second[0])
      .slice(0, 8)
      .map(([size, count]) => `${size}: ${count}`)
      .join(', ')}; largest ${largest}`,
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
  `  of the fingerprint, words (normalize, stem, split sentences) ${seconds(tokenizeCpu)} CPU ` +
    `(${perArticle(tokenizeCpu)}), shingles, MinHash and bands ${seconds(fingerprintCpu - tokenizeCpu)} CPU ` +
    `(${perArticle(fingerprintCpu - tokenizeCpu)})`,
);
console.log(
  `total over ${articles.length} articles: ${seconds(fingerprintCpu + clusterCpu)} CPU ` +
    `(${perArticle(fingerprintCpu + clusterCpu)} per article)`,
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

// ---- The same through SQLite tables ------------------------------------------------------------

const SQLITE_BATCH = 500;

/**
 * What a SQLite store would do at ingest, on tables of its own: per article, the sketch is written,
 * its band keys filed, the candidates' sketches read back by band key and confirmed, and the pairs
 * written; batches of SQLITE_BATCH articles per transaction, as the store writes them.
 */
function sqlitePass(): { wallMs: number; cpuMs: number; pairs: number; megabytes: number } {
  const folder = mkdtempSync(join(tmpdir(), 'khabar-stories-'));
  const db = new Database(join(folder, 'stories.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`
      CREATE TABLE story_sketches (article_id TEXT PRIMARY KEY, sketch BLOB NOT NULL) WITHOUT ROWID;
      CREATE TABLE story_bands (band_key INTEGER NOT NULL, article_id TEXT NOT NULL,
        PRIMARY KEY (band_key, article_id)) WITHOUT ROWID;
      CREATE TABLE story_pairs (first_id TEXT NOT NULL, second_id TEXT NOT NULL,
        PRIMARY KEY (first_id, second_id)) WITHOUT ROWID;
      CREATE INDEX story_pairs_second ON story_pairs (second_id, first_id);
    `);
    const insertSketch = db.prepare(
      'INSERT OR REPLACE INTO story_sketches (article_id, sketch) VALUES (?, ?)',
    );
    // One statement per article for its band keys, and the keys bound as parameters: a statement per
    // key, or the keys passed as JSON, cost twice as much.
    const insertBands = db.prepare(
      `INSERT OR IGNORE INTO story_bands (band_key, article_id) VALUES ${Array(BAND_COUNT).fill('(?, ?)').join(', ')}`,
    );
    const insertPair = db.prepare('INSERT OR IGNORE INTO story_pairs (first_id, second_id) VALUES (?, ?)');
    const candidates = db.prepare<unknown[], { article_id: string; sketch: Buffer }>(
      `SELECT article_id, sketch FROM story_sketches WHERE article_id IN (
         SELECT article_id FROM story_bands WHERE band_key IN (${Array(BAND_COUNT).fill('?').join(', ')}))
       AND article_id <> ?`,
    );
    let pairs = 0;
    const ingest = db.transaction((batch: readonly BenchArticle[]) => {
      for (const article of batch) {
        const fingerprint = fingerprints.get(article.id) as StoryFingerprint;
        if (fingerprint.bandKeys.length > 0) {
          for (const row of candidates.all(...fingerprint.bandKeys, article.id)) {
            const other = decodeSketch(row.sketch);
            if (other === null || !confirmStory(fingerprint.sketch, other).confirmed) continue;
            const [first, second] =
              article.id < row.article_id ? [article.id, row.article_id] : [row.article_id, article.id];
            insertPair.run(first, second);
            pairs++;
          }
          insertBands.run(...fingerprint.bandKeys.flatMap((key) => [key, article.id]));
        }
        insertSketch.run(article.id, encodeSketch(fingerprint.sketch));
      }
    });
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    for (let start = 0; start < articles.length; start += SQLITE_BATCH) {
      ingest(articles.slice(start, start + SQLITE_BATCH));
    }
    const wallMs = performance.now() - wallStart;
    const cpu = cpuMs(process.cpuUsage(cpuStart));
    db.pragma('wal_checkpoint(TRUNCATE)');
    const { bytes } = db
      .prepare<[], { bytes: number }>(
        'SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()',
      )
      .get() as { bytes: number };
    return { wallMs, cpuMs: cpu, pairs, megabytes: bytes / 2 ** 20 };
  } finally {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (values.sqlite) {
  const run = sqlitePass();
  console.log(
    `SQLite tables: candidates, confirmation and writes of sketches, band keys and pairs for ` +
      `${articles.length} articles in ${seconds(run.wallMs)} wall, ${seconds(run.cpuMs)} CPU ` +
      `(${perArticle(run.cpuMs)} per article); ${run.pairs} pairs (in memory: ${confirmedPairs.length}); ` +
      `${run.megabytes.toFixed(0)} MiB; add the fingerprints, ${seconds(fingerprintCpu)} CPU`,
  );
  if (run.pairs !== confirmedPairs.length) process.exitCode = 1;
}
