import { type ArticleRow, docFingerprint } from '../stored-row.ts';
import {
  BAND_COUNT,
  confirmStory,
  orderedPair,
  SparseUnionFind,
  STORY_FINGERPRINT_VERSION,
  type StoryMember,
  type StoryPair,
  type StorySketch,
  storyComponents,
  storyId,
} from '../stories/index.ts';
import { BandRuns, type Entries, mergeEntries, NO_ENTRIES, sortEntries } from './band-runs.ts';
import {
  type Dialect,
  insertRows,
  Params,
  type Query,
  type RowColumn,
  type Steps,
  updateRows,
} from './dialect.ts';
import { SketchCache } from './sketch-cache.ts';

/**
 * Story upkeep, the same in both stores: each runs these steps inside the transaction of the write
 * that calls for them, holding the store's write lock, so that they see every committed write and no
 * other writer changes stories meanwhile.
 *
 * The tables: `article_stories` (one row per article: its story, the hash of its sketch, its band keys
 * and its partners, the pairs kept in this row (see `linkSteps`); the sketch itself is made
 * again from the document when needed, see `SketchCache`),
 * `story_band_runs` (band key → articles, see `BandRuns`: the candidates of a new article are a few
 * look-ups) and `stories` (one row per story of two or more articles: an article alone is a story of
 * one, with no row).
 * Stories are the connected components of the confirmed pairs, named by `storyId`: they depend on the
 * stored articles only, never on the order they came in. Only a spanning set of those pairs is kept
 * (a pair is confirmed and kept only between articles not joined already), about one per article,
 * so that a story of thousands of copies costs a write no more than its size; when a member leaves,
 * what is left is joined again where other pairs hold it together (see `rejoinSteps`).
 */

/** An article whose row was just written, as story detection takes it. */
export interface StoryInput {
  seq: number;
  id: string;
  publishedAt: string | null;
  /** Its sort key (see `sortKey`). */
  sortAt: string;
  sketch: StorySketch;
  /** See `sketchHash`. */
  hash: number;
  /** LSH band keys, one per band in band order; none when the body is too short to join a story. */
  bands: ArrayLike<number>;
}

/** The story input of a row just written as article `seq`, or null when the row has no fingerprint. */
export function storyInput(seq: number, row: ArticleRow): StoryInput | null {
  if (row.fingerprint === null) return null;
  return {
    seq,
    id: row.id,
    publishedAt: row.published_at,
    sortAt: row.sort_at,
    sketch: row.fingerprint.sketch,
    hash: row.fingerprint.hash,
    bands: row.fingerprint.bands,
  };
}

/**
 * What a writer keeps in memory between its writes: the band index as it last read it and the
 * sketches it has met. Used only under the store's write lock.
 */
export class StoryMemory {
  readonly runs = new BandRuns({ derive: pendingEntries });
  readonly sketches = new SketchCache();
  /** `DEFER_LIMIT` but in tests, which reach it with fewer articles. */
  readonly deferLimit: number;

  constructor(options: { deferLimit?: number } = {}) {
    this.deferLimit = options.deferLimit ?? DEFER_LIMIT;
  }

  /**
   * New articles committed with their stories deferred (see `deferStories`), by seq: they have no
   * row in `article_stories` yet, and are filed and compared all at once by `settleDeferredSteps`.
   */
  readonly deferred = new Map<number, StoryInput>();

  /** Takes in what a committed transaction deferred or settled; a rolled-back one changes nothing. */
  committed(work: StoryWork): void {
    for (const seq of work.undeferred) this.deferred.delete(seq);
    for (const input of work.deferred) this.deferred.set(input.seq, input);
  }
}

/**
 * Deferred articles are settled with the write that brings their number to this: their sketches
 * wait in the writer's memory (about 2 kB each for a SaudiNewsNet article, 100 MB at most here).
 */
export const DEFER_LIMIT = 50_000;

/**
 * The story inputs of a write whose stories may wait (`WriteOptions.deferStories`): the new articles
 * (after `freshAfter`, the last article before the write) are put aside in `work.deferred`, kept once
 * the write commits; those it updated are returned, to be filed now as any write files them. Once the
 * deferred articles would come to `DEFER_LIMIT` (`StoryMemory.deferLimit`), nothing is put aside: the write settles them all
 * (`settleDeferredSteps`) and files its own with them.
 */
export function deferStories(
  memory: StoryMemory,
  work: StoryWork,
  written: readonly StoryInput[],
  freshAfter: number,
): StoryInput[] {
  const fresh = written.filter((input) => input.seq > freshAfter);
  const now = written.filter((input) => input.seq <= freshAfter);
  if (memory.deferred.size + fresh.length >= memory.deferLimit) {
    work.settling = fresh;
    return now;
  }
  work.deferred.push(...fresh);
  return now;
}

