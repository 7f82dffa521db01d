import { readDoc, rowFingerprint } from '../stored-row.ts';
import {
  bodySentences,
  confirmStory,
  decodeSketch,
  orderedPair,
  STORY_FINGERPRINT_VERSION,
  type StoryMember,
  type StoryPair,
  type StorySketch,
  storyComponents,
  storyId,
} from '../stories/index.ts';
import { type BandRuns, sortEntries } from './band-runs.ts';
import { type Dialect, insertRows, Params, type Query, type Steps, updateRows } from './dialect.ts';

/**
 * Story upkeep, the same in both stores: each runs these steps inside the transaction of the write
 * that calls for them, holding the store's write lock, so that they see every committed write and no
 * other writer changes stories meanwhile.
 *
 * The tables: `article_stories` (one row per article: its story, its sketch and band keys),
 * `story_band_runs` (band key → articles, see `BandRuns`: the candidates of a new article are a few
 * look-ups), `story_pairs` (the confirmed pairs, the smaller article id first) and `stories` (one row
 * per story).
 * Stories are the connected components of the confirmed pairs, named by `storyId`: they depend on the
 * stored articles only, never on the order they came in.
 */

/** An article whose row was just written, as story detection takes it. */
export interface StoryInput {
  seq: number;
  id: string;
  publishedAt: string | null;
  /** Its sort key (see `sortKey`). */
  sortAt: string;
  /** The sketch as stored (see `encodeSketch`). */
  sketch: Uint8Array;
  /** LSH band keys; none when the body is too short to join a story. */
  bands: readonly number[];
}

/** What one transaction's story upkeep has to finish (see `finishStorySteps`). */
export interface StoryWork {
  /** Ids of the stories it touched: their articles' stories are worked out again before it commits. */
  affected: Set<string>;
  /** Band keys filed and removed, by article. */
  added: { seq: number; keys: readonly number[] }[];
  removed: { seq: number; keys: readonly number[] }[];
  /** Whether the band runs were read in this transaction. */
  synced: boolean;
  /** Articles new to the store, by id, and those of them that joined another. */
  fresh: Map<string, StoryInput>;
  paired: Set<string>;
}

export function storyWork(): StoryWork {
  return {
    affected: new Set(),
    added: [],
    removed: [],
    synced: false,
    fresh: new Map(),
    paired: new Set(),
  };
}

const STORY_ROW_COLUMNS = [
  { name: 'article_seq', type: 'bigint' },
  { name: 'story_id', type: 'text' },
  { name: 'sketch_version', type: 'integer' },
  { name: 'bands', type: 'bytes' },
  { name: 'sketch', type: 'bytes' },
] as const;

const PAIR_COLUMNS = [
  { name: 'first_id', type: 'text' },
  { name: 'second_id', type: 'text' },
] as const;

const STORY_COLUMNS = [
  { name: 'id', type: 'text' },
  { name: 'size', type: 'integer' },
  { name: 'first_published_at', type: 'text' },
  { name: 'last_published_at', type: 'text' },
  { name: 'sort_at', type: 'text' },
] as const;

function statement(dialect: Dialect, build: (params: Params) => string): Query {
  const params = new Params(dialect);
  return params.query(build(params));
}

/**
 * Takes articles about to be deleted out of their stories: their rows, band keys and pairs go, and
 * their stories are noted (see `finishStorySteps`). Runs before the articles are deleted.
 */
export function* removeStorySteps(dialect: Dialect, work: StoryWork, seqs: readonly number[]): Steps<void> {
  if (seqs.length === 0) return;
  const rows = (yield statement(
    dialect,
    (params) =>
      `SELECT s.article_seq, s.story_id, s.bands, a.id FROM article_stories AS s
       JOIN articles AS a ON a.seq = s.article_seq WHERE ${params.inList('s.article_seq', seqs, 'bigint')}`,
  )) as { article_seq: number | string; story_id: string; bands: Uint8Array | null; id: string }[];
  for (const row of rows) work.affected.add(row.story_id);
  yield* detachSteps(
    dialect,
    work,
    rows.map((row) => ({ seq: Number(row.article_seq), id: row.id, bands: row.bands })),
  );
  yield statement(
    dialect,
    (params) => `DELETE FROM article_stories WHERE ${params.inList('article_seq', seqs, 'bigint')}`,
  );
}

