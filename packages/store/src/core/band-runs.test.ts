import { seededRandom } from '@khabar/devkit';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BandRuns, type Derive, type Entries, mergeEntries, sortEntries } from './band-runs.ts';
import { type Query, runSteps, sqliteDialect } from './dialect.ts';

function database(): { db: Database.Database; run: (query: Query) => unknown[] } {
  const db = new Database(':memory:');
  db.exec(
    'CREATE TABLE story_band_runs (run INTEGER PRIMARY KEY, token TEXT NOT NULL, entries BLOB NOT NULL)',
  );
  const run = (query: Query): unknown[] => {
    const statement = db.prepare(query.sql);
    if (statement.reader) return statement.all(...query.params);
    statement.run(...query.params);
    return [];
  };
  return { db, run };
}

/** Band keys as story detection makes them: one per band, band × 2³² + a hash. */
function bandKeys(random: () => number, bands = 48): number[] {
  return Array.from({ length: bands }, (_, band) => band * 2 ** 32 + Math.floor(random() * 2 ** 32));
}

const pairs = ({ keys, seqs }: Entries) => Array.from(keys, (key, index) => `${key} ${seqs[index]}`);

/** What the runs file under each key, as sorted "key seq" strings. */
function filed(runs: BandRuns, keys: readonly number[]): string[] {
  const distinct = Float64Array.from(new Set(keys)).sort();
  const found: string[] = [];
  runs.lookupEach(distinct, (index, seq) => found.push(`${distinct[index]} ${seq}`));
  return found.sort();
}

describe('sortEntries', () => {
  it('sorts the entries of many articles by key, each with its article', () => {
    const random = seededRandom(5);
    const articles = Array.from({ length: 300 }, (_, seq) => ({ seq: seq + 1, keys: bandKeys(random) }));
    // Two articles sharing keys: the same key twice, each with its own article.
    articles.push({ seq: 999, keys: articles[0]?.keys ?? [] });
    const sorted = sortEntries(articles);
    const expected = articles
      .flatMap(({ seq, keys }) => keys.map((key) => [key, seq] as const))
      .sort((first, second) => first[0] - second[0] || first[1] - second[1]);
    // Entries of one key keep the order they were given in (here, that of their articles).
    expect(pairs(sorted)).toEqual(expected.map(([key, seq]) => `${key} ${seq}`));
    // Keys of another shape are sorted all the same.
    const odd = sortEntries([{ seq: 1, keys: [3.5, -1, 2 ** 52] }]);
    expect([...odd.keys]).toEqual([-1, 3.5, 2 ** 52]);
  });
});

describe('mergeEntries', () => {
  it('merges two sorted runs into one, an entry in both once, entries of one key from both kept', () => {
    const random = seededRandom(8);
    for (let round = 0; round < 50; round++) {
      // Few distinct keys, so that keys and whole entries meet in both runs.
      const entries = () =>
        Array.from({ length: Math.floor(random() * 60) }, () => ({
          seq: 1 + Math.floor(random() * 6),
          keys: [Math.floor(random() * 12) * 2 ** 32 + Math.floor(random() * 4)],
        }));
      const distinct = (items: { seq: number; keys: number[] }[]) => {
        const seen = new Set<string>();
        return items.filter(
          ({ seq, keys }) => !seen.has(`${keys[0]} ${seq}`) && seen.add(`${keys[0]} ${seq}`),
        );
      };
      const first = sortEntries(distinct(entries()));
      const second = sortEntries(distinct(entries()));
      const merged = mergeEntries(first, second);
      const keys = [...merged.keys];
      expect(keys).toEqual([...keys].sort((one, other) => one - other));
      expect(pairs(merged).sort()).toEqual([...new Set([...pairs(first), ...pairs(second)])].sort());
    }
  });
});