/**
 * Files and compares the deferred articles as one batch, as `writeStorySteps` files a write's
 * articles: one pass over the band index for all of them, where a pass per write costs more the more
 * writes there are. A write that settles them (see `deferStories`) hands over the new articles of
 * `work.settling` and the rest of its own in `written` (after `freshAfter` as `writeStorySteps` has
 * it), filed in the same pass, so that each finds the others. A deferred article is left out when it
 * is gone, or has a row already: another writer gave it its story (a store opening meanwhile gives
 * every article without a row one), from its stored document. `finishStorySteps` then works out
 * their stories, as after any write.
 */
export function* settleDeferredSteps(
  dialect: Dialect,
  memory: StoryMemory,
  work: StoryWork,
  written: readonly StoryInput[] = [],
  freshAfter = 0,
): Steps<void> {
  const waiting = [...memory.deferred.values()];
  const settling = [...work.settling, ...written];
  work.settling = [];
  if (waiting.length === 0 && settling.length === 0) return;
  work.undeferred.push(...waiting.map((input) => input.seq));
  let live: StoryInput[] = [];
  if (waiting.length > 0) {
    const rows = (yield statement(
      dialect,
      (params) =>
        `SELECT a.seq, a.id FROM articles AS a
         WHERE ${params.inList(
           'a.seq',
           waiting.map((input) => input.seq),
           'bigint',
         )}
           AND NOT EXISTS (SELECT 1 FROM article_stories AS s WHERE s.article_seq = a.seq)`,
    )) as { seq: number | string; id: string }[];
    const idOf = new Map(rows.map((row) => [Number(row.seq), row.id]));
    live = waiting.filter((input) => idOf.get(input.seq) === input.id);
  }
  const all = [...live, ...settling];
  // The deferred have no row: read or not, each is new to the story tables.
  yield* writeStorySteps(dialect, memory, work, all, freshAfter);
}

/**
 * The band index's pending entries (see `BandRuns`): those of the articles after the watermark (or of
 * `only` of them) whose sketch is current, from the band keys in their rows.
 */
function* pendingEntries(dialect: Dialect, watermark: number, only?: readonly number[]): Steps<Entries> {
  const rows = (yield statement(
    dialect,
    (params) =>
      `SELECT article_seq, bands FROM article_stories
       WHERE article_seq > ${params.add(watermark)} AND sketch_version = ${params.add(STORY_FINGERPRINT_VERSION)}
         AND bands IS NOT NULL${only === undefined ? '' : ` AND ${params.inList('article_seq', only, 'bigint')}`}`,
  )) as { article_seq: number | string; bands: Uint8Array }[];
  return sortEntries(rows.map((row) => ({ seq: Number(row.article_seq), keys: decodeBands(row.bands) })));
}

/**
 * Writes the band index's pending entries as a run (see `BandRuns.flush`): a store being compacted
 * leaves another writer nothing to make again.
 */
export function* flushStorySteps(dialect: Dialect, memory: StoryMemory): Steps<void> {
  yield* memory.runs.sync(dialect);
  yield* memory.runs.flush(dialect);
}

/**
 * Whether the band index has pending entries to write (see `flushStorySteps`), read without the write
 * lock: a store being compacted while another process writes need not wait for it when there are none.
 */
export function pendingFlushQuery(dialect: Dialect): Query {
  return statement(
    dialect,
    (params) =>
      `SELECT EXISTS (
         SELECT 1 FROM article_stories, story_band_state
         WHERE article_seq > story_band_state.watermark
           AND sketch_version = ${params.add(STORY_FINGERPRINT_VERSION)} AND bands IS NOT NULL
       ) AS pending`,
  );
}

/** What the band index of a store files, read afresh (see `BandRuns.contents`): for checks. */
export function* bandIndexSteps(
  dialect: Dialect,
): Steps<{ stored: Entries; pending: Entries; watermark: number | null }> {
  const runs = new BandRuns({ derive: pendingEntries });
  yield* runs.sync(dialect);
  return runs.contents();
}

/** Reads the band runs once in a transaction, before the first look-up or append. */
function* syncRuns(dialect: Dialect, runs: BandRuns, work: StoryWork): Steps<void> {
  if (!work.synced) yield* runs.sync(dialect);
  work.synced = true;
}

/** What one transaction's story upkeep has to finish (see `finishStorySteps`). */
export interface StoryWork {
  /** Ids of the stories it touched: their articles' stories are worked out again before it commits. */
  affected: Set<string>;
  /** Band keys filed and removed, by article. */
  added: Entries[];
  removed: { seq: number; keys: readonly number[] }[];
  /** Whether the band runs were read in this transaction. */
  synced: boolean;
  /** Articles new to the store, by id, and those of them that joined another. */
  fresh: Set<string>;
  paired: Set<string>;
  /** New articles whose stories wait, kept in `StoryMemory.deferred` once the write commits. */
  deferred: StoryInput[];
  /** New articles a write hands to `settleDeferredSteps` rather than defer. */
  settling: StoryInput[];
  /** Deferred articles the write settled or deleted, no longer deferred once it commits. */
  undeferred: number[];
}

