import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ParseOptions, parseArticle } from '@khabar/parser';
import { type Command, type Io, UsageError } from '../command.ts';

const usage = `Usage: khabar parse [options] <file|dir|->...

Reads news page text dumps and prints one JSON article per input, one per line (JSON Lines), in the
order given. A directory stands for its *.txt files, sorted by name; - reads standard input.
An input that cannot be read or parsed prints {"file": …, "error": {"code", "message"}} in its place;
the others go on, and the exit code is 1.

Options:
  --pretty                 indent the JSON, for people
  --reference-time <iso>   the time relative dates (منذ ساعتين, أمس) count from
  --lexicon <file>         known multi-word tags, one per line, kept whole in keywords
  -h, --help               show this help
`;

// Output is gathered into chunks of about this size: one write per article would cost more than parsing.
const CHUNK = 1 << 16;

interface Input {
  /** The name printed with an error: the argument, or the file inside a directory argument. */
  name: string;
  /** Where to read it: a path, or null for standard input. */
  path: string | null;
}

/** `khabar parse`: text dumps in, JSON Lines out. */
export const parseCommand: Command = {
  name: 'parse',
  summary: 'read news text dumps into articles, one JSON line each',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args);
    if (positionals.length === 0)
      throw new UsageError("parse needs a file, a directory or - (see 'khabar parse --help')");
    const options = parserOptions(values, io.cwd);
    const output = new ChunkedWriter(io.stdout);
    let failed = false;
    for (const argument of positionals) {
      for (const input of expand(argument, io.cwd)) {
        const line = await parseInput(input, io, options, values.pretty === true);
        failed ||= line.failed;
        await output.write(`${line.json}\n`);
      }
    }
    await output.flush();
    return failed ? 1 : 0;
  },
};

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        pretty: { type: 'boolean' },
        'reference-time': { type: 'string' },
        lexicon: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`parse: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parserOptions(values: { 'reference-time'?: string; lexicon?: string }, cwd: string): ParseOptions {
  const options: ParseOptions = {};
  const referenceTime = values['reference-time'];
  if (referenceTime !== undefined) {
    const date = new Date(referenceTime);
    if (Number.isNaN(date.getTime()))
      throw new UsageError(`parse: --reference-time '${referenceTime}' is not a date`);
    options.referenceTime = date;
  }
  if (values.lexicon !== undefined) {
    let text: string;
    try {
      text = readFileSync(resolvePath(values.lexicon, cwd), 'utf8');
    } catch {
      throw new UsageError(`parse: cannot read the lexicon file '${values.lexicon}'`);
    }
    options.tagLexicon = text
      .split(/\r?\n/)
      .map((tag) => tag.trim())
      .filter((tag) => tag.length > 0);
  }
  return options;
}

function resolvePath(path: string, cwd: string): string {
  return isAbsolute(path) ? path : join(cwd, path);
}

/** An argument as the inputs it stands for: a directory's *.txt files in name order, else itself. */
function expand(argument: string, cwd: string): Input[] {
  if (argument === '-') return [{ name: '-', path: null }];
  const path = resolvePath(argument, cwd);
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // Not there or not readable: reading it reports the error in its place.
  }
  if (!isDirectory) return [{ name: argument, path }];
  let names: string[];
  try {
    names = readdirSync(path);
  } catch {
    return [{ name: argument, path }];
  }
  return names
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name: join(argument, name), path: join(path, name) }));
}

async function parseInput(
  input: Input,
  io: Io,
  options: ParseOptions,
  pretty: boolean,
): Promise<{ json: string; failed: boolean }> {
  let text: string;
  try {
    text = decode(input.path === null ? await readStdin(io) : readFileSync(input.path));
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'read error';
    return errorLine(
      input,
      { code: 'unreadable_input', message: `Cannot read ${input.name} (${reason}).` },
      pretty,
    );
  }
  const result = parseArticle(text, options);
  if (!result.ok) return errorLine(input, { code: result.error.code, message: result.error.message }, pretty);
  return { json: JSON.stringify(result.article, null, pretty ? 2 : undefined), failed: false };
}

function errorLine(input: Input, error: { code: string; message: string }, pretty: boolean) {
  return { json: JSON.stringify({ file: input.name, error }, null, pretty ? 2 : undefined), failed: true };
}

async function readStdin(io: Io): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** UTF-8 unless a byte order mark says UTF-16; the parser itself drops a UTF-8 BOM. */
function decode(bytes: Buffer): string {
  const even = bytes.length - (bytes.length % 2);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2, even).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2, even)).swap16().toString('utf16le');
  return bytes.toString('utf8');
}

/** Gathers output into large writes and waits when the stream asks it to. */
class ChunkedWriter {
  private readonly stream: Io['stdout'];
  private pending: string[] = [];
  private size = 0;

  constructor(stream: Io['stdout']) {
    this.stream = stream;
  }

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.size = 0;
    const accepted = this.stream.write(chunk);
    const stream = this.stream as Partial<NodeJS.EventEmitter>;
    if (accepted === false && typeof stream.once === 'function') {
      await new Promise<void>((resolve) => stream.once?.('drain', resolve));
    }
  }
}