describe('BandRuns', () => {
  it('finds every key filed and not removed, however the runs were merged, from any writer', () => {
    const { db, run } = database();
    const random = seededRandom(9);
    const writer = new BandRuns();
    const live = new Map<number, number[]>();
    const removedEver = new Set<string>();
    let seq = 0;
    for (let batch = 0; batch < 120; batch++) {
      // Batches of one to forty articles; now and then one of the stored loses its keys.
      const added = Array.from({ length: 1 + Math.floor(random() * 40) }, () => ({
        seq: ++seq,
        keys: bandKeys(random),
      }));
      const removed: { seq: number; keys: number[] }[] = [];
      for (const [stored, keys] of live) {
        if (random() < 0.02) removed.push({ seq: stored, keys });
      }
      for (const item of removed) {
        live.delete(item.seq);
        for (const key of item.keys) removedEver.add(`${key} ${item.seq}`);
      }
      for (const item of added) live.set(item.seq, item.keys);
      db.exec('BEGIN');
      runSteps(writer.sync(sqliteDialect), run);
      runSteps(writer.append(sqliteDialect, sortEntries(added), sortEntries(removed)), run);
      db.exec('COMMIT');
    }
    const allKeys = [...live.values()].flat();
    const expected = [...live].flatMap(([stored, keys]) => keys.map((key) => `${key} ${stored}`)).sort();
    const found = filed(writer, allKeys);
    // Every live entry is found; anything else found is a removed one not yet merged away.
    expect(found.filter((entry) => !removedEver.has(entry))).toEqual(expected);
    // Merging keeps the runs few: a handful per level of size.
    const runs = db.prepare('SELECT count(*) FROM story_band_runs').pluck().get() as number;
    expect(runs).toBeLessThan(20);
    // Another writer reads the same runs from the database.
    const other = new BandRuns();
    runSteps(other.sync(sqliteDialect), run);
    expect(filed(other, allKeys)).toEqual(found);
  });

  it('drops removed entries when a merge reaches the oldest run', () => {
    const { run } = database();
    const random = seededRandom(3);
    const writer = new BandRuns();
    // Four runs of two articles each (96 entries: the smallest level), the last removing an article
    // of the first: the fourth merges all four.
    const articles = Array.from({ length: 8 }, (_, index) => ({ seq: index + 1, keys: bandKeys(random) }));
    const gone = articles[0] as { seq: number; keys: number[] };
    runSteps(writer.sync(sqliteDialect), run);
    for (let batch = 0; batch < 4; batch++) {
      const added = articles.slice(2 * batch, 2 * batch + 2);
      runSteps(writer.append(sqliteDialect, sortEntries(added), sortEntries(batch === 3 ? [gone] : [])), run);
    }
    const reread = new BandRuns();
    runSteps(reread.sync(sqliteDialect), run);
    const expected = articles
      .slice(1)
      .flatMap(({ seq, keys }) => keys.map((key) => `${key} ${seq}`))
      .sort();
    expect(
      filed(
        reread,
        articles.flatMap(({ keys }) => keys),
      ),
    ).toEqual(expected);
  });

  it('keeps what it holds of removed keys bounded once its runs are too large to merge', () => {
    const { db, run } = database();
    const random = seededRandom(12);
    // A cap of 2,000 entries (about 40 articles) in place of millions: 200 articles fill runs that
    // never merge again, then the bodies of a few change, round after round.
    const writer = new BandRuns({ maxRunEntries: 2000 });
    const live = new Map<number, number[]>();
    const write = (added: { seq: number; keys: number[] }[], removed: { seq: number; keys: number[] }[]) => {
      db.exec('BEGIN');
      runSteps(writer.sync(sqliteDialect), run);
      runSteps(writer.append(sqliteDialect, sortEntries(added), sortEntries(removed)), run);
      db.exec('COMMIT');
    };
    for (let batch = 0; batch < 20; batch++) {
      const added = Array.from({ length: 10 }, (_, index) => ({
        seq: batch * 10 + index + 1,
        keys: bandKeys(random),
      }));
      for (const item of added) live.set(item.seq, item.keys);
      write(added, []);
    }
    // Entries and tombstones as the stored runs count them (the second and third words of each).
    const stored = () =>
      (db.prepare('SELECT entries FROM story_band_runs').pluck().all() as Uint8Array[]).reduce(
        (sum, bytes) => {
          const words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          return sum + words.getUint32(4, true) + words.getUint32(8, true);
        },
        0,
      );
    let most = 0;
    for (let round = 0; round < 150; round++) {
      const changed = Array.from({ length: 5 }, () => 1 + Math.floor(random() * 200));
      const distinct = [...new Set(changed)];
      const removed = distinct.map((seq) => ({ seq, keys: live.get(seq) as number[] }));
      const added = distinct.map((seq) => ({ seq, keys: bandKeys(random) }));
      for (const item of added) live.set(item.seq, item.keys);
      write(added, removed);
      most = Math.max(most, stored());
    }
    const liveEntries = 200 * 48;
    // 150 rounds removed about 36,000 entries: without compaction they and their tombstones stay.
    expect(most).toBeLessThan(liveEntries * 2);
    const allKeys = [...live.values()].flat();
    const expected = [...live].flatMap(([seq, keys]) => keys.map((key) => `${key} ${seq}`)).sort();
    const liveFound = (runs: BandRuns) => {
      const found = filed(runs, allKeys);
      // Every live entry is found; a removed one may be too, until compacted away, but not many.
      const current = new Set(expected);
      expect(found.filter((entry) => current.has(entry))).toEqual(expected);
      expect(found.length).toBeLessThan(expected.length * 2);
    };
    liveFound(writer);
    const other = new BandRuns({ maxRunEntries: 2000 });
    runSteps(other.sync(sqliteDialect), run);
    liveFound(other);
  });

  it('forgets a run whose transaction was rolled back', () => {
    const { db, run } = database();
    const random = seededRandom(4);
    const writer = new BandRuns();
    const kept = { seq: 1, keys: bandKeys(random) };
    const lost = { seq: 2, keys: bandKeys(random) };
    const later = { seq: 3, keys: bandKeys(random) };
    runSteps(writer.sync(sqliteDialect), run);
    runSteps(writer.append(sqliteDialect, sortEntries([kept]), sortEntries([])), run);
    db.exec('BEGIN');
    runSteps(writer.sync(sqliteDialect), run);
    runSteps(writer.append(sqliteDialect, sortEntries([lost]), sortEntries([])), run);
    db.exec('ROLLBACK');
    // The next write takes the rolled-back run's number for a run of its own.
    runSteps(writer.sync(sqliteDialect), run);
    runSteps(writer.append(sqliteDialect, sortEntries([later]), sortEntries([])), run);
    const keys = [...kept.keys, ...lost.keys, ...later.keys];
    const expected = [kept, later].flatMap(({ seq, keys }) => keys.map((key) => `${key} ${seq}`)).sort();
    expect(filed(writer, keys)).toEqual(expected);
  });

  it('stores band keys and 32-bit articles in 8 bytes an entry, and any other entries in 16', () => {
    const { db, run } = database();
    const random = seededRandom(6);
    const writer = new BandRuns();
    const packed = [
      { seq: 1, keys: bandKeys(random) },
      { seq: 2 ** 32 - 1, keys: bandKeys(random) },
      ...Array.from({ length: 98 }, (_, index) => ({ seq: 100 + index, keys: bandKeys(random) })),
    ];
    // An article past 32 bits, and keys that are no band keys, as another store's could be.
    const wide = [
      { seq: 2 ** 40, keys: bandKeys(random) },
      { seq: 7, keys: [0.5, 3 * 2 ** 32 + 0.25] },
    ];
    runSteps(writer.sync(sqliteDialect), run);
    runSteps(writer.append(sqliteDialect, sortEntries(packed), sortEntries([])), run);
    runSteps(
      writer.append(sqliteDialect, sortEntries(wide.slice(0, 1)), sortEntries(packed.slice(0, 1))),
      run,
    );
    runSteps(writer.append(sqliteDialect, sortEntries(wide.slice(1)), sortEntries([])), run);
    const sizes = db
      .prepare('SELECT length(entries) FROM story_band_runs ORDER BY run')
      .pluck()
      .all() as number[];
    // 4,800 entries in 48 bands, and then 48 entries and 48 tombstones.
    expect(sizes[0]).toBeLessThan(8.1 * 4800);
    expect(sizes[1]).toBeGreaterThanOrEqual(16 * 96);
    const reread = new BandRuns();
    runSteps(reread.sync(sqliteDialect), run);
    const all = [...packed, ...wide];
    expect(
      filed(
        reread,
        all.flatMap(({ keys }) => keys),
      ),
    ).toEqual(
      filed(
        writer,
        all.flatMap(({ keys }) => keys),
      ),
    );
    const expected = all.flatMap(({ seq, keys }) => keys.map((key) => `${key} ${seq}`)).sort();
    // The first article's keys were removed by a newer run, and no merge has dropped them yet.
    expect(
      filed(
        reread,
        all.flatMap(({ keys }) => keys),
      ),
    ).toEqual(expected);
  });

  it('numbers a merged run anew when runs of removals alone are among those merged', () => {
    const { db, run } = database();
    const random = seededRandom(8);
    const writer = new BandRuns();
    const articles = Array.from({ length: 6 }, (_, index) => ({ seq: index + 1, keys: bandKeys(random) }));
    runSteps(writer.sync(sqliteDialect), run);
    runSteps(writer.append(sqliteDialect, sortEntries(articles), sortEntries([])), run);
    // Three runs that only remove keys, as deletes write, then one that adds: the four are merged.
    for (const gone of articles.slice(0, 3)) {
      runSteps(writer.sync(sqliteDialect), run);
      runSteps(writer.append(sqliteDialect, sortEntries([]), sortEntries([gone])), run);
    }
    const added = { seq: 7, keys: bandKeys(random) };
    runSteps(writer.sync(sqliteDialect), run);
    runSteps(writer.append(sqliteDialect, sortEntries([added]), sortEntries([])), run);
    articles.push(added);
    const runs = db.prepare('SELECT run, token FROM story_band_runs').all() as {
      run: number;
      token: string;
    }[];
    expect(new Set(runs.map((row) => row.token)).size).toBe(runs.length);
    const reread = new BandRuns();
    runSteps(reread.sync(sqliteDialect), run);
    const all = articles.flatMap(({ keys }) => keys);
    expect(filed(reread, all)).toEqual(filed(writer, all));
    for (const kept of articles.slice(3)) {
      expect(filed(reread, all).filter((entry) => entry.endsWith(` ${kept.seq}`))).toHaveLength(48);
    }
  });

  describe('with pending entries', () => {
    /** A database with the band index's state and a table of each article's keys, as stores keep them in their rows. */
    function pendingDatabase() {
      const { db, run } = database();
      db.exec(`CREATE TABLE story_band_state (id INTEGER PRIMARY KEY, watermark INTEGER NOT NULL, token TEXT NOT NULL);
        INSERT INTO story_band_state VALUES (1, 0, '');
        CREATE TABLE filed (seq INTEGER PRIMARY KEY, keys TEXT NOT NULL);`);
      const derive: Derive = function* (_dialect, watermark, only) {
        const rows = (yield only === undefined
          ? { sql: 'SELECT seq, keys FROM filed WHERE seq > ?', params: [watermark] }
          : {
              sql: 'SELECT seq, keys FROM filed WHERE seq > ? AND seq IN (SELECT value FROM json_each(?))',
              params: [watermark, JSON.stringify(only)],
            }) as {
          seq: number;
          keys: string;
        }[];
        return sortEntries(rows.map((row) => ({ seq: row.seq, keys: JSON.parse(row.keys) as number[] })));
      };
      const runCount = () => db.prepare('SELECT count(*) FROM story_band_runs').pluck().get() as number;
      const watermark = () => db.prepare('SELECT watermark FROM story_band_state').pluck().get() as number;
      // As a store writes: the index read, the rows written, their entries filed, the write committed
      // (or rolled back).
      const write = (
        writer: BandRuns,
        batch: readonly { seq: number; keys: number[] }[],
        { runner = run, commit = true }: { runner?: (query: Query) => unknown[]; commit?: boolean } = {},
      ) => {
        db.exec('BEGIN');
        runSteps(writer.sync(sqliteDialect), runner);
        for (const { seq, keys } of batch)
          db.prepare('INSERT INTO filed VALUES (?, ?)').run(seq, JSON.stringify(keys));
        runSteps(writer.append(sqliteDialect, sortEntries(batch), sortEntries([])), runner);
        const mark = writer.mark();
        db.exec(commit ? 'COMMIT' : 'ROLLBACK');
        if (commit) writer.committed(mark);
      };
      return { db, run, derive, runCount, watermark, write };
    }

    it('keeps new articles out of the runs until they are as many as set, found by every writer meanwhile', () => {
      const { run, derive, runCount, watermark, write: writeAs } = pendingDatabase();
      const random = seededRandom(11);
      const writer = new BandRuns({ derive, flushFrom: 48 * 25 });
      const articles = Array.from({ length: 40 }, (_, index) => ({ seq: index + 1, keys: bandKeys(random) }));
      const write = (batch: typeof articles) => writeAs(writer, batch);
      const expected = (batch: typeof articles) =>
        batch.flatMap(({ seq, keys }) => keys.map((key) => `${key} ${seq}`)).sort();
      const allKeys = articles.flatMap(({ keys }) => keys);
      for (let start = 0; start < 20; start += 5) write(articles.slice(start, start + 5));
      // Twenty articles: fewer than the 25 set, and no run written.
      expect(runCount()).toBe(0);
      expect(filed(writer, allKeys)).toEqual(expected(articles.slice(0, 20)));
      const other = new BandRuns({ derive });
      runSteps(other.sync(sqliteDialect), run);
      expect(filed(other, allKeys)).toEqual(expected(articles.slice(0, 20)));
      // The twenty-fifth: all of them are written as one run, past which the watermark moves.
      for (let start = 20; start < 25; start += 5) write(articles.slice(start, start + 5));
      expect(runCount()).toBe(1);
      expect(watermark()).toBe(25);
      expect(writer.contents().pending.keys.length).toBe(0);
      // Another writer that kept the pending entries of before makes them again: the runs hold them now.
      runSteps(other.sync(sqliteDialect), run);
      expect(filed(other, allKeys)).toEqual(expected(articles.slice(0, 25)));
      write(articles.slice(25, 30));
      runSteps(other.sync(sqliteDialect), run);
      expect(filed(other, allKeys)).toEqual(expected(articles.slice(0, 30)));
      expect(other.contents().pending.keys.length).toBe(5 * 48);
    });

    it('writes tombstones at once only for articles up to the watermark, and forgets a rolled-back write', () => {
      const { db, run, derive, runCount, watermark } = pendingDatabase();
      const random = seededRandom(12);
      const writer = new BandRuns({ derive });
      const articles = Array.from({ length: 6 }, (_, index) => ({ seq: index + 1, keys: bandKeys(random) }));
      const transaction = (work: () => void, commit = true) => {
        db.exec('BEGIN');
        runSteps(writer.sync(sqliteDialect), run);
        work();
        db.exec(commit ? 'COMMIT' : 'ROLLBACK');
      };
      const file = (batch: typeof articles) => {
        for (const { seq, keys } of batch)
          db.prepare('INSERT INTO filed VALUES (?, ?)').run(seq, JSON.stringify(keys));
        runSteps(writer.append(sqliteDialect, sortEntries(batch), sortEntries([])), run);
      };
      const remove = (item: (typeof articles)[number]) => {
        db.prepare('DELETE FROM filed WHERE seq = ?').run(item.seq);
        runSteps(writer.append(sqliteDialect, sortEntries([]), sortEntries([item])), run);
      };
      transaction(() => file(articles.slice(0, 3)));
      transaction(() => runSteps(writer.flush(sqliteDialect), run));
      expect([runCount(), watermark()]).toEqual([1, 3]);
      transaction(() => file(articles.slice(3, 5)));
      // Article 5 goes: pending, so nothing is written; article 2 goes: its tombstones are written (and
      // here, a third of the entries, make the runs be written again without it).
      const tokens = () => db.prepare('SELECT token FROM story_band_runs ORDER BY run').pluck().all();
      const before = tokens();
      transaction(() => remove(articles[4] as (typeof articles)[number]));
      expect(tokens()).toEqual(before);
      transaction(() => remove(articles[1] as (typeof articles)[number]));
      expect(tokens()).not.toEqual(before);
      // Article 6, filed by a write that is rolled back, is not found after.
      transaction(() => file(articles.slice(5, 6)), false);
      const allKeys = articles.flatMap(({ keys }) => keys);
      runSteps(writer.sync(sqliteDialect), run);
      const found = filed(writer, allKeys).filter((entry) => !entry.endsWith(' 2') && !entry.endsWith(' 5'));
      expect(found).toEqual(
        [articles[0], articles[2], articles[3]]
          .flatMap((item) => item?.keys.map((key) => `${key} ${item.seq}`) ?? [])
          .sort(),
      );
      const { stored, pending } = writer.contents();
      expect(pairs(stored).sort()).toEqual(
        [articles[0], articles[2]]
          .flatMap((item) => item?.keys.map((key) => `${key} ${item.seq}`) ?? [])
          .sort(),
      );
      expect(pairs(pending).sort()).toEqual((articles[3]?.keys ?? []).map((key) => `${key} 4`).sort());
    });

    it('finds every pending entry under its key, in the order filed, through many writes', () => {
      const { derive, runCount, write } = pendingDatabase();
      const random = seededRandom(15);
      const writer = new BandRuns({ derive });
      const articles: { seq: number; keys: number[] }[] = [];
      for (let seq = 1; seq <= 600; seq++) {
        // One in five shares a band key (and so a chain) with an earlier article.
        const keys = bandKeys(random);
        const earlier = articles[Math.floor(random() * articles.length)];
        if (earlier !== undefined && seq % 5 === 0) keys[seq % 48] = earlier.keys[seq % 48] as number;
        articles.push({ seq, keys });
      }
      for (let start = 0; start < articles.length; start += 37)
        write(writer, articles.slice(start, start + 37));
      expect(runCount()).toBe(0);
      const distinct = Float64Array.from(new Set(articles.flatMap(({ keys }) => keys))).sort();
      const found = new Map<number, number[]>();
      writer.lookupEach(distinct, (index, seq) => {
        const key = distinct[index] as number;
        found.set(key, [...(found.get(key) ?? []), seq]);
      });
      // Each key's articles in the order they were filed (here, by seq), every entry once.
      const holders = new Map<number, number[]>();
      for (const { seq, keys } of articles) {
        for (const key of keys) holders.set(key, [...(holders.get(key) ?? []), seq]);
      }
      expect(found).toEqual(holders);
      const { pending } = writer.contents();
      const expected = [...distinct].flatMap((key) => (holders.get(key) ?? []).map((seq) => `${key} ${seq}`));
      expect(pairs(pending)).toEqual(expected);
    });

    it('writes a run of the entries stored now after pending ones were removed or filed again, reading only those articles', () => {
      const { db, run, derive, watermark } = pendingDatabase();
      const random = seededRandom(14);
      const writer = new BandRuns({ derive });
      const articles = Array.from({ length: 8 }, (_, index) => ({ seq: index + 1, keys: bandKeys(random) }));
      const statements: string[] = [];
      const counted = (query: Query) => {
        statements.push(query.sql);
        return run(query);
      };
      const transaction = (work: () => void) => {
        db.exec('BEGIN');
        runSteps(writer.sync(sqliteDialect), counted);
        work();
        const mark = writer.mark();
        db.exec('COMMIT');
        writer.committed(mark);
      };
      const store = (item: { seq: number; keys: number[] }) =>
        db.prepare('INSERT OR REPLACE INTO filed VALUES (?, ?)').run(item.seq, JSON.stringify(item.keys));
      transaction(() => {
        for (const item of articles) store(item);
        runSteps(writer.append(sqliteDialect, sortEntries(articles), sortEntries([])), counted);
      });
      // Article 3 deleted; article 5 changed (its old keys removed, new ones filed); article 6 changed
      // back to the keys it had, in two writes.
      const changed = { seq: 5, keys: bandKeys(random) };
      const six = articles[5] as (typeof articles)[number];
      const interim = { seq: 6, keys: bandKeys(random) };
      transaction(() => {
        db.prepare('DELETE FROM filed WHERE seq IN (3, 5, 6)').run();
        store(changed);
        store(interim);
        const removed = [articles[2], articles[4], six] as typeof articles;
        runSteps(
          writer.append(sqliteDialect, sortEntries([changed, interim]), sortEntries(removed)),
          counted,
        );
      });
      transaction(() => {
        store(six);
        runSteps(writer.append(sqliteDialect, sortEntries([six]), sortEntries([interim])), counted);
      });
      statements.length = 0;
      transaction(() => runSteps(writer.flush(sqliteDialect), counted));
      // Made again for the three articles touched, not for all eight.
      const reads = statements.filter((sql) => sql.startsWith('SELECT seq, keys FROM filed'));
      expect(reads).toEqual([expect.stringContaining('json_each')]);
      expect(watermark()).toBe(8);
      const now = [...articles.filter((item) => item.seq !== 3 && item.seq !== 5), changed];
      const expected = now.flatMap(({ seq, keys }) => keys.map((key) => `${key} ${seq}`)).sort();
      const reread = new BandRuns({ derive });
      runSteps(reread.sync(sqliteDialect), run);
      const { stored, pending } = reread.contents();
      expect(pending.keys.length).toBe(0);
      expect(pairs(stored).sort()).toEqual(expected);
    });

    it('reads only what another writer filed since, and makes all again after a write of its own that was rolled back', () => {
      const { run, derive, write: writeAs } = pendingDatabase();
      const random = seededRandom(13);
      const one = new BandRuns({ derive });
      const other = new BandRuns({ derive });
      const make = (from: number, count: number) =>
        Array.from({ length: count }, (_, index) => ({ seq: from + index, keys: bandKeys(random) }));
      const statements: string[] = [];
      const counted = (query: Query) => {
        statements.push(query.sql);
        return run(query);
      };
      // A write by `writer`, committed or rolled back: its rows and its entries.
      const write = (writer: BandRuns, batch: { seq: number; keys: number[] }[], commit = true) =>
        writeAs(writer, batch, { runner: counted, commit });
      const expected = (batch: { seq: number; keys: number[] }[]) =>
        batch.flatMap(({ seq, keys }) => keys.map((key) => `${key} ${seq}`)).sort();
      const first = make(1, 4);
      const second = make(5, 3);
      write(one, first);
      write(other, second);
      statements.length = 0;
      const third = make(8, 2);
      write(one, third);
      // `one` read only the articles `other` filed after its own: no read of all the pending rows.
      expect(statements.filter((sql) => sql.startsWith('SELECT seq, keys FROM filed'))).toHaveLength(1);
      expect(pairs(one.contents().pending).sort()).toEqual(expected([...first, ...second, ...third]));
      // A write of `other` rolled back, then `one` files other articles under the same numbers.
      write(other, make(10, 3), false);
      const fourth = make(10, 3);
      write(one, fourth);
      runSteps(other.sync(sqliteDialect), run);
      const all = [...first, ...second, ...third, ...fourth];
      expect(pairs(other.contents().pending).sort()).toEqual(expected(all));
      expect(pairs(one.contents().pending).sort()).toEqual(expected(all));
    });
  });
});