export function storyWork(): StoryWork {
  return {
    affected: new Set(),
    added: [],
    removed: [],
    synced: false,
    fresh: new Set(),
    paired: new Set(),
    deferred: [],
    settling: [],
    undeferred: [],
  };
}

/** What the steps read of an article's row in `article_stories`. */
interface StoryRow {
  article_seq: number | string;
  story_id: string;
  sketch_version: number;
  sketch_hash: number | string | null;
  bands: Uint8Array | null;
}

const STORY_ROW_COLUMNS = [
  { name: 'article_seq', type: 'bigint' },
  { name: 'story_id', type: 'text' },
  { name: 'sketch_version', type: 'integer' },
  { name: 'sketch_hash', type: 'bigint' },
  { name: 'bands', type: 'bytes' },
  { name: 'partners', type: 'bytes' },
] as const;

const STORY_COLUMNS = [
  { name: 'id', type: 'text' },
  { name: 'size', type: 'integer' },
  { name: 'first_published_at', type: 'text' },
  { name: 'last_published_at', type: 'text' },
  { name: 'sort_at', type: 'text' },
] as const;

/** Sets one column of `article_stories` for each of `rows`: an article's seq and the column's value. */
function updateArticleStories(
  dialect: Dialect,
  column: RowColumn,
  rows: readonly (readonly [number, unknown])[],
): Query {
  return updateRows(dialect, 'article_stories', { name: 'article_seq', type: 'bigint' }, column, rows);
}

function statement(dialect: Dialect, build: (params: Params) => string): Query {
  const params = new Params(dialect);
  return params.query(build(params));
}

/**
 * Takes articles about to be deleted out of their stories: their rows, band keys and pairs go, and
 * their stories are noted (see `finishStorySteps`). Runs before the articles are deleted.
 */
export function* removeStorySteps(
  dialect: Dialect,
  memory: StoryMemory,
  work: StoryWork,
  seqs: readonly number[],
): Steps<void> {
  if (seqs.length === 0) return;
  const rows = (yield statement(
    dialect,
    (params) =>
      `SELECT s.article_seq, s.story_id, s.bands, a.id FROM article_stories AS s
       JOIN articles AS a ON a.seq = s.article_seq WHERE ${params.inList('s.article_seq', seqs, 'bigint')}`,
  )) as { article_seq: number | string; story_id: string; bands: Uint8Array | null; id: string }[];
  for (const row of rows) work.affected.add(row.story_id);
  for (const seq of seqs) {
    memory.sketches.delete(seq);
    work.undeferred.push(seq);
  }
  yield* detachSteps(
    dialect,
    work,
    rows.map((row) => ({ seq: Number(row.article_seq), story: row.story_id, bands: row.bands })),
  );
  yield statement(
    dialect,
    (params) => `DELETE FROM article_stories WHERE ${params.inList('article_seq', seqs, 'bigint')}`,
  );
}

/**
 * Files articles just written (added or updated; those after `freshAfter`, the last article before
 * the write, are new): an article whose sketch is the one stored (by its hash) changes no pair (its
 * story is worked out again all the same, as its date may have moved); any other loses its band keys
 * and pairs, gets its new ones, and is compared with the articles its band keys find, those written
 * with it included.
 */
export function* writeStorySteps(
  dialect: Dialect,
  memory: StoryMemory,
  work: StoryWork,
  written: readonly StoryInput[],
  freshAfter: number = Number.POSITIVE_INFINITY,
): Steps<void> {
  const { affected } = work;
  if (written.length > 0) {
    // An article after `freshAfter` is new to the store: it has no row to read.
    const seqs = written.filter((input) => input.seq <= freshAfter).map((input) => input.seq);
    const stored =
      seqs.length === 0
        ? []
        : ((yield statement(
            dialect,
            (params) =>
              `SELECT article_seq, story_id, sketch_version, sketch_hash, bands FROM article_stories
               WHERE ${params.inList('article_seq', seqs, 'bigint')}`,
          )) as StoryRow[]);
    const storedBySeq = new Map(stored.map((row) => [Number(row.article_seq), row]));
    const changed: StoryInput[] = [];
    const detached: Detached[] = [];
    for (const input of written) {
      const previous = storedBySeq.get(input.seq);
      if (previous === undefined) {
        work.fresh.add(input.id);
        changed.push(input);
        continue;
      }
      affected.add(previous.story_id);
      if (
        Number(previous.sketch_version) === STORY_FINGERPRINT_VERSION &&
        previous.sketch_hash !== null &&
        Number(previous.sketch_hash) === input.hash
      ) {
        continue;
      }
      detached.push({ seq: input.seq, story: previous.story_id, bands: previous.bands });
      memory.sketches.delete(input.seq);
      changed.push(input);
    }
    yield* detachSteps(dialect, work, detached);
    if (changed.length > 0) {
      const partners = yield* linkSteps(dialect, memory, work, changed);
      // A new article is a story of its own until its pairs are known; an updated one keeps its story's
      // id until the story is worked out again below.
      yield insertRows(
        dialect,
        'article_stories',
        STORY_ROW_COLUMNS,
        changed.map((input) => [
          input.seq,
          input.id,
          STORY_FINGERPRINT_VERSION,
          input.hash,
          encodeBands(input.bands),
          encodeSeqs(partners.get(input.seq) ?? []),
        ]),
        `ON CONFLICT (article_seq) DO UPDATE SET sketch_version = excluded.sketch_version,
           sketch_hash = excluded.sketch_hash, bands = excluded.bands, partners = excluded.partners`,
      );
    }
  }
}

