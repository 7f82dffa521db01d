/** Where the API writes its structured log records: one JSON object per call. */
export interface Logger {
  info(record: Record<string, unknown>): void;
  error(record: Record<string, unknown>): void;
}

interface Sink {
  write(chunk: string): unknown;
}

/** A logger that holds info lines briefly to write them together; `flush` writes what it holds. */
export interface BufferedLogger extends Logger {
  flush(): void;
}

// Past this many characters held, info lines are written at once rather than at the end of the turn.
const FLUSH_CHARS = 64 * 1024;

/** Loggers holding lines, flushed when the process exits however it exits. */
const holding = new Set<BufferedLogger>();
let exitHook = false;

/**
 * A logger writing JSON lines: info records to `out`, errors to `err`. Info lines (one per request)
 * are gathered and written once per turn of the event loop, so a busy server makes one write for many
 * requests instead of one each; an error writes the info lines before it first, then itself at once.
 */
export function createJsonLogger(out: Sink, err: Sink): BufferedLogger {
  const line = (level: string, record: Record<string, unknown>) =>
    `${JSON.stringify({ time: new Date().toISOString(), level, ...record })}\n`;
  let held = '';
  let scheduled = false;
  const logger: BufferedLogger = {
    info(record) {
      held += line('info', record);
      if (held.length >= FLUSH_CHARS) logger.flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(logger.flush);
      }
    },
    error(record) {
      logger.flush();
      err.write(line('error', record));
    },
    flush() {
      scheduled = false;
      if (held === '') return;
      const text = held;
      held = '';
      out.write(text);
    },
  };
  holding.add(logger);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const each of holding) each.flush();
    });
  }
  return logger;
}

/** JSON lines on the process's stdout and stderr. */
export const jsonLogger: BufferedLogger = createJsonLogger(process.stdout, process.stderr);

/** Drops every record (tests, benchmarks). */
export const silentLogger: Logger = {
  info: () => {},
  error: () => {},
};
