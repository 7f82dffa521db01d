/** Where a command reads and writes: the process's streams in use, buffers in tests. */
export interface Io {
  /** Text, or bytes already encoded as UTF-8. */
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean | undefined };
  stderr: { write(chunk: string): unknown; isTTY?: boolean | undefined };
  stdin: AsyncIterable<Buffer | string>;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** One `khabar` subcommand. */
export interface Command {
  name: string;
  /** One line for `khabar --help`. */
  summary: string;
  /** The command's own help text. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: string[], io: Io): Promise<number>;
}

/** A user mistake: printed as `khabar: <message>` with exit code 2, never as a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