/**
 * Finishes a transaction's story upkeep: writes the band keys filed and removed as a run, and works
 * every story touched out again from its pairs (see `settleSteps`).
 */
export function* finishStorySteps(dialect: Dialect, memory: StoryMemory, work: StoryWork): Steps<void> {
  const { runs } = memory;
  if (work.added.length > 0 || work.removed.length > 0) {
    yield* syncRuns(dialect, runs, work);
    yield* runs.append(dialect, work.added.reduce(mergeEntries, NO_ENTRIES), sortEntries(work.removed));
    work.added = [];
    work.removed = [];
  }
  // A new article that joined none is a story of its own, and new: nothing to read. (An article
  // deleted and stored again in one batch, a row of its own anew, may still name a story.)
  const alone: string[] = [];
  for (const id of work.fresh) {
    if (work.paired.has(id) || work.affected.has(id)) work.affected.add(id);
    else alone.push(id);
  }
  yield* settleSteps(dialect, memory.sketches, work.affected);
  // A story of one has no row in `stories`. A row named by a new article's id is stale (a story's id
  // is one of its own articles, and this one was not stored): left by a write that kept no stories,
  // such as an older version's. It goes.
  if (alone.length > 0) {
    yield statement(dialect, (params) => `DELETE FROM stories WHERE ${params.inList('id', alone)}`);
  }
}

/** A row of `stories`: id, size, first and last publication times, sort key. */
type StoryRowValues = [string, number, string | null, string | null, string];

interface Detached {
  seq: number;
  /** Its story: every article paired with it is there. */
  story: string;
  /** The band keys stored for it (see `encodeBands`), null when none were. */
  bands: Uint8Array | null;
}

/**
 * Removes the band keys and pairs of articles whose body is gone or changed. A pair is kept in the row
 * of the article it was found for (see `linkSteps`); the rows of the detached articles lose theirs
 * as they are written or deleted, and those of the rest of their stories are rewritten without them.
 */
function* detachSteps(dialect: Dialect, work: StoryWork, detached: readonly Detached[]): Steps<void> {
  if (detached.length === 0) return;
  for (const item of detached) {
    const keys = decodeBands(item.bands);
    if (keys.length > 0) work.removed.push({ seq: item.seq, keys });
  }
  const gone = new Set(detached.map((item) => item.seq));
  const rows = (yield statement(
    dialect,
    (params) =>
      `SELECT article_seq, partners FROM article_stories WHERE ${params.inList('story_id', [
        ...new Set(detached.map((item) => item.story)),
      ])}`,
  )) as { article_seq: number | string; partners: Uint8Array | null }[];
  const rewritten: [number, Uint8Array | null][] = [];
  for (const row of rows) {
    const seq = Number(row.article_seq);
    if (gone.has(seq)) continue;
    const partners = decodeSeqs(row.partners);
    const kept = partners.filter((partner) => !gone.has(partner));
    if (kept.length < partners.length) rewritten.push([seq, encodeSeqs(kept)]);
  }
  if (rewritten.length > 0) {
    yield updateArticleStories(dialect, { name: 'partners', type: 'bytes' }, rewritten);
  }
}

/**
 * Files the band keys of articles with a new sketch, looks up the articles sharing one of them (for
 * the whole batch at once, so articles of the batch find each other too) and confirms each candidate
 * not joined to it already (by the kept pairs of the candidates' stories, or a pair confirmed here).
 * Returns the confirmed pairs as the partners of the batch's articles, to keep in their rows: a pair
 * with an article stored before belongs to the batch's article, one within the batch to the later of
 * its articles.
 */
