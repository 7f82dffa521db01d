import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DocumentResult } from '@khabar/parser';
import { type Article, redactLocation } from '@khabar/schema';
import { type ArticleStore, StoreError } from '@khabar/store';
import { type Command, type Io, UsageError } from '../command.ts';
import { describeCounts, type IngestCounts, ingestProgress } from '../ingest-progress.ts';
import { archiveEvents, displayPath, expandInputs, fileSize, type InputFile, isArchive } from '../inputs.ts';
import { readInParallel } from '../parallel-reader.ts';
import { dbOption, dbUsage, resolveDb, withStore } from '../store-option.ts';

const SEEDS = fileURLToPath(new URL('../../../../seeds/', import.meta.url));
const DEFAULT_BATCH = 500;

const usage = `Usage: khabar ingest [options] [<file|dir>...]

Stores articles, with full-text search. An .html or .htm file is a news page; a .txt file a text
dump, in the seed's layout or a full page's text; a .json file holds one article or an array of them,
a .jsonl file one article per line (as 'khabar parse' prints them), checked against the article
schema; a web archive (.warc, .warc.gz, .wet, .wet.gz) is read record by record, its HTML responses
as pages and its WET text as full-page text, and a damaged record is reported and skipped. A
directory stands for the files of these kinds under it, sorted by path. With no paths, the seeds/
documents are stored.

The store is created, with its folders, when it is not there yet. Storing again is safe: the same
content is reported unchanged, a corrected text (same title and day) replaces the stored article and
keeps its address. Articles are committed in batches; a document that cannot be read, parsed or
validated is reported and skipped, and the exit code is then 1.

Options:
${dbUsage}
  --batch <n>       articles per transaction (default ${DEFAULT_BATCH})
  -h, --help        show this help
`;

interface Failure {
  source: string;
  reason: string;
}

/** `khabar ingest`: documents in, stored and indexed articles out, with a summary. */
export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'store articles from pages, text dumps, web archives and JSON, with full-text search',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args);
    const batchSize = batchOption(values.batch);
    const files = expandInputs(
      positionals.length > 0 ? positionals : [displayPath(SEEDS, io.cwd)],
      io.cwd,
      (argument) => {
        throw new UsageError(`ingest: no such file or directory: ${argument}`);
      },
    );
    const location = resolveDb(values, io);
    const counts: IngestCounts = { added: 0, updated: 0, unchanged: 0, failed: 0 };
    const failures: Failure[] = [];
    const summary = () => {
      io.stdout.write(`${redactLocation(location)}: ${describeCounts(counts)}\n`);
      for (const failure of failures) io.stdout.write(`  failed ${failure.source}: ${failure.reason}\n`);
    };
    let opened = false;
    try {
      await withStore(location, (store) => {
        opened = true;
        return ingestFiles(store, files, batchSize, io, counts, failures);
      });
    } catch (error) {
      if (!(error instanceof StoreError) || !opened) throw error;
      summary();
      throw new Error(`stopped: ${error.message} (the counts above are committed)`);
    }
    summary();
    return counts.failed > 0 ? 1 : 0;
  },
};

