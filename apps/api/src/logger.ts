/** Where the API writes its structured log records: one JSON object per call. */
export interface Logger {
  info(record: Record<string, unknown>): void;
  error(record: Record<string, unknown>): void;
}

interface Sink {
  write(chunk: string): unknown;
}

/** A logger writing JSON lines: info records to `out`, errors to `err`. */
export function createJsonLogger(out: Sink, err: Sink): Logger {
  const line = (level: string, record: Record<string, unknown>) =>
    `${JSON.stringify({ time: new Date().toISOString(), level, ...record })}\n`;
  return {
    info: (record) => out.write(line('info', record)),
    error: (record) => err.write(line('error', record)),
  };
}

/** JSON lines on the process's stdout and stderr. */
export const jsonLogger: Logger = createJsonLogger(process.stdout, process.stderr);

/** Drops every record (tests, benchmarks). */
export const silentLogger: Logger = {
  info: () => {},
  error: () => {},
};