function* linkSteps(
  dialect: Dialect,
  memory: StoryMemory,
  work: StoryWork,
  changed: readonly StoryInput[],
): Steps<Map<number, number[]>> {
  const { runs, sketches } = memory;
  const partners = new Map<number, number[]>();
  const filed = changed.filter((input) => input.bands.length > 0);
  if (filed.length === 0) return partners;
  for (const input of filed) sketches.set(input.seq, input.hash, input.sketch);
  yield* syncRuns(dialect, runs, work);
  const batch = new Map(filed.map((input) => [input.seq, input]));

  // Candidates: the other articles of the batch that share a key, and stored ones the runs file under
  // a key (checked below against the keys they hold now). The batch's entries sorted by key give both:
  // a key's batch articles are neighbours, and its stored ones are found by one merge walk.
  const candidates = new Map<number, Set<number>>();
  const propose = (seq: number, other: number) => {
    const low = Math.min(seq, other);
    const high = Math.max(seq, other);
    const partners = candidates.get(low);
    if (partners === undefined) candidates.set(low, new Set([high]));
    else partners.add(high);
  };
  const entries = sortEntries(filed.map((input) => ({ seq: input.seq, keys: input.bands })));
  work.added.push(entries);
  // Where each distinct key's entries start, and one past the last.
  const starts = new Uint32Array(entries.keys.length + 1);
  let groups = 0;
  for (let index = 0; index < entries.keys.length; index++) {
    if (index === 0 || entries.keys[index] !== entries.keys[index - 1]) starts[groups++] = index;
  }
  starts[groups] = entries.keys.length;
  const distinct = new Float64Array(groups);
  for (let group = 0; group < groups; group++) {
    distinct[group] = entries.keys[starts[group] as number] as number;
  }
  for (let group = 0; group < groups; group++) {
    const end = starts[group + 1] as number;
    for (let one = starts[group] as number; one < end; one++) {
      for (let other = one + 1; other < end; other++) {
        propose(entries.seqs[one] as number, entries.seqs[other] as number);
      }
    }
  }
  runs.lookupEach(distinct, (group, other) => {
    if (batch.has(other)) return;
    const end = starts[group + 1] as number;
    for (let one = starts[group] as number; one < end; one++) propose(entries.seqs[one] as number, other);
  });
  if (candidates.size === 0) return partners;

  const outside = new Set<number>();
  for (const [low, others] of candidates) {
    if (!batch.has(low)) outside.add(low);
    for (const high of others) if (!batch.has(high)) outside.add(high);
  }
  const known = new Map<number, Known>();
  for (const input of filed) {
    known.set(input.seq, { id: input.id, story: null, sketch: input.sketch, keys: input.bands });
  }
  if (outside.size > 0) yield* knownSteps(dialect, sketches, [...outside], known);

  // Two articles the kept pairs (or pairs confirmed here already) join are one story whatever their
  // own comparison says: it is not made, and no pair is kept for it. The pairs kept are then a
  // spanning set of the confirmed ones, about one per article, however large a story grows.
  const joined = yield* keptPairSets(dialect, batch, known);
  for (const [low, others] of candidates) {
    const one = known.get(low);
    if (!one?.sketch) continue;
    for (const high of others) {
      const other = known.get(high);
      if (!other?.sketch) continue;
      if (joined.connected(low, high)) continue;
      // A run may still file a stored article under keys it has lost: candidates share a key now.
      if (!shareBand(one.keys, other.keys)) continue;
      if (!confirmStory(one.sketch, other.sketch).confirmed) continue;
      joined.union(low, high);
      const [holder, partner] = batch.has(high) ? [high, low] : [low, high];
      const held = partners.get(holder);
      if (held === undefined) partners.set(holder, [partner]);
      else held.push(partner);
      for (const side of [one, other]) {
        if (side.id !== null) work.paired.add(side.id);
        if (side.story !== null) work.affected.add(side.story);
      }
    }
  }
  return partners;
}

/**
 * The stored articles of the candidates' stories joined as their kept pairs join them now: the
 * rows of the batch's articles left out, whose pairs are about to be replaced.
 */
function* keptPairSets(
  dialect: Dialect,
  batch: ReadonlyMap<number, unknown>,
  known: ReadonlyMap<number, Known>,
): Steps<SparseUnionFind> {
  const sets = new SparseUnionFind();
  const stories = new Set<string>();
  for (const entry of known.values()) if (entry.story !== null) stories.add(entry.story);
  if (stories.size === 0) return sets;
  const rows = (yield statement(
    dialect,
    (params) =>
      `SELECT article_seq, partners FROM article_stories WHERE ${params.inList('story_id', [...stories])}`,
  )) as { article_seq: number | string; partners: Uint8Array | null }[];
  for (const row of rows) {
    const seq = Number(row.article_seq);
    if (batch.has(seq)) continue;
    for (const partner of decodeSeqs(row.partners)) if (!batch.has(partner)) sets.union(seq, partner);
  }
  return sets;
}

/** A candidate as confirmation takes it. */
interface Known {
  /** Its id, for one of the batch; null for a stored article, known by its story. */
  id: string | null;
  /** Its story, for a stored article; null for one of the batch. */
  story: string | null;
  /** Null when its sketch is owed: it finds this one when its sketch is made. */
  sketch: StorySketch | null;
  /** Its band keys: those it holds now, for a stored article; those it is filed under, for the batch's. */
  keys: ArrayLike<number>;
}

