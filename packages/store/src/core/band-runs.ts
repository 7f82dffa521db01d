import { randomUUID } from 'node:crypto';
import { type Dialect, Params, type Query, type Steps } from './dialect.ts';

/**
 * The band index of story detection: which articles hold each LSH band key. A row per key and article
 * made SQLite's ingest of 31k articles 5 s slower (1.5 million random B-tree inserts, each page written
 * again batch after batch), so the index is kept as a log-structured merge of sorted runs instead:
 * each write adds one run (a BLOB of its entries, sorted by key), runs of like size are merged into one
 * a few at a time, and the writer holds the runs in memory, sorted, where a batch's keys are found by
 * a merge walk. A run is never changed once written, so a writer keeps the runs it has read and reads
 * only those it has not seen (other processes', merged ones): each run has a token of its own.
 *
 * An entry is a key and an article (`seq`). Removing an article's keys adds tombstones beside the
 * next run's entries; a merge drops the entries of older runs that a tombstone names, and tombstones
 * once no older run is left. Until then a removed entry may still be found: look-ups give candidates,
 * and the caller keeps those whose stored band keys hold the key (see `linkSteps`). Runs too large to
 * merge (see `MAX_RUN_ENTRIES`) never meet a merge again, so once the tombstones come to a quarter of
 * the entries, every run is written again without the entries a newer run's tombstone names, and
 * without tombstones (see `#compact`): what a store holds of removed keys stays bounded.
 */

/**
 * Pending entries. Writing a run for each batch, and merging runs as they came, wrote 44 MB of runs
 * for the 12 MB of entries of SaudiNewsNet's 31k articles, and SQLite's commits of that ingest took
 * 0.6 s longer for it. So the entries of the newest articles, those after a watermark (in
 * `story_band_state`), are kept in no run: they are made again from the band keys stored in the
 * articles' rows (see `Derive`) when a writer needs them, and the writer that files them keeps them
 * in memory meanwhile. Once they are `FLUSH_FROM`, or when the store is compacted, they are written
 * as one run and the watermark moves past them. An article at or before the watermark changes the
 * runs as before: its entries and tombstones are written in a run at once. Every write that files or
 * removes pending entries writes the state (see `BandState`), so another writer (or this one after a
 * rolled-back write) knows which to read or make again.
 */

/**
 * The entries of the articles after `watermark`, sorted by key (see `sortEntries`), as stored now;
 * with `only`, of those articles only (each after the watermark).
 */
export type Derive = (dialect: Dialect, watermark: number, only?: readonly number[]) => Steps<Entries>;

/**
 * Pending entries are written as a run once there are this many: the entries of some 22,000 articles,
 * which another writer makes again from 4 MB of their rows (about 0.1 s here, most of it sorting)
 * when a pending entry was removed since it last wrote (else it reads only the articles filed since).
 * A bound of its own, not one that grows with the store, for that and for the memory they take
 * beside the runs.
 */
const FLUSH_FROM = 1 << 20;

/** A run as the writer holds it. */
interface Run {
  run: number;
  token: string;
  /** Entry keys, ascending, and the article of each. */
  keys: Float64Array;
  seqs: Float64Array;
  /** Entries removed from older runs. */
  tombKeys: Float64Array;
  tombSeqs: Float64Array;
}

/** Entries as parallel arrays: the key and article of each. */
export interface Entries {
  keys: Float64Array;
  seqs: Float64Array;
}

/** Runs of about the same size are merged once there are this many. */
const MERGE_FAN_IN = 4;
/** A run this large is merged no more: no BLOB comes near the databases' limit of 1 GB. */
const MAX_RUN_ENTRIES = 1 << 22;
/** The runs are compacted once their tombstones are this share of their entries or more. */
const COMPACT_SHARE = 1 / 4;
/** The entries of one article: a level is a power of MERGE_FAN_IN of it. */
const LEVEL_UNIT = 48;

function statement(dialect: Dialect, build: (params: Params) => string): Query {
  const params = new Params(dialect);
  return params.query(build(params));
}

/**
 * The runs of one writer: the store keeps one per connection that writes, and uses it only under its
 * write lock, inside a transaction.
 */
