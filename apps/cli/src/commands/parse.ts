import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type DocumentResult, type ParseOptions, parseErrors } from '@khabar/parser';
import { type Command, type Io, UsageError } from '../command.ts';
import {
  errorCode,
  type FileRead,
  type ParsedBatch,
  type ParseSettings,
  parseFilesOnThreads,
  readFiles,
} from '../file-batches.ts';
import {
  archiveEvents,
  documentLine,
  documentsOfFile,
  expandInputs,
  type InputFile,
  isArchive,
} from '../inputs.ts';
import { writeUtf8 } from '../utf8.ts';

const usage = `Usage: khabar parse [options] <file|dir|->...

Reads news documents and prints one JSON article per document, one per line (JSON Lines), in the
order given. A document is an HTML page (.html, .htm), a text dump (.txt: in the seed's layout or a
full page's text with the site's menus), JSON articles (.json, .jsonl), or a web archive (.warc,
.warc.gz, .wet, .wet.gz), whose pages are read record by record. The kind is told by the name and the
first bytes; the charset by a byte order mark or the page's own declaration, else UTF-8 (or
windows-1256 for Arabic bytes that are not UTF-8). A directory stands for the files of these kinds
under it, sorted by path (one that holds none is said so on standard error); - reads standard input.
A document that cannot be read or parsed prints {"file": …, "error": {"code", "message"}} in its
place; the others go on, and the exit code is 1.

Options:
  --pretty                 indent the JSON, for people
  --reference-time <iso>   the time relative dates (منذ ساعتين, أمس) count from
  --lexicon <file>         known multi-word tags, one per line, kept whole in keywords
  -h, --help               show this help
`;

// Output is written in buffers of this many bytes; encoded runs from this size on are written as they are.
const CHUNK_BYTES = 1 << 20;
const COPIED_BYTES = 1 << 16;
// With this many files or more and a second core, files are parsed on worker threads (one per core)
// while this thread only writes; below it, starting threads costs more than it saves.
const THREADS_FROM = 256;

/** `khabar parse`: text dumps in, JSON Lines out. */
export const parseCommand: Command = {
  name: 'parse',
  summary: 'read pages, text dumps and web archives into articles, one JSON line each',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args);
    if (positionals.length === 0)
      throw new UsageError("parse needs a file, a directory or - (see 'khabar parse --help')");
    const options = parserOptions(values, io.cwd);
    const inputs = expandInputs(positionals, io.cwd, () => {});
    if (inputs.length === 0) {
      io.stderr.write(
        `khabar: parse: no documents in ${positionals.join(', ')} (.html, .htm, .txt, .json, .jsonl, .warc, .wet)\n`,
      );
      return 0;
    }
    const output = new LineWriter(io.stdout);
    const pretty = values.pretty === true;
    let failed = false;
    const print = (result: DocumentResult) => {
      failed ||= !result.ok;
      output.add(documentLine(result, pretty));
    };
    const printArchive = async (input: InputFile) => {
      for await (const event of archiveEvents(input, options)) {
        if (event.type === 'document') print(event.result);
        else if (event.type === 'damaged') print(damaged(input, event.offset, event.message));
        await output.writeFull();
      }
    };
    const threads = parsingThreads(inputs);
    if (threads > 1) {
      for await (const piece of parseOnThreads(inputs, { options, pretty }, threads, io)) {
        if ('archive' in piece) await printArchive(piece.archive);
        else if ('read' in piece) for (const result of documentsOf(piece.read, options)) print(result);
        else {
          failed ||= piece.failed;
          output.addBytes(piece.lines);
        }
        await output.writeFull();
      }
      await output.flush();
      return failed ? 1 : 0;
    }
    for await (const reads of readInputs(inputs, io)) {
      for (const read of reads) {
        if (read.archive) {
          await printArchive(read.input);
          continue;
        }
        for (const result of documentsOf(read, options)) print(result);
      }
      await output.writeFull();
    }
    await output.flush();
    return failed ? 1 : 0;
  },
};

/** How many threads parse: one per core when there are enough files and more than one core; else none. */
function parsingThreads(inputs: readonly InputFile[]): number {
  const cores = availableParallelism();
  if (cores < 2) return 1;
  const files = inputs.filter((input) => input.path !== null && !isArchive(input)).length;
  return files >= THREADS_FROM ? cores : 1;
}

/** Output lines of files parsed on a thread, encoded, and whether one of their documents failed. */
interface ParsedRun {
  lines: Uint8Array;
  failed: boolean;
}