/**
 * Reads what confirmation needs of stored articles into `known`: their story, band keys and sketch,
 * the sketch from `sketches` when it holds the one stored, else made again from the document.
 */
function* knownSteps(
  dialect: Dialect,
  sketches: SketchCache,
  seqs: readonly number[],
  known: Map<number, Known>,
): Steps<void> {
  const rows = (yield statement(
    dialect,
    (params) =>
      `SELECT article_seq, story_id, sketch_version, sketch_hash, bands FROM article_stories
       WHERE ${params.inList('article_seq', seqs, 'bigint')}`,
  )) as StoryRow[];
  const missing = new Map<number, number>();
  for (const row of rows) {
    const seq = Number(row.article_seq);
    const current = Number(row.sketch_version) === STORY_FINGERPRINT_VERSION && row.sketch_hash !== null;
    const hash = Number(row.sketch_hash);
    const sketch = current ? (sketches.get(seq, hash) ?? null) : null;
    if (current && sketch === null) missing.set(seq, hash);
    known.set(seq, { id: null, story: row.story_id, sketch, keys: decodeBands(row.bands) });
  }
  if (missing.size === 0) return;
  const docs = (yield statement(
    dialect,
    (params) => `SELECT seq, doc FROM articles WHERE ${params.inList('seq', [...missing.keys()], 'bigint')}`,
  )) as { seq: number | string; doc: string }[];
  for (const row of docs) {
    const seq = Number(row.seq);
    const { sketch, hash } = docFingerprint(row.doc);
    // A document whose sketch is no longer the one its pairs were confirmed with (made by other
    // settings under the same version) is compared as it is now, and held under the stored hash only
    // when it is the same sketch.
    if (hash === missing.get(seq)) sketches.set(seq, hash, sketch);
    const entry = known.get(seq);
    if (entry !== undefined) entry.sketch = sketch;
  }
}

/** Whether two articles' band keys (one per band, in band order) share one: a key names its band. */
function shareBand(first: ArrayLike<number>, second: ArrayLike<number>): boolean {
  const bands = Math.min(first.length, second.length);
  for (let band = 0; band < bands; band++) if (first[band] === second[band]) return true;
  return false;
}

interface MemberRow {
  article_seq: number | string;
  story_id: string;
  id: string;
  published_at: string | null;
  sort_at: string;
  partners: Uint8Array | null;
}

/**
 * Works the affected stories out again: their articles' connected components by the stored pairs,
 * each named by `storyId`, each of two or more articles with its row in `stories`; stories left with
 * fewer lose theirs.
 */
function* settleSteps(dialect: Dialect, sketches: SketchCache, affected: ReadonlySet<string>): Steps<void> {
  if (affected.size === 0) return;
  const storyIds = [...affected];
  const members = (yield statement(
    dialect,
    (params) =>
      `SELECT s.article_seq, s.story_id, s.partners, a.id, a.published_at, a.sort_at
       FROM article_stories AS s JOIN articles AS a ON a.seq = s.article_seq
       WHERE ${params.inList('s.story_id', storyIds)}`,
  )) as MemberRow[];
  const ids = members.map((member) => member.id);
  // Both articles of a pair are in one story, and the pair is kept in one of their rows: the pairs of
  // these articles are all here.
  const idOf = new Map(members.map((member) => [Number(member.article_seq), member.id]));
  // A partner that is no member is gone (deleted by a write that kept no stories): it is dropped.
  const partnersOf = new Map<number, number[]>();
  const mended = new Set<number>();
  const sets = new SparseUnionFind();
  for (const member of members) {
    const seq = Number(member.article_seq);
    const partners = decodeSeqs(member.partners);
    const kept = partners.filter((partner) => idOf.has(partner));
    if (kept.length < partners.length) mended.add(seq);
    partnersOf.set(seq, kept);
    for (const partner of kept) sets.union(seq, partner);
  }
  yield* rejoinSteps(dialect, sketches, members, sets, (holder, partner) => {
    partnersOf.get(holder)?.push(partner);
    mended.add(holder);
  });
  if (mended.size > 0) {
    yield updateArticleStories(
      dialect,
      { name: 'partners', type: 'bytes' },
      [...mended].map((seq) => [seq, encodeSeqs(partnersOf.get(seq) ?? [])]),
    );
  }
  const pairs: StoryPair[] = [];
  for (const [seq, partners] of partnersOf) {
    const id = idOf.get(seq) as string;
    for (const partner of partners) pairs.push(orderedPair(id, idOf.get(partner) as string));
  }
  const byId = new Map(members.map((member) => [member.id, member]));
  const moves: [number, string][] = [];
  const rows: StoryRowValues[] = [];
  for (const component of storyComponents(ids, pairs)) {
    const rowsOf = component.map((id) => byId.get(id) as MemberRow);
    const id = storyId(rowsOf.map(asMember));
    for (const member of rowsOf) {
      if (member.story_id !== id) moves.push([Number(member.article_seq), id]);
    }
    const earliest = byId.get(id) as MemberRow;
    const latest = rowsOf.reduce((last, member) =>
      member.sort_at > last.sort_at || (member.sort_at === last.sort_at && member.id > last.id)
        ? member
        : last,
    );
    if (rowsOf.length > 1) {
      rows.push([id, rowsOf.length, earliest.published_at, latest.published_at, latest.sort_at]);
    }
  }
  if (moves.length > 0) {
    yield updateArticleStories(dialect, { name: 'story_id', type: 'text' }, moves);
  }
  // A story keeping its id is updated in place (its id's index entry stays); the rest go.
  const kept = new Set(rows.map(([id]) => id));
  const gone = storyIds.filter((id) => !kept.has(id));
  if (gone.length > 0) {
    yield statement(dialect, (params) => `DELETE FROM stories WHERE ${params.inList('id', gone)}`);
  }
  if (rows.length > 0) {
    yield insertRows(
      dialect,
      'stories',
      STORY_COLUMNS,
      rows,
      `ON CONFLICT (id) DO UPDATE SET size = excluded.size, first_published_at = excluded.first_published_at,
         last_published_at = excluded.last_published_at, sort_at = excluded.sort_at`,
    );
  }
}