export class BandRuns {
  #runs: Run[] = [];
  readonly #maxRunEntries: number;
  readonly #derive: Derive | null;
  readonly #flushFrom: number;
  /** Pending entries in memory, newest last. */
  #pending: Entries[] = [];
  /**
   * The articles some of whose pending entries were removed since they were filed: their entries in
   * memory may be stale, and are made again from their rows when written (see `flush`).
   */
  #touched = new Set<number>();
  /** The state as last read or written; null when the store keeps none (every entry is in a run). */
  #state: BandState | null = null;
  /** Whether the pending entries in memory are the committed ones of `#state` (see `committed`). */
  #confirmed = false;
  /** States written by this writer: a mark of its own writes (see `mark`). */
  #stateWrites = 0;

  /**
   * `derive` makes pending entries: without it, every entry goes into a run when filed.
   * `maxRunEntries` and `flushFrom` are `MAX_RUN_ENTRIES` and `FLUSH_FROM` but in tests, which reach
   * them with fewer articles.
   */
  constructor(options: { derive?: Derive; maxRunEntries?: number; flushFrom?: number } = {}) {
    this.#derive = options.derive ?? null;
    this.#maxRunEntries = options.maxRunEntries ?? MAX_RUN_ENTRIES;
    this.#flushFrom = options.flushFrom ?? FLUSH_FROM;
  }