/** What to print next, in input order: files parsed on a thread, an archive, or standard input read here. */
type Piece = ParsedRun | { archive: InputFile } | { read: Read & { archive: false } };

/**
 * The inputs in order, the files parsed on worker threads a batch at a time and handed on as runs of
 * consecutive files (a whole batch, unless an archive or standard input stands among them); archives
 * and standard input are left to this thread, at their place.
 */
async function* parseOnThreads(
  inputs: readonly InputFile[],
  settings: ParseSettings,
  threads: number,
  io: Io,
): AsyncGenerator<Piece> {
  const files = inputs.flatMap((input) =>
    input.path === null || isArchive(input) ? [] : [{ path: input.path, name: input.name }],
  );
  const parsed = parseFilesOnThreads(files, settings, threads);
  let batch: ParsedBatch | null = null;
  // Files of the batch handed on, and files of it counted since.
  let runFrom = 0;
  let used = 0;
  const run = (): ParsedRun[] => {
    if (batch === null || used === runFrom) return [];
    const start = runFrom === 0 ? 0 : (batch.ends[runFrom - 1] as number);
    const lines = new Uint8Array(batch.buffer, start, (batch.ends[used - 1] as number) - start);
    const failed = batch.failed.slice(runFrom, used).includes(true);
    runFrom = used;
    return [{ lines, failed }];
  };
  try {
    for (const input of inputs) {
      if (isArchive(input) || input.path === null) {
        yield* run();
        yield isArchive(input) ? { archive: input } : { read: await readStandardInput(input, io) };
        continue;
      }
      if (batch === null || used === batch.ends.length) {
        yield* run();
        const next = await parsed.next();
        if (next.done) return;
        batch = next.value;
        runFrom = 0;
        used = 0;
      }
      used++;
    }
    yield* run();
  } finally {
    await parsed.return(undefined);
  }
}

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

/**
 * An input's bytes as read, or why it could not be read; an archive is not read here but streamed by
 * its reader.
 */
type Read =
  | { input: InputFile; archive: false; bytes: Buffer; reason: null }
  | { input: InputFile; archive: false; bytes: null; reason: string }
  | { input: InputFile; archive: true };

/**
 * The inputs' bytes in the order given, a batch at a time; files are read ahead on another thread
 * while this one parses.
 */
async function* readInputs(inputs: readonly InputFile[], io: Io): AsyncGenerator<Read[]> {
  const files = readFiles(
    inputs.flatMap((input) => (input.path === null || isArchive(input) ? [] : [input.path])),
  );
  try {
    let batch: Read[] = [];
    let read: FileRead[] = [];
    let used = 0;
    for (const input of inputs) {
      if (isArchive(input)) {
        batch.push({ input, archive: true });
        continue;
      }
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
        file.bytes === null
          ? { input, archive: false, bytes: null, reason: file.reason }
          : { input, archive: false, bytes: file.bytes, reason: null },
      );
    }
    if (batch.length > 0) yield batch;
  } finally {
    // Lets the reading thread end, also when the caller stops early.
    await files.return(undefined);
  }
}

async function readStandardInput(input: InputFile, io: Io): Promise<Read & { archive: false }> {
  try {
    return { input, archive: false, bytes: await readStdin(io), reason: null };
  } catch (error) {
    return { input, archive: false, bytes: null, reason: errorCode(error) };
  }
}

/** The documents of an input read whole. */
function documentsOf(read: Read & { archive: false }, options: ParseOptions): DocumentResult[] {
  return documentsOfFile(read.input.name, read, options);
}

function damaged(input: InputFile, offset: number, message: string): DocumentResult {
  return {
    ok: false,
    source: `${input.name}@${offset}`,
    error: { code: 'damaged_record', message, hint: parseErrors.damaged_record.hint },
  };
}

async function readStdin(io: Io): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
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

  /** Adds lines already encoded: a large run is written as it is, a small one copied in. */
  addBytes(bytes: Uint8Array): void {
    if (bytes.length >= COPIED_BYTES) {
      this.seal();
      this.full.push(bytes);
      return;
    }
    if (bytes.length > this.buffer.length - this.used) this.seal();
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  add(text: string): void {
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    const most = text.length * 3 + 1;
    if (most > this.buffer.length - this.used) this.seal();
    if (most > this.buffer.length) {
      this.full.push(`${text}\n`);
      return;
    }
    this.used += writeUtf8(text, this.buffer, this.used);
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
