import type { Io } from '../src/command.ts';

/** An `Io` over strings, for tests: what the command wrote is in `out` and `err`. */
export function memoryIo(options: { stdin?: string; cwd?: string; env?: Record<string, string> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: {
      write: (chunk: string | Uint8Array) =>
        out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
      isTTY: false,
    },
    stderr: { write: (chunk: string) => err.push(chunk), isTTY: false },
    stdin: (async function* () {
      if (options.stdin !== undefined) yield options.stdin;
    })(),
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

/** The JSON values of JSON Lines output, blank lines left out. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
