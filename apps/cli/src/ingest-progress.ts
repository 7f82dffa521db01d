import type { Io } from './command.ts';

/** Counts of an ingest so far. */
export interface IngestCounts {
  added: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/** Reports progress on stderr: a redrawn bar on a terminal, a plain line per stored batch otherwise. */
export interface Progress {
  update(filesDone: number, counts: IngestCounts): void;
  done(): void;
}

const BAR_WIDTH = 24;
// A terminal redraw costs more than storing a few articles: at most ten a second.
const REDRAW_MS = 100;

export function ingestProgress(stderr: Io['stderr'], totalFiles: number): Progress {
  if (stderr.isTTY) return barProgress(stderr, totalFiles);
  return {
    update(filesDone, counts) {
      stderr.write(`${filesDone}/${totalFiles} files: ${describeCounts(counts)}\n`);
    },
    done() {},
  };
}

function barProgress(stderr: Io['stderr'], totalFiles: number): Progress {
  let drawnAt = 0;
  return {
    update(filesDone, counts) {
      const now = Date.now();
      if (now - drawnAt < REDRAW_MS && filesDone < totalFiles) return;
      drawnAt = now;
      const filled = totalFiles === 0 ? BAR_WIDTH : Math.round((filesDone / totalFiles) * BAR_WIDTH);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
      stderr.write(`\r\x1b[K${bar} ${filesDone}/${totalFiles} files  ${describeCounts(counts)}`);
    },
    done() {
      stderr.write('\r\x1b[K');
    },
  };
}

export function describeCounts(counts: IngestCounts): string {
  return `added ${counts.added}, updated ${counts.updated}, unchanged ${counts.unchanged}, failed ${counts.failed}`;
}