  /**
   * Reads the runs other writers (or a rolled-back write of this one) left it not knowing, and makes
   * the pending entries again when another write changed them.
   */
  *sync(dialect: Dialect): Steps<void> {
    yield* this.#syncRuns(dialect);
    if (this.#derive === null) return;
    const [row] = (yield statement(dialect, () => 'SELECT watermark, token FROM story_band_state')) as {
      watermark: number | string;
      token: string;
    }[];
    const state = row === undefined ? null : readState(Number(row.watermark), row.token);
    const known = this.#state;
    if (state === null) {
      this.#pending = [];
      this.#touched.clear();
    } else if (
      known !== null &&
      this.#confirmed &&
      known.watermark === state.watermark &&
      known.epoch === state.epoch &&
      known.filedThrough <= state.filedThrough
    ) {
      // Other writes since only filed articles after the last this writer knows: those are read.
      if (known.filedThrough < state.filedThrough) {
        this.#addPending(yield* this.#derive(dialect, known.filedThrough));
      }
    } else {
      const entries = yield* this.#derive(dialect, state.watermark);
      this.#pending = entries.keys.length > 0 ? [entries] : [];
      this.#touched.clear();
    }
    this.#state = state;
    this.#confirmed = true;
  }

  /** A mark of this writer's writes so far, taken just before a transaction commits. */
  mark(): number {
    return this.#stateWrites;
  }

  /**
   * Says that the transaction whose `mark` this is committed: the pending entries in memory are then
   * the committed ones, unless this writer wrote the state again since. Until then (a write rolled
   * back, or one whose end is unknown) the next sync makes them all again.
   */
  committed(mark: number): void {
    if (mark === this.#stateWrites) this.#confirmed = true;
  }

  *#syncRuns(dialect: Dialect): Steps<void> {
    const listed = (yield statement(
      dialect,
      () => 'SELECT run, token FROM story_band_runs ORDER BY run',
    )) as {
      run: number | string;
      token: string;
    }[];
    const known = new Map(this.#runs.map((run) => [run.token, run]));
    const missing = listed.filter((row) => !known.has(row.token)).map((row) => Number(row.run));
    if (missing.length > 0) {
      const rows = (yield statement(
        dialect,
        (params) =>
          `SELECT run, token, entries FROM story_band_runs WHERE ${params.inList('run', missing, 'bigint')}`,
      )) as { run: number | string; token: string; entries: Uint8Array }[];
      for (const row of rows) known.set(row.token, decodeRun(Number(row.run), row.token, row.entries));
    }
    this.#runs = listed.flatMap((row) => known.get(row.token) ?? []);
  }

  /**
   * Calls `visit` with the index in `keys` (ascending, distinct) and the article of each entry filed
   * under one of them, removed ones perhaps among them: one merge walk of the keys through each run.
   */
  lookupEach(keys: Float64Array, visit: (index: number, seq: number) => void): void {
    for (const run of [...this.#runs, ...this.#pending]) {
      let position = 0;
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index] as number;
        position = firstAtLeast(run.keys, key, position);
        if (position === run.keys.length) break;
        for (let at = position; at < run.keys.length && run.keys[at] === key; at++) {
          visit(index, run.seqs[at] as number);
        }
      }
    }
  }

  /**
   * Files the entries added and removed (both sorted by key, see `sortEntries`): those of articles
   * after the watermark are pending (a removed one is left out when they are made again), the rest
   * are written in a run at once. Pending entries `FLUSH_FROM` or more are written as a run.
   */
  *append(dialect: Dialect, added: Entries, removed: Entries): Steps<void> {
    const state = this.#state;
    if (state === null) {
      yield* this.#write(dialect, added, removed);
      return;
    }
    const { watermark } = state;
    const [addedAtOnce, later] = splitAt(added, watermark);
    const [removedAtOnce] = splitAt(removed, watermark);
    yield* this.#write(dialect, addedAtOnce, removedAtOnce);
    // A pending entry removed stays in memory, where a look-up may find it (as one in a run before its
    // tombstone is merged); its article's entries are made again when written, and every other writer
    // makes them all again (a new epoch).
    const removedPending = removedAtOnce.keys.length < removed.keys.length;
    for (let index = 0; index < removed.seqs.length; index++) {
      const seq = removed.seqs[index] as number;
      if (seq > watermark) this.#touched.add(seq);
    }
    if (later.keys.length === 0 && !removedPending) return;
    this.#addPending(later);
    const filedThrough = lastArticle(later, state.filedThrough);
    // Another writer reads only the entries of articles after the last it knows was filed: entries of
    // articles before it (stories deferred, then settled after later articles were filed) need a new
    // epoch, which has every writer make them all again, as a removed one does.
    let filedBefore = false;
    for (let index = 0; index < later.seqs.length && !filedBefore; index++) {
      filedBefore = (later.seqs[index] as number) <= state.filedThrough;
    }
    let pending = 0;
    for (const part of this.#pending) pending += part.keys.length;
    if (pending >= this.#flushFrom) yield* this.flush(dialect);
    else
      yield* this.#saveState(
        dialect,
        watermark,
        removedPending || filedBefore ? randomUUID() : state.epoch,
        filedThrough,
      );
  }

  /**
   * Writes the pending entries as a run and moves the watermark past them. The entries of articles
   * some of whose entries were removed since they were filed are made again from their stored band
   * keys: making all of them again (a million entries read and sorted) took as long as the rest of
   * the flush twice over.
   */
  *flush(dialect: Dialect): Steps<void> {
    const state = this.#state;
    if (state === null || this.#derive === null || this.#pending.length === 0) return;
    let entries = mergeInOrder(this.#pending);
    // A touched article's entries come after the others under their key (making them all again
    // would keep the rows' order): only the order candidates are visited in changes, not the stories.
    if (this.#touched.size > 0) {
      const touched = [...this.#touched];
      const current = yield* this.#derive(dialect, state.watermark, touched);
      entries = mergeEntries(withoutArticles(entries, state.watermark, touched), current);
    }
    const watermark = lastArticle(entries, state.watermark);
    yield* this.#write(dialect, entries, NO_ENTRIES);
    this.#pending = [];
    this.#touched.clear();
    yield* this.#saveState(dialect, watermark, randomUUID(), watermark);
  }

  /**
   * What the index files as last synced, for checks: the entries of the runs that no newer run's
   * tombstone names, the pending entries (as made again by a writer that synced afresh), and the
   * watermark (null when the store keeps no state).
   */
  contents(): { stored: Entries; pending: Entries; watermark: number | null } {
    const live = this.#runs.length === 0 ? NO_ENTRIES : mergeRuns(this.#runs, 0, true);
    return {
      stored: { keys: live.keys, seqs: live.seqs },
      pending: mergeInOrder(this.#pending),
      watermark: this.#state?.watermark ?? null,
    };
  }

  /**
   * Keeps entries pending in memory, in parts merged as runs are (`MERGE_FAN_IN` of a level into one):
   * each entry is copied a few times, and a look-up walks a few parts.
   */
  #addPending(entries: Entries): void {
    if (entries.keys.length === 0) return;
    this.#pending.push(entries);
    const level = (part: Entries) => sizeLevel(part.keys.length);
    for (;;) {
      const newest = level(this.#pending.at(-1) as Entries);
      let count = 0;
      while (count < this.#pending.length && level(this.#pending.at(-1 - count) as Entries) <= newest)
        count++;
      if (count < MERGE_FAN_IN) break;
      const parts = this.#pending.splice(-count, count);
      this.#pending.push(mergeInOrder(parts));
    }
  }

  /** Writes the state: another writer reads what changed since the state it knows (see `sync`). */
  *#saveState(dialect: Dialect, watermark: number, epoch: string, filedThrough: number): Steps<void> {
    yield statement(
      dialect,
      (params) =>
        `UPDATE story_band_state SET watermark = ${params.add(watermark)},
         token = ${params.add(`${epoch} ${filedThrough}`)} WHERE id = 1`,
    );
    this.#state = { watermark, epoch, filedThrough };
    this.#stateWrites++;
    this.#confirmed = false;
  }

  /**
   * Writes a run of the entries added and removed, then merges the newest runs while `MERGE_FAN_IN`
   * of them are of a level.
   */
  *#write(dialect: Dialect, added: Entries, removed: Entries): Steps<void> {
    if (added.keys.length === 0 && removed.keys.length === 0) return;
    let next = (this.#runs.at(-1)?.run ?? 0) + 1;
    const fresh: Run = {
      run: next++,
      token: randomUUID(),
      keys: added.keys,
      seqs: added.seqs,
      tombKeys: removed.keys,
      tombSeqs: removed.seqs,
    };
    yield insertRun(dialect, fresh);
    this.#runs.push(fresh);
    for (;;) {
      const merging = this.#mergeable();
      if (merging < 2) break;
      const parts = this.#runs.slice(-merging);
      const merged = mergeRuns(parts, next++, merging === this.#runs.length);
      yield insertRun(dialect, merged);
      yield statement(
        dialect,
        (params) =>
          `DELETE FROM story_band_runs WHERE ${params.inList(
            'run',
            parts.map((part) => part.run),
            'bigint',
          )}`,
      );
      this.#runs = [...this.#runs.slice(0, -merging), merged];
    }
    let entries = 0;
    let tombstones = 0;
    for (const run of this.#runs) {
      entries += run.keys.length;
      tombstones += run.tombKeys.length;
    }
    if (tombstones > 0 && tombstones >= COMPACT_SHARE * entries) yield* this.#compact(dialect);
  }

  /**
   * Writes every run again without the entries that a newer run's tombstone names, and without
   * tombstones: after it, no run holds an entry removed since, so no tombstone is needed. Each run
   * keeps its number (its place in age) under a new token; a run left empty goes.
   */
  *#compact(dialect: Dialect): Steps<void> {
    const compacted: Run[] = [];
    let newerTombstones = NO_ENTRIES;
    for (let index = this.#runs.length - 1; index >= 0; index--) {
      const run = this.#runs[index] as Run;
      const kept = subtractEntries({ keys: run.keys, seqs: run.seqs }, newerTombstones);
      newerTombstones = mergeEntries(newerTombstones, { keys: run.tombKeys, seqs: run.tombSeqs });
      if (kept.keys.length === run.keys.length && run.tombKeys.length === 0) {
        compacted.push(run);
        continue;
      }
      yield statement(dialect, (params) => `DELETE FROM story_band_runs WHERE run = ${params.add(run.run)}`);
      if (kept.keys.length === 0) continue;
      const rewritten: Run = {
        run: run.run,
        token: randomUUID(),
        keys: kept.keys,
        seqs: kept.seqs,
        tombKeys: NO_ENTRIES.keys,
        tombSeqs: NO_ENTRIES.seqs,
      };
      yield insertRun(dialect, rewritten);
      compacted.push(rewritten);
    }
    this.#runs = compacted.reverse();
  }

  /** How many of the newest runs to merge: those of the newest one's level or below, when enough. */
  #mergeable(): number {
    const newest = this.#runs.at(-1);
    if (newest === undefined) return 0;
    const level = levelOf(newest, this.#maxRunEntries);
    let count = 0;
    let entries = 0;
    for (let index = this.#runs.length - 1; index >= 0; index--) {
      const run = this.#runs[index] as Run;
      if (levelOf(run, this.#maxRunEntries) > level) break;
      entries += run.keys.length;
      count++;
    }
    return count >= MERGE_FAN_IN && entries <= this.#maxRunEntries ? count : 0;
  }
}

function levelOf(run: Run, maxRunEntries: number): number {
  const size = run.keys.length + run.tombKeys.length;
  if (size >= maxRunEntries) return Number.POSITIVE_INFINITY;
  return sizeLevel(size);
}

/** The level of this many entries: runs (and pending parts) of a level are merged `MERGE_FAN_IN` at a time. */
function sizeLevel(size: number): number {
  return Math.floor(Math.log(Math.max(1, size / LEVEL_UNIT)) / Math.log(MERGE_FAN_IN));
}

function insertRun(dialect: Dialect, run: Run): Query {
  return statement(
    dialect,
    (params) =>
      `INSERT INTO story_band_runs (run, token, entries)
       VALUES (${params.add(run.run)}, ${params.add(run.token)}, ${params.add(encodeRun(run))})`,
  );
}

/**
 * One run from several consecutive ones, oldest first: their entries less those a newer run's
 * tombstone names; the tombstones kept unless the oldest run of all is among them.
 */
function mergeRuns(parts: readonly Run[], run: number, oldest: boolean): Run {
  const none = NO_ENTRIES;
  // From the newest run back: each loses the entries removed by the runs after it.
  let merged = none;
  let newerTombstones = none;
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = parts[index] as Run;
    merged = mergeEntries(merged, subtractEntries(part, newerTombstones));
    newerTombstones = mergeEntries(newerTombstones, { keys: part.tombKeys, seqs: part.tombSeqs });
  }
  const tombstones = oldest ? none : newerTombstones;
  return {
    run,
    token: randomUUID(),
    keys: merged.keys,
    seqs: merged.seqs,
    tombKeys: tombstones.keys,
    tombSeqs: tombstones.seqs,
  };
}

/** The entries (sorted by key) less those in `removed` (sorted by key): one walk of both. */
function subtractEntries(entries: Entries, removed: Entries): Entries {
  if (removed.keys.length === 0) return entries;
  const keys = new Float64Array(entries.keys.length);
  const seqs = new Float64Array(entries.keys.length);
  let kept = 0;
  let position = 0;
  for (let index = 0; index < entries.keys.length; index++) {
    const key = entries.keys[index] as number;
    const seq = entries.seqs[index] as number;
    position = firstAtLeast(removed.keys, key, position);
    let gone = false;
    for (let at = position; at < removed.keys.length && removed.keys[at] === key; at++) {
      if (removed.seqs[at] === seq) {
        gone = true;
        break;
      }
    }
    if (gone) continue;
    keys[kept] = key;
    seqs[kept++] = seq;
  }
  return { keys: keys.subarray(0, kept), seqs: seqs.subarray(0, kept) };
}

/**
 * The band index's state: its watermark, and its token read as an epoch and the last article filed
 * pending. Within an epoch pending entries are only ever added, for articles after the last filed
 * (new articles take the next numbers): a writer whose memory holds the committed entries of a state
 * of that epoch (see `BandRuns.committed`) reads only the articles filed since. Removing a pending
 * entry, or writing them as a run, starts a new epoch: every writer makes them all again. A token of
 * another form (the migration's) is an epoch of its own.
 */
interface BandState {
  watermark: number;
  epoch: string;
  filedThrough: number;
}

function readState(watermark: number, token: string): BandState {
  const [epoch = '', filed = ''] = token.split(' ');
  const filedThrough = Number(filed);
  return Number.isSafeInteger(filedThrough) && filed !== '' && filedThrough >= watermark
    ? { watermark, epoch, filedThrough }
    : { watermark, epoch: token, filedThrough: watermark };
}

/** The last article of the entries, or `from` when it is later. */
function lastArticle(entries: Entries, from: number): number {
  let last = from;
  for (let index = 0; index < entries.seqs.length; index++)
    last = Math.max(last, entries.seqs[index] as number);
  return last;
}

/** The entries of articles up to `seq` and those of articles after it, each in their order. */
function splitAt(entries: Entries, seq: number): [Entries, Entries] {
  let upTo = 0;
  for (let index = 0; index < entries.seqs.length; index++)
    if ((entries.seqs[index] as number) <= seq) upTo++;
  if (upTo === entries.seqs.length) return [entries, NO_ENTRIES];
  if (upTo === 0) return [NO_ENTRIES, entries];
  const first = { keys: new Float64Array(upTo), seqs: new Float64Array(upTo) };
  const rest = entries.seqs.length - upTo;
  const second = { keys: new Float64Array(rest), seqs: new Float64Array(rest) };
  let one = 0;
  let other = 0;
  for (let index = 0; index < entries.seqs.length; index++) {
    const entrySeq = entries.seqs[index] as number;
    if (entrySeq <= seq) {
      first.keys[one] = entries.keys[index] as number;
      first.seqs[one++] = entrySeq;
    } else {
      second.keys[other] = entries.keys[index] as number;
      second.seqs[other++] = entrySeq;
    }
  }
  return [first, second];
}

/** The entries but those of `seqs`, articles after `after`, in their order. */
function withoutArticles(entries: Entries, after: number, seqs: readonly number[]): Entries {
  // A flag per article after `after` (any other index reads undefined): a million entries looked up
  // in a Set took a tenth of a second.
  let last = 0;
  for (const seq of seqs) last = Math.max(last, seq - after);
  const gone = new Uint8Array(last + 1);
  for (const seq of seqs) if (seq > after) gone[seq - after] = 1;
  let kept = 0;
  for (let index = 0; index < entries.seqs.length; index++)
    if (gone[(entries.seqs[index] as number) - after] !== 1) kept++;
  if (kept === entries.seqs.length) return entries;
  const keys = new Float64Array(kept);
  const seqsKept = new Float64Array(kept);
  let at = 0;
  for (let index = 0; index < entries.seqs.length; index++) {
    const seq = entries.seqs[index] as number;
    if (gone[seq - after] === 1) continue;
    keys[at] = entries.keys[index] as number;
    seqsKept[at++] = seq;
  }
  return { keys, seqs: seqsKept };
}

/** No entries. */
export const NO_ENTRIES: Entries = { keys: new Float64Array(0), seqs: new Float64Array(0) };

/**
 * Parts of entries sorted by key as one, each entry once, a key's entries in the order of the parts:
 * neighbours merged two at a time, so each entry is copied once per halving (merged one after the
 * other, the first part's entries were copied once for each part after it).
 */
function mergeInOrder(parts: readonly Entries[]): Entries {
  let merging = parts;
  if (merging.length === 0) return NO_ENTRIES;
  while (merging.length > 1) {
    const next: Entries[] = [];
    for (let index = 0; index < merging.length; index += 2) {
      const second = merging[index + 1];
      const first = merging[index] as Entries;
      next.push(second === undefined ? first : mergeEntries(first, second));
    }
    merging = next;
  }
  return merging[0] as Entries;
}

/** Two runs of entries sorted by key as one, each entry once. */
export function mergeEntries(first: Entries, second: Entries): Entries {
  if (first.keys.length === 0) return second;
  if (second.keys.length === 0) return first;
  const firstKeys = first.keys;
  const firstSeqs = first.seqs;
  const secondKeys = second.keys;
  const secondSeqs = second.seqs;
  const firstEnd = firstKeys.length;
  const secondEnd = secondKeys.length;
  const keys = new Float64Array(firstEnd + secondEnd);
  const seqs = new Float64Array(firstEnd + secondEnd);
  let one = 0;
  let other = 0;
  let out = 0;
  while (one < firstEnd && other < secondEnd) {
    const firstKey = firstKeys[one] as number;
    const secondKey = secondKeys[other] as number;
    if (firstKey < secondKey) {
      keys[out] = firstKey;
      seqs[out++] = firstSeqs[one++] as number;
    } else if (secondKey < firstKey) {
      keys[out] = secondKey;
      seqs[out++] = secondSeqs[other++] as number;
    } else {
      // One key in both (rare: one per article holding it): every entry of it from the first, then
      // those of the second not among them.
      const start = out;
      for (; one < firstEnd && firstKeys[one] === firstKey; one++) {
        keys[out] = firstKey;
        seqs[out++] = firstSeqs[one] as number;
      }
      for (; other < secondEnd && secondKeys[other] === firstKey; other++) {
        const seq = secondSeqs[other] as number;
        let repeated = false;
        for (let back = start; back < out; back++) {
          if (seqs[back] === seq) {
            repeated = true;
            break;
          }
        }
        if (repeated) continue;
        keys[out] = firstKey;
        seqs[out++] = seq;
      }
    }
  }
  // The rest of one of them, a key perhaps continuing the last written (its entries all from one side).
  if (one < firstEnd) {
    keys.set(firstKeys.subarray(one), out);
    seqs.set(firstSeqs.subarray(one), out);
    out += firstEnd - one;
  } else if (other < secondEnd) {
    keys.set(secondKeys.subarray(other), out);
    seqs.set(secondSeqs.subarray(other), out);
    out += secondEnd - other;
  }
  return { keys: keys.subarray(0, out), seqs: seqs.subarray(0, out) };
}

/** The first index from `from` on whose key is `key` or more: gallops, then halves. */
function firstAtLeast(keys: Float64Array, key: number, from: number): number {
  if (from >= keys.length || (keys[from] as number) >= key) return from;
  let low = from;
  let step = 1;
  let high = from + step;
  while (high < keys.length && (keys[high] as number) < key) {
    low = high;
    step *= 2;
    high = from + step;
  }
  high = Math.min(high, keys.length);
  // keys[low] < key, and keys[high] >= key or high is the end.
  while (low + 1 < high) {
    const middle = (low + high) >>> 1;
    if ((keys[middle] as number) < key) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * Entries sorted by key from each article's keys, entries of one key in the order given. Band keys
 * are band × 2³² + a 32-bit hash: they are sorted by a radix sort, the hash a byte at a time and then
 * the band, each pass stable (a native sort of each band's entries took five times as long); keys of
 * another shape are sorted by a comparison.
 */
export function sortEntries(articles: readonly { seq: number; keys: ArrayLike<number> }[]): Entries {
  let total = 0;
  let bandCount = 0;
  let packable = true;
  for (const { keys } of articles) {
    total += keys.length;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as number;
      const band = Math.floor(key / BAND_SPAN);
      if (!(band >= 0 && band < MAX_BANDS && Number.isInteger(key))) packable = false;
      else if (band >= bandCount) bandCount = band + 1;
    }
  }
  const keys = new Float64Array(total);
  const seqs = new Float64Array(total);
  let filled = 0;
  for (const article of articles) {
    for (let index = 0; index < article.keys.length; index++) {
      keys[filled] = article.keys[index] as number;
      seqs[filled++] = article.seq;
    }
  }
  if (!packable) {
    const order = Array.from({ length: total }, (_, index) => index).sort(
      (first, second) => (keys[first] as number) - (keys[second] as number),
    );
    return {
      keys: Float64Array.from(order, (index) => keys[index] as number),
      seqs: Float64Array.from(order, (index) => seqs[index] as number),
    };
  }
  const bands = new Uint16Array(total);
  let hashes = new Uint32Array(total);
  let order = new Uint32Array(total);
  for (let index = 0; index < total; index++) {
    const key = keys[index] as number;
    const band = Math.floor(key / BAND_SPAN);
    bands[index] = band;
    hashes[index] = key - band * BAND_SPAN;
    order[index] = index;
  }
  let nextHashes = new Uint32Array(total);
  let nextOrder = new Uint32Array(total);
  const counts = new Uint32Array(Math.max(256, bandCount) + 1);
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    for (let index = 0; index < total; index++) {
      const digit = ((hashes[index] as number) >>> shift) & 0xff;
      counts[digit + 1] = (counts[digit + 1] as number) + 1;
    }
    for (let digit = 0; digit < 256; digit++)
      counts[digit + 1] = (counts[digit + 1] as number) + (counts[digit] as number);
    for (let index = 0; index < total; index++) {
      const hash = hashes[index] as number;
      const digit = (hash >>> shift) & 0xff;
      const place = counts[digit] as number;
      counts[digit] = place + 1;
      nextHashes[place] = hash;
      nextOrder[place] = order[index] as number;
    }
    [hashes, nextHashes] = [nextHashes, hashes];
    [order, nextOrder] = [nextOrder, order];
  }
  // Then by band: the entries of a band keep the order of their hashes.
  counts.fill(0);
  for (let index = 0; index < total; index++) {
    const band = bands[index] as number;
    counts[band + 1] = (counts[band + 1] as number) + 1;
  }
  for (let band = 0; band < bandCount; band++)
    counts[band + 1] = (counts[band + 1] as number) + (counts[band] as number);
  const sortedKeys = new Float64Array(total);
  const sortedSeqs = new Float64Array(total);
  for (let position = 0; position < total; position++) {
    const index = order[position] as number;
    const band = bands[index] as number;
    const place = counts[band] as number;
    counts[band] = place + 1;
    sortedKeys[place] = keys[index] as number;
    sortedSeqs[place] = seqs[index] as number;
  }
  return { keys: sortedKeys, seqs: sortedSeqs };
}

/** Bands a sort counts into: far more than story detection's. */
const MAX_BANDS = 4096;
const BAND_SPAN = 2 ** 32;

// Two layouts, both little-endian, told apart by the first 32-bit word:
// - PACKED, 32-bit words: PACKED, the entry count and the tombstone count; then for the entries and
//   for the tombstones in turn, the number of bands they hold, each band and its count, and the hash
//   (a key being band × 2³² + hash) and article of each. Half the bytes of float64s: every write and
//   merge writes a run.
// - WIDE, for keys or articles that do not fit those: the same three words, then float64 arrays of
//   entry keys, entry articles, tombstone keys and tombstone articles.
const PACKED = 1;
const WIDE = 2;
const HEADER_WORDS = 3;
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function encodeRun(run: Run): Uint8Array {
  const parts: Entries[] = [
    { keys: run.keys, seqs: run.seqs },
    { keys: run.tombKeys, seqs: run.tombSeqs },
  ];
  const bands = parts.map(packedBands);
  if (bands[0] === null || bands[1] === null) return encodeWide(run);
  let size = HEADER_WORDS;
  for (const [index, part] of parts.entries())
    size += 1 + 2 * (bands[index] as number[][]).length + 2 * part.keys.length;
  const words = new Uint32Array(size);
  words[0] = PACKED;
  words[1] = run.keys.length;
  words[2] = run.tombKeys.length;
  let out = HEADER_WORDS;
  for (const [index, part] of parts.entries()) {
    const partBands = bands[index] as [number, number][];
    words[out++] = partBands.length;
    for (const [band, count] of partBands) {
      words[out++] = band;
      words[out++] = count;
    }
    let at = 0;
    for (const [band, count] of partBands) {
      const base = band * BAND_SPAN;
      for (const end = at + count; at < end; at++) {
        words[out++] = (part.keys[at] as number) - base;
        words[out++] = part.seqs[at] as number;
      }
    }
  }
  return wordBytes(words);
}

function encodeWide(run: Run): Uint8Array {
  const bytes = new Uint8Array(4 * HEADER_WORDS + 16 * (run.keys.length + run.tombKeys.length));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, WIDE, true);
  view.setUint32(4, run.keys.length, true);
  view.setUint32(8, run.tombKeys.length, true);
  let offset = 4 * HEADER_WORDS;
  for (const values of [run.keys, run.seqs, run.tombKeys, run.tombSeqs]) {
    for (let index = 0; index < values.length; index++) {
      view.setFloat64(offset, values[index] as number, true);
      offset += 8;
    }
  }
  return bytes;
}

/** 32-bit words as little-endian bytes. */
function wordBytes(words: Uint32Array): Uint8Array {
  if (littleEndian) return new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
  const bytes = new Uint8Array(words.byteLength);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < words.length; index++) view.setUint32(4 * index, words[index] as number, true);
  return bytes;
}

/** Little-endian bytes as 32-bit words (the whole words of them). */
function bytesWords(bytes: Uint8Array): Uint32Array {
  const count = Math.floor(bytes.byteLength / 4);
  if (littleEndian && bytes.byteOffset % 4 === 0)
    return new Uint32Array(bytes.buffer, bytes.byteOffset, count);
  const words = new Uint32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let index = 0; index < count; index++) words[index] = view.getUint32(4 * index, true);
  return words;
}

/**
 * Each band of the entries (sorted by key) and its count of entries, or null when a key is not a
 * band key or an article does not fit in 32 bits.
 */
function packedBands({ keys, seqs }: Entries): [number, number][] | null {
  const bands: [number, number][] = [];
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as number;
    const seq = seqs[index] as number;
    if (!Number.isInteger(key) || key < 0 || key >= BAND_SPAN * BAND_SPAN) return null;
    if (!Number.isInteger(seq) || seq < 0 || seq >= BAND_SPAN) return null;
    const band = Math.floor(key / BAND_SPAN);
    const last = bands.at(-1);
    if (last !== undefined && last[0] === band) last[1]++;
    else bands.push([band, 1]);
  }
  return bands;
}

function decodeRun(run: number, token: string, stored: Uint8Array): Run {
  const words = bytesWords(stored);
  const counts = [words[1] as number, words[2] as number];
  let parts: Entries[];
  if (words[0] === WIDE) {
    const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
    let offset = 4 * HEADER_WORDS;
    const read = (count: number): Float64Array => {
      const values = new Float64Array(count);
      for (let index = 0; index < count; index++) values[index] = view.getFloat64(offset + 8 * index, true);
      offset += 8 * count;
      return values;
    };
    parts = counts.map((count) => ({ keys: read(count), seqs: read(count) }));
  } else {
    let at = HEADER_WORDS;
    parts = counts.map((count): Entries => {
      const keys = new Float64Array(count);
      const seqs = new Float64Array(count);
      const bands = words[at++] as number;
      const segments = words.subarray(at, at + 2 * bands);
      at += 2 * bands;
      let index = 0;
      for (let segment = 0; segment < bands; segment++) {
        const base = (segments[2 * segment] as number) * BAND_SPAN;
        for (const end = index + (segments[2 * segment + 1] as number); index < end; index++) {
          keys[index] = base + (words[at++] as number);
          seqs[index] = words[at++] as number;
        }
      }
      return { keys, seqs };
    });
  }
  const [live, tombs] = parts as [Entries, Entries];
  return { run, token, keys: live.keys, seqs: live.seqs, tombKeys: tombs.keys, tombSeqs: tombs.seqs };
}