/**
 * Files articles just written (added or updated): an article whose stored sketch is the same changes
 * no pair (its story is worked out again all the same, as its date may have moved); any other loses
 * its band keys and pairs, gets its new ones, and is compared with the articles its band keys find,
 * those written with it included.
 */
export function* writeStorySteps(
  dialect: Dialect,
  runs: BandRuns,
  work: StoryWork,
  written: readonly StoryInput[],
): Steps<void> {
  const { affected } = work;
  if (written.length > 0) {
    const stored = (yield statement(
      dialect,
      (params) =>
        `SELECT article_seq, story_id, sketch_version, bands, sketch FROM article_stories
         WHERE ${params.inList(
           'article_seq',
           written.map((input) => input.seq),
           'bigint',
         )}`,
    )) as {
      article_seq: number | string;
      story_id: string;
      sketch_version: number;
      bands: Uint8Array | null;
      sketch: Uint8Array | null;
    }[];
    const storedBySeq = new Map(stored.map((row) => [Number(row.article_seq), row]));
    const changed: StoryInput[] = [];
    const detached: Detached[] = [];
    for (const input of written) {
      const previous = storedBySeq.get(input.seq);
      if (previous === undefined) {
        work.fresh.set(input.id, input);
        changed.push(input);
        continue;
      }
      affected.add(previous.story_id);
      if (
        Number(previous.sketch_version) === STORY_FINGERPRINT_VERSION &&
        sameBytes(previous.sketch, input.sketch)
      ) {
        continue;
      }
      detached.push({ seq: input.seq, id: input.id, bands: previous.bands });
      changed.push(input);
    }
    yield* detachSteps(dialect, work, detached);
    if (changed.length > 0) {
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
          encodeBands(input.bands),
          input.sketch,
        ]),
        `ON CONFLICT (article_seq) DO UPDATE SET sketch_version = excluded.sketch_version,
           bands = excluded.bands, sketch = excluded.sketch`,
      );
      yield* linkSteps(dialect, runs, work, changed);
    }
  }
}

/**
 * Finishes a transaction's story upkeep: writes the band keys filed and removed as a run, and works
 * every story touched out again from its pairs (see `settleSteps`).
 */
export function* finishStorySteps(dialect: Dialect, runs: BandRuns, work: StoryWork): Steps<void> {
  if (work.added.length > 0 || work.removed.length > 0) {
    if (!work.synced) yield* runs.sync(dialect);
    work.synced = true;
    yield* runs.append(dialect, sortEntries(work.added), sortEntries(work.removed));
    work.added = [];
    work.removed = [];
  }
  // A new article that joined none is a story of its own, and new: nothing to read or remove. (An
  // article deleted and stored again in one batch, a row of its own anew, may still name a story.)
  const alone: StoryRowValues[] = [];
  for (const [id, input] of work.fresh) {
    if (work.paired.has(id) || work.affected.has(id)) work.affected.add(id);
    else alone.push([id, 1, input.publishedAt, input.publishedAt, input.sortAt]);
  }
  yield* settleSteps(dialect, work.affected);
  // A row already named by a new article's id is stale (a story's id is one of its own articles, and
  // this one was not stored): left by a write that kept no stories, such as an older version's. It is
  // replaced rather than allowed to fail the write.
  if (alone.length > 0) {
    yield insertRows(
      dialect,
      'stories',
      STORY_COLUMNS,
      alone,
      `ON CONFLICT (id) DO UPDATE SET size = excluded.size, first_published_at = excluded.first_published_at,
         last_published_at = excluded.last_published_at, sort_at = excluded.sort_at`,
    );
  }
}

/** A row of `stories`: id, size, first and last publication times, sort key. */
type StoryRowValues = [string, number, string | null, string | null, string];

interface Detached {
  seq: number;
  id: string;
  /** The band keys stored for it (see `encodeBands`), null when none were. */
  bands: Uint8Array | null;
}

/** Removes the band keys and pairs of articles whose body is gone or changed. */
function* detachSteps(dialect: Dialect, work: StoryWork, detached: readonly Detached[]): Steps<void> {
  if (detached.length === 0) return;
  for (const item of detached) {
    const keys = decodeBands(item.bands);
    if (keys.length > 0) work.removed.push({ seq: item.seq, keys });
  }
  const ids = detached.map((item) => item.id);
  yield statement(
    dialect,
    (params) =>
      `DELETE FROM story_pairs WHERE ${params.inList('first_id', ids)} OR ${params.inList('second_id', ids)}`,
  );
}

