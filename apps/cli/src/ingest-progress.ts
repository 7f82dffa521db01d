import type { Io } from './command.ts';

/** Counts of an ingest so far. */
export interface IngestCounts {
  added: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/** Where reading a web archive has got to. */
export interface ArchiveState {
  name: string;
  records: number;
  bytes: number;
  /** The archive's size in bytes, when known. */
  size: number | null;
}

/** Reports progress on stderr: a redrawn bar on a terminal, a plain line per stored batch otherwise. */
export interface Progress {
  update(filesDone: number, counts: IngestCounts): void;
  /** The archive being read and how far, or null once it is done. */
  archive(state: ArchiveState | null, counts: IngestCounts): void;
  done(): void;
}

const BAR_WIDTH = 24;
// A terminal redraw costs more than storing a few articles: at most ten a second.
const REDRAW_MS = 100;

export function ingestProgress(stderr: Io['stderr'], totalFiles: number): Progress {
  return stderr.isTTY ? barProgress(stderr, totalFiles) : lineProgress(stderr, totalFiles);
}

function lineProgress(stderr: Io['stderr'], totalFiles: number): Progress {
  let archive: ArchiveState | null = null;
  return {
    update(filesDone, counts) {
      const within = archive === null ? '' : ` (${describeArchive(archive)})`;
      stderr.write(`${filesDone}/${totalFiles} files${within}: ${describeCounts(counts)}\n`);
    },
    archive(state) {
      archive = state;
    },
    done() {},
  };
}

function barProgress(stderr: Io['stderr'], totalFiles: number): Progress {
  let drawnAt = 0;
  let filesDone = 0;
  let archive: ArchiveState | null = null;
  const draw = (counts: IngestCounts, force: boolean) => {
    const now = Date.now();
    if (!force && now - drawnAt < REDRAW_MS) return;
    drawnAt = now;
    const share = archive?.size
      ? (filesDone + Math.min(1, archive.bytes / archive.size)) / totalFiles
      : filesDone / totalFiles;
    const filled = totalFiles === 0 ? BAR_WIDTH : Math.round(Math.min(1, share) * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const within = archive === null ? '' : `  ${describeArchive(archive)}`;
    stderr.write(`\r\x1b[K${bar} ${filesDone}/${totalFiles} files${within}  ${describeCounts(counts)}`);
  };
  return {
    update(done, counts) {
      filesDone = done;
      draw(counts, done === totalFiles);
    },
    archive(state, counts) {
      archive = state;
      draw(counts, false);
    },
    done() {
      stderr.write('\r\x1b[K');
    },
  };
}

function describeArchive(archive: ArchiveState): string {
  const read = megabytes(archive.bytes);
  const of = archive.size === null ? '' : ` of ${megabytes(archive.size)}`;
  return `${archive.name}: ${archive.records} records, ${read}${of} MB`;
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

export function describeCounts(counts: IngestCounts): string {
  return `added ${counts.added}, updated ${counts.updated}, unchanged ${counts.unchanged}, failed ${counts.failed}`;
}
