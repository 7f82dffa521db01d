import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ParseOptions, parseArticle } from '@khabar/parser';
import { type Command, type Io, UsageError } from '../command.ts';
import { errorCode, type FileRead, readFiles } from '../file-batches.ts';

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

// Output is written in buffers of this many bytes.
const CHUNK_BYTES = 1 << 20;

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
    const inputs = positionals.flatMap((argument) => expand(argument, io.cwd));
    const output = new LineWriter(io.stdout);
    let failed = false;
    for await (const reads of readInputs(inputs, io)) {
      for (const read of reads) {
        const line = parseRead(read, options, values.pretty === true);
        failed ||= line.failed;
        output.add(line.json);
      }
      await output.writeFull();
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
  // Names read from a directory hold no separator, so what join puts before one name it puts before
  // all: worked out once, not for each of thousands of files.
  const [namePrefix, pathPrefix] = [join(argument, '_').slice(0, -1), join(path, '_').slice(0, -1)];
  return names
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name: namePrefix + name, path: pathPrefix + name }));
}

/** An input's bytes as read, or why it could not be read. */
type Read = { input: Input; bytes: Buffer } | { input: Input; bytes: null; reason: string };

/** The inputs' bytes in the order given; files are read ahead on another thread while this one parses. */
/**
 * The inputs' bytes in the order given, a batch at a time; files are read ahead on another thread
 * while this one parses.
 */
async function* readInputs(inputs: readonly Input[], io: Io): AsyncGenerator<Read[]> {
  const files = readFiles(inputs.flatMap((input) => (input.path === null ? [] : [input.path])));
  try {
    let batch: Read[] = [];
    let read: FileRead[] = [];
    let used = 0;
    for (const input of inputs) {
      if (input.path !== null && used === read.length) {
        // Out of file contents: hand over what is parsed so far, then wait for the next batch.
        if (batch.length > 0) yield batch;
        batch = [];
        const next = await files.next();
        if (next.done) return;
        read = next.value;
        used = 0;
      }
      if (input.path === null) {
        batch.push(await readStandardInput(input, io));
        continue;
      }
      const file = read[used++] as FileRead;
      batch.push(
        file.bytes === null ? { input, bytes: null, reason: file.reason } : { input, bytes: file.bytes },
      );
    }
    if (batch.length > 0) yield batch;
  } finally {
    // Lets the reading thread end, also when the caller stops early.
    await files.return(undefined);
  }
}

async function readStandardInput(input: Input, io: Io): Promise<Read> {
  try {
    return { input, bytes: await readStdin(io) };
  } catch (error) {
    return { input, bytes: null, reason: errorCode(error) };
  }
}

function parseRead(read: Read, options: ParseOptions, pretty: boolean): { json: string; failed: boolean } {
  const { input } = read;
  if (read.bytes === null) {
    const message = `Cannot read ${input.name} (${read.reason}).`;
    return errorLine(input, { code: 'unreadable_input', message }, pretty);
  }
  const { text, utf8 } = decode(read.bytes);
  // UTF-8 input hands its bytes to the parser, which hashes them instead of encoding the text again.
  const result = parseArticle(text, utf8 ? { ...options, utf8: read.bytes } : options);
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
function decode(bytes: Buffer): { text: string; utf8: boolean } {
  const even = bytes.length - (bytes.length % 2);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: bytes.subarray(2, even).toString('utf16le'), utf8: false };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: Buffer.from(bytes.subarray(2, even)).swap16().toString('utf16le'), utf8: false };
  }
  return { text: bytes.toString('utf8'), utf8: true };
}

/**
 * Encodes output lines straight into large buffers and writes each buffer whole: one write per article
 * would cost more than parsing it, and encoding into the buffer spares joining the lines first.
 */
class LineWriter {
  private readonly stream: Io['stdout'];
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  /** Filled buffers (and lines too long for one) waiting to be written. */
  private full: (Uint8Array | string)[] = [];

  constructor(stream: Io['stdout']) {
    this.stream = stream;
  }

  add(text: string): void {
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    const most = text.length * 3 + 1;
    if (most > this.buffer.length - this.used) this.seal();
    if (most > this.buffer.length) {
      this.full.push(`${text}\n`);
      return;
    }
    this.used += this.buffer.write(text, this.used);
    this.buffer[this.used++] = 0x0a;
  }

  /** Writes the buffers filled so far. */
  async writeFull(): Promise<void> {
    const chunks = this.full;
    this.full = [];
    for (const chunk of chunks) await this.write(chunk);
  }

  /** Writes everything added. */
  async flush(): Promise<void> {
    this.seal();
    await this.writeFull();
  }

  private seal(): void {
    if (this.used === 0) return;
    this.full.push(this.buffer.subarray(0, this.used));
    // A fresh buffer for what follows: the stream may still hold the one just written.
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }

  private async write(chunk: string | Uint8Array): Promise<void> {
    const accepted = this.stream.write(chunk);
    const stream = this.stream as Partial<NodeJS.EventEmitter>;
    if (accepted === false && typeof stream.once === 'function') {
      await new Promise<void>((resolve) => stream.once?.('drain', resolve));
    }
  }
}