/**
 * Joins again the pieces of a story that the kept pairs no longer hold together (a member was
 * deleted, or its body changed): the pairs kept are a spanning set of those confirmed, so a piece
 * may still match another. Members sharing a band key are compared across pieces, piece by piece,
 * until one pair joins two; each pair found is given to `keep` (held by the later article) and joins
 * `sets`. A story whose members still hold together costs nothing more.
 */
function* rejoinSteps(
  dialect: Dialect,
  sketches: SketchCache,
  members: readonly MemberRow[],
  sets: SparseUnionFind,
  keep: (holder: number, partner: number) => void,
): Steps<void> {
  const byStory = new Map<string, number[]>();
  const pieces = new Map<string, Set<number>>();
  for (const member of members) {
    const seq = Number(member.article_seq);
    const seqs = byStory.get(member.story_id);
    if (seqs === undefined) byStory.set(member.story_id, [seq]);
    else seqs.push(seq);
    const roots = pieces.get(member.story_id) ?? new Set<number>();
    roots.add(sets.find(seq));
    pieces.set(member.story_id, roots);
  }
  const split = [...byStory].filter(([story]) => (pieces.get(story)?.size ?? 0) > 1);
  if (split.length === 0) return;
  const known = new Map<number, Known>();
  yield* knownSteps(
    dialect,
    sketches,
    split.flatMap(([, seqs]) => seqs),
    known,
  );
  for (const [, seqs] of split) {
    const byKey = new Map<number, number[]>();
    for (const seq of [...seqs].sort((first, second) => first - second)) {
      const keys = known.get(seq)?.keys ?? [];
      for (let band = 0; band < keys.length; band++) {
        const key = keys[band] as number;
        const holders = byKey.get(key);
        if (holders === undefined) byKey.set(key, [seq]);
        else holders.push(seq);
      }
    }
    for (const holders of byKey.values()) {
      if (holders.length > 1) joinAcross(holders, known, sets, keep);
    }
  }
}

/**
 * Compares the articles filed under one band key across the sets they are in, each against the
 * pieces before it, until a confirmed pair joins them: the pieces are kept as lists, merged small
 * into large, so a key whose articles all join costs a step each.
 */
function joinAcross(
  holders: readonly number[],
  known: ReadonlyMap<number, Known>,
  sets: SparseUnionFind,
  keep: (holder: number, partner: number) => void,
): void {
  let groups: number[][] = [];
  for (const seq of holders) {
    const sketch = known.get(seq)?.sketch;
    // An article whose sketch is owed is compared when it is made (see `backfillSteps`).
    if (!sketch) continue;
    const next: number[][] = [];
    let home: number[] | null = null;
    for (const group of groups) {
      let joins = sets.connected(group[0] as number, seq);
      for (let index = 0; !joins && index < group.length; index++) {
        const other = group[index] as number;
        const otherSketch = known.get(other)?.sketch;
        if (otherSketch && confirmStory(sketch, otherSketch).confirmed) {
          sets.union(seq, other);
          keep(Math.max(seq, other), Math.min(seq, other));
          joins = true;
        }
      }
      if (!joins) next.push(group);
      else if (home === null) {
        home = group;
        next.push(group);
      } else {
        const homeLarger: boolean = home.length >= group.length;
        const large: number[] = homeLarger ? home : group;
        const small: number[] = homeLarger ? group : home;
        for (const member of small) large.push(member);
        if (!homeLarger) next[next.indexOf(home)] = large;
        home = large;
      }
    }
    if (home === null) next.push([seq]);
    else home.push(seq);
    groups = next;
  }
}