/**
 * Files the band keys of articles with a new sketch, looks up the articles sharing one of them (for
 * the whole batch at once, so articles of the batch find each other too), confirms each candidate, and
 * stores the confirmed pairs.
 */
function* linkSteps(
  dialect: Dialect,
  runs: BandRuns,
  work: StoryWork,
  changed: readonly StoryInput[],
): Steps<void> {
  const batchByKey = new Map<number, number[]>();
  for (const input of changed) {
    if (input.bands.length === 0) continue;
    work.added.push({ seq: input.seq, keys: input.bands });
    for (const key of input.bands) {
      const seqs = batchByKey.get(key);
      if (seqs === undefined) batchByKey.set(key, [input.seq]);
      else seqs.push(input.seq);
    }
  }
  if (batchByKey.size === 0) return;
  if (!work.synced) yield* runs.sync(dialect);
  work.synced = true;
  const batch = new Map(changed.map((input) => [input.seq, input]));
  const stored = runs.lookup(Float64Array.from(batchByKey.keys()).sort());

  // Candidates: the other articles of the batch that share a key, and stored ones the runs file under
  // a key (checked below against the keys they hold now).
  const candidates = new Map<number, Set<number>>();
  const propose = (seq: number, other: number) => {
    const low = Math.min(seq, other);
    const high = Math.max(seq, other);
    const partners = candidates.get(low);
    if (partners === undefined) candidates.set(low, new Set([high]));
    else partners.add(high);
  };
  for (const [key, seqs] of batchByKey) {
    const filed = stored.get(key) ?? [];
    for (let one = 0; one < seqs.length; one++) {
      const seq = seqs[one] as number;
      for (let other = one + 1; other < seqs.length; other++) propose(seq, seqs[other] as number);
      for (const other of filed) if (!batch.has(other)) propose(seq, other);
    }
  }
  if (candidates.size === 0) return;

  const outside = new Set<number>();
  for (const [low, partners] of candidates) {
    if (!batch.has(low)) outside.add(low);
    for (const high of partners) if (!batch.has(high)) outside.add(high);
  }
  const others =
    outside.size === 0
      ? []
      : ((yield statement(
          dialect,
          (params) =>
            `SELECT s.article_seq, s.story_id, s.sketch_version, s.bands, s.sketch, a.id
             FROM article_stories AS s JOIN articles AS a ON a.seq = s.article_seq
             WHERE ${params.inList('s.article_seq', [...outside], 'bigint')}`,
        )) as {
          article_seq: number | string;
          story_id: string;
          sketch_version: number;
          bands: Uint8Array | null;
          sketch: Uint8Array | null;
          id: string;
        }[]);
  interface Known {
    id: string;
    story: string | null;
    sketch: StorySketch | null;
    /** Its band keys: those it holds now, for a stored article; those it is filed under, for the batch's. */
    keys: readonly number[];
  }
  const known = new Map<number, Known>();
  for (const input of batch.values()) {
    known.set(input.seq, {
      id: input.id,
      story: null,
      sketch: decodeSketch(input.sketch),
      keys: input.bands,
    });
  }
  for (const row of others) {
    // An article whose sketch is owed has no band keys yet: it finds this one when its sketch is made.
    const current = Number(row.sketch_version) === STORY_FINGERPRINT_VERSION && row.sketch !== null;
    known.set(Number(row.article_seq), {
      id: row.id,
      story: row.story_id,
      sketch: current ? decodeSketch(row.sketch as Uint8Array) : null,
      keys: decodeBands(row.bands),
    });
  }

  const confirmed: StoryPair[] = [];
  for (const [low, partners] of candidates) {
    const one = known.get(low);
    if (!one?.sketch) continue;
    const oneKeys = new Set(one.keys);
    for (const high of partners) {
      const other = known.get(high);
      if (!other?.sketch) continue;
      // A run may still file a stored article under keys it has lost: candidates share a key now.
      if (!other.keys.some((key) => oneKeys.has(key))) continue;
      if (!confirmStory(one.sketch, other.sketch).confirmed) continue;
      confirmed.push(orderedPair(one.id, other.id));
      for (const side of [one, other]) {
        if (side.story !== null) work.affected.add(side.story);
        work.paired.add(side.id);
      }
    }
  }
  if (confirmed.length === 0) return;
  yield insertRows(dialect, 'story_pairs', PAIR_COLUMNS, confirmed, 'ON CONFLICT DO NOTHING');
}

interface MemberRow {
  article_seq: number | string;
  story_id: string;
  id: string;
  published_at: string | null;
  sort_at: string;
}