async function ingestFiles(
  store: ArticleStore,
  files: readonly InputFile[],
  batchSize: number,
  io: Io,
  counts: IngestCounts,
  failures: Failure[],
): Promise<void> {
  const progress = ingestProgress(io.stderr, files.length);
  const fail = (source: string, reason: string) => {
    failures.push({ source, reason });
    counts.failed++;
  };
  let batch: { source: string; article: Article }[] = [];
  let filesDone = 0;
  // One batch is written while the next is read and parsed: a PostgreSQL server works meanwhile.
  let writing: Promise<void> = Promise.resolve();
  const flush = async (last: boolean) => {
    const pending = batch;
    batch = [];
    const previous = writing;
    writing = pending.length > 0 ? storeBatch(store, pending, counts, fail) : Promise.resolve();
    // A failure of this write is seen when it is awaited: with the next batch, or now when last.
    writing.catch(() => undefined);
    await previous;
    if (last) await writing;
    progress.update(filesDone, counts);
  };
  const take = async (documents: readonly DocumentResult[]) => {
    for (const document of documents) {
      if (document.ok) batch.push({ source: document.source, article: document.article });
      else fail(document.source, document.error.message);
    }
    if (batch.length >= batchSize) await flush(false);
  };
  try {
    // Files are read in runs between archives: a run on the reading threads, an archive as a stream.
    for (const run of runs(files)) {
      if (!isArchive(run[0] as InputFile)) {
        for await (const documents of readInParallel(run)) {
          filesDone++;
          await take(documents);
        }
        continue;
      }
      const archive = run[0] as InputFile;
      const size = fileSize(archive);
      for await (const event of archiveEvents(archive)) {
        progress.archive({ name: archive.name, ...event.progress, size }, counts);
        if (event.type === 'document') await take([event.result]);
        else if (event.type === 'damaged') fail(`${archive.name}@${event.offset}`, event.message);
      }
      progress.archive(null, counts);
      filesDone++;
    }
    await flush(true);
    await compactAfterBulk(store, counts, io);
  } finally {
    progress.done();
  }
}

// Compacting rewrites the whole search index: worth it when the ingest wrote a good share of the store.
const COMPACT_SHARE = 0.1;

/**
 * Compacts the store's search index (`ArticleStore.compact`) when the ingest wrote a tenth of it or
 * more. What was stored is stored either way: a compaction that fails (another writer held the store
 * too long) is reported on stderr and leaves the outcome as it was.
 */
export async function compactAfterBulk(store: ArticleStore, counts: IngestCounts, io: Io): Promise<void> {
  const written = counts.added + counts.updated;
  if (written === 0) return;
  try {
    const { articles } = await store.stats();
    if (written >= COMPACT_SHARE * articles) await store.compact();
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    io.stderr.write(
      `khabar: the search index was not compacted (${error.message}); everything is stored, and searches work, a little slower until an ingest compacts it\n`,
    );
  }
}

/** The files in runs: each archive on its own, the files between archives together. */
function runs(files: readonly InputFile[]): InputFile[][] {
  const grouped: InputFile[][] = [];
  let current: InputFile[] = [];
  for (const file of files) {
    if (!isArchive(file)) {
      current.push(file);
      continue;
    }
    if (current.length > 0) grouped.push(current);
    grouped.push([file]);
    current = [];
  }
  if (current.length > 0) grouped.push(current);
  return grouped;
}

/**
 * Stores a batch in one transaction. When the transaction fails, each article is stored on its own,
 * so that the one the store refuses is reported and the others are kept.
 */
async function storeBatch(
  store: ArticleStore,
  batch: readonly { source: string; article: Article }[],
  counts: IngestCounts,
  fail: (source: string, reason: string) => void,
): Promise<void> {
  try {
    // An ingest is a bulk load: stories are worked out once for all its new articles, when the store
    // is compacted or closed (see `WriteOptions.deferStories`).
    const { outcomes } = await store.upsertMany(
      batch.map((item) => item.article),
      { deferStories: true },
    );
    for (const outcome of outcomes) counts[outcome.status]++;
    return;
  } catch (error) {
    if (stopsIngest(error)) throw error;
  }
  for (const { source, article } of batch) {
    try {
      counts[(await store.upsert(article, { deferStories: true })).status]++;
    } catch (error) {
      if (stopsIngest(error)) throw error;
      fail(source, `not stored: ${(error as Error).message}`);
    }
  }
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { ...dbOption, batch: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`ingest: ${(error as Error).message}`);
  }
}

function batchOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_BATCH;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 10_000) {
    throw new UsageError(`ingest: --batch must be a whole number from 1 to 10000, got '${value}'`);
  }
  return size;
}

/** Failures of the store itself, not of one article: the ingest stops on them, with its counts so far. */
function stopsIngest(error: unknown): boolean {
  return error instanceof StoreError && (error.code === 'unavailable' || error.code === 'corrupt');
}