function asMember(row: MemberRow): StoryMember {
  return { id: row.id, publishedAt: row.published_at, sortAt: row.sort_at };
}

/** Every story row names an article, so as many of each means no article is without one. */
const SOME_ARTICLE_ROWLESS = '(SELECT count(*) FROM articles) <> (SELECT count(*) FROM article_stories)';

/**
 * Whether some article's sketch is owed (see `backfillSteps`), without the lock: a look-up of an
 * index, and two counts.
 */
export function storiesOwedQuery(dialect: Dialect): Query {
  return statement(
    dialect,
    (params) =>
      `SELECT 1 AS owed
       WHERE EXISTS (SELECT 1 FROM article_stories WHERE sketch_version < ${params.add(STORY_FINGERPRINT_VERSION)})
         OR ${SOME_ARTICLE_ROWLESS}`,
  );
}

/** Articles whose sketch is owed are given theirs this many at a time, each batch in its own transaction. */
export const BACKFILL_BATCH = 500;

/**
 * Gives up to `limit` articles whose sketch is owed (written before stories were kept, or with other
 * fingerprint settings) their sketch, band keys, pairs and stories, as writing them again would.
 * Returns how many it took: none left when 0.
 */
export function* backfillSteps(
  dialect: Dialect,
  memory: StoryMemory,
  limit: number = BACKFILL_BATCH,
): Steps<number> {
  type OwedRow = {
    article_seq: number | string;
    id: string;
    published_at: string | null;
    sort_at: string;
    doc: string;
  };
  const rows = (yield statement(
    dialect,
    (params) =>
      `SELECT s.article_seq, a.id, a.published_at, a.sort_at, a.doc FROM article_stories AS s
       JOIN articles AS a ON a.seq = s.article_seq
       WHERE s.sketch_version < ${params.add(STORY_FINGERPRINT_VERSION)}
       ORDER BY s.article_seq LIMIT ${params.add(limit)}`,
  )) as OwedRow[];
  // Articles with no story row at all are looked for once those owed by version are done, and only
  // when the counts say some are: the look reads the whole table.
  const missing =
    rows.length < limit &&
    ((yield statement(dialect, () => `SELECT 1 AS missing WHERE ${SOME_ARTICLE_ROWLESS}`)) as unknown[])
      .length > 0;
  if (missing) {
    rows.push(
      ...((yield statement(
        dialect,
        (params) =>
          `SELECT a.seq AS article_seq, a.id, a.published_at, a.sort_at, a.doc FROM articles AS a
           WHERE NOT EXISTS (SELECT 1 FROM article_stories AS s WHERE s.article_seq = a.seq)
           ORDER BY a.seq LIMIT ${params.add(limit - rows.length)}`,
      )) as OwedRow[]),
    );
  }
  const written = rows.map((row): StoryInput => {
    const fingerprint = docFingerprint(row.doc);
    return {
      seq: Number(row.article_seq),
      id: row.id,
      publishedAt: row.published_at,
      sortAt: row.sort_at,
      sketch: fingerprint.sketch,
      hash: fingerprint.hash,
      bands: fingerprint.bands,
    };
  });
  const work = storyWork();
  yield* writeStorySteps(dialect, memory, work, written);
  yield* finishStorySteps(dialect, memory, work);
  return rows.length;
}

/**
 * Band keys as stored: the 32-bit hash of each band in band order (a key is band × 2³² + its hash,
 * see `bandKeys`), little-endian; null when there are none.
 */
export function encodeBands(keys: ArrayLike<number>): Uint8Array | null {
  if (keys.length === 0) return null;
  const bytes = new Uint8Array(4 * keys.length);
  const view = new DataView(bytes.buffer);
  for (let band = 0; band < keys.length; band++) {
    view.setUint32(4 * band, (keys[band] as number) - band * BAND_SPAN, true);
  }
  return bytes;
}

export function decodeBands(bytes: Uint8Array | null): number[] {
  if (bytes === null || bytes.length !== 4 * BAND_COUNT) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const keys: number[] = new Array(BAND_COUNT);
  for (let band = 0; band < BAND_COUNT; band++)
    keys[band] = band * BAND_SPAN + view.getUint32(4 * band, true);
  return keys;
}

const BAND_SPAN = 2 ** 32;

/** Articles (their `seq`) as stored: float64 little-endian each; null when there are none. */
export function encodeSeqs(seqs: readonly number[]): Uint8Array | null {
  if (seqs.length === 0) return null;
  const bytes = new Uint8Array(8 * seqs.length);
  const view = new DataView(bytes.buffer);
  seqs.forEach((seq, index) => {
    view.setFloat64(8 * index, seq, true);
  });
  return bytes;
}

export function decodeSeqs(bytes: Uint8Array | null): number[] {
  if (bytes === null || bytes.length % 8 !== 0) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 8 }, (_, index) => view.getFloat64(8 * index, true));
}