/**
 * Works the affected stories out again: their articles' connected components by the stored pairs,
 * each named by `storyId`, each with its row in `stories`; stories left with no article lose theirs.
 */
function* settleSteps(dialect: Dialect, affected: ReadonlySet<string>): Steps<void> {
  if (affected.size === 0) return;
  const storyIds = [...affected];
  const members = (yield statement(
    dialect,
    (params) =>
      `SELECT s.article_seq, s.story_id, a.id, a.published_at, a.sort_at FROM article_stories AS s
       JOIN articles AS a ON a.seq = s.article_seq WHERE ${params.inList('s.story_id', storyIds)}`,
  )) as MemberRow[];
  const ids = members.map((member) => member.id);
  // Both articles of a pair are in one story: the pairs of these articles are among them.
  const pairs =
    ids.length === 0
      ? []
      : ((yield statement(
          dialect,
          (params) => `SELECT first_id, second_id FROM story_pairs WHERE ${params.inList('first_id', ids)}`,
        )) as { first_id: string; second_id: string }[]);
  const byId = new Map(members.map((member) => [member.id, member]));
  const moves: [number, string][] = [];
  const rows: StoryRowValues[] = [];
  for (const component of storyComponents(
    ids,
    pairs.map((pair): StoryPair => [pair.first_id, pair.second_id]),
  )) {
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
    rows.push([id, rowsOf.length, earliest.published_at, latest.published_at, latest.sort_at]);
  }
  if (moves.length > 0) {
    yield updateRows(
      dialect,
      'article_stories',
      { name: 'article_seq', type: 'bigint' },
      { name: 'story_id', type: 'text' },
      moves,
    );
  }
  const gone = [...new Set([...storyIds, ...rows.map(([id]) => id)])];
  yield statement(dialect, (params) => `DELETE FROM stories WHERE ${params.inList('id', gone)}`);
  if (rows.length > 0) yield insertRows(dialect, 'stories', STORY_COLUMNS, rows);
}

function asMember(row: MemberRow): StoryMember {
  return { id: row.id, publishedAt: row.published_at };
}

/** Whether some article's sketch is owed (see `backfillSteps`): one look-up of an index, no lock. */
export function storiesOwedQuery(dialect: Dialect): Query {
  return statement(
    dialect,
    (params) =>
      `SELECT 1 AS owed FROM article_stories WHERE sketch_version < ${params.add(STORY_FINGERPRINT_VERSION)} LIMIT 1`,
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
  runs: BandRuns,
  limit: number = BACKFILL_BATCH,
): Steps<number> {
  const rows = (yield statement(
    dialect,
    (params) =>
      `SELECT s.article_seq, a.id, a.published_at, a.sort_at, a.doc FROM article_stories AS s
       JOIN articles AS a ON a.seq = s.article_seq
       WHERE s.sketch_version < ${params.add(STORY_FINGERPRINT_VERSION)}
       ORDER BY s.article_seq LIMIT ${params.add(limit)}`,
  )) as {
    article_seq: number | string;
    id: string;
    published_at: string | null;
    sort_at: string;
    doc: string;
  }[];
  const written = rows.map((row): StoryInput => {
    const fingerprint = rowFingerprint(bodySentences(readDoc(row.doc).body));
    return {
      seq: Number(row.article_seq),
      id: row.id,
      publishedAt: row.published_at,
      sortAt: row.sort_at,
      sketch: fingerprint.sketch,
      bands: fingerprint.bands,
    };
  });
  const work = storyWork();
  yield* writeStorySteps(dialect, runs, work, written);
  yield* finishStorySteps(dialect, runs, work);
  return rows.length;
}

/** Band keys as stored beside the sketch: float64 little-endian, exact for keys below 2⁵³. */
export function encodeBands(keys: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(8 * keys.length);
  const view = new DataView(bytes.buffer);
  keys.forEach((key, index) => {
    view.setFloat64(8 * index, key, true);
  });
  return bytes;
}

export function decodeBands(bytes: Uint8Array | null): number[] {
  if (bytes === null || bytes.length % 8 !== 0) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 8 }, (_, index) => view.getFloat64(8 * index, true));
}

function sameBytes(stored: Uint8Array | null, incoming: Uint8Array): boolean {
  if (stored === null || stored.length !== incoming.length) return false;
  for (let index = 0; index < stored.length; index++) if (stored[index] !== incoming[index]) return false;
  return true;
}
