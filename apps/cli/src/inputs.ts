import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  type ArchiveEvent,
  type DocumentResult,
  kindOfName,
  type ParseOptions,
  parseErrors,
  readArchive,
  readDocument,
} from '@khabar/parser';
import type { FileRead, ParseBatchRequest, ParsedBatch, ParseSettings } from './file-batches.ts';
import { writeUtf8 } from './utf8.ts';

/** One input of a command: a file, or standard input. */
export interface InputFile {
  /** How to name it to the user: the argument, or the file inside a directory argument. */
  name: string;
  /** Where it is; null for standard input. */
  path: string | null;
}

/**
 * The files the arguments stand for, in order: `-` as standard input, a file as given, a directory
 * as the files under it that Khabar reads (pages, text dumps, JSON articles, web archives), sorted by
 * path. `missing` is called for an argument that names nothing.
 */
export function expandInputs(
  args: readonly string[],
  cwd: string,
  missing: (argument: string) => void,
): InputFile[] {
  const files: InputFile[] = [];
  for (const argument of args) {
    if (argument === '-') {
      files.push({ name: '-', path: null });
      continue;
    }
    const path = resolve(cwd, argument);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      missing(argument);
      files.push({ name: argument, path });
      continue;
    }
    if (!isDirectory) files.push({ name: argument, path });
    else files.push(...directoryFiles(argument, path));
  }
  return files;
}

function directoryFiles(argument: string, path: string): InputFile[] {
  let entries: string[];
  try {
    entries = readdirSync(path, { recursive: true, encoding: 'utf8' });
  } catch {
    return [{ name: argument, path }];
  }
  return entries
    .filter((entry) => kindOfName(entry) !== null)
    .sort()
    .map((entry) => ({ name: join(argument, entry), path: join(path, entry) }))
    .filter((file) => isFile(file.path));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether a file is a web archive, read record by record rather than whole. */
export function isArchive(file: InputFile): boolean {
  return file.path !== null && kindOfName(file.path) === 'archive';
}

/** A file's documents, read whole: its articles, or why there are none, each named. */
export function readFileDocuments(file: InputFile, options: ParseOptions = {}): DocumentResult[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.path ?? 0);
  } catch (error) {
    return [unreadable(file.name, error)];
  }
  return readDocument({ content: bytes, name: file.name }, options);
}

/** A result as `khabar parse` prints it: the article, or `{file, error}` in place of a document that gave none. */
export function documentLine(result: DocumentResult, pretty: boolean): string {
  const value = result.ok
    ? result.article
    : { file: result.source, error: { code: result.error.code, message: result.error.message } };
  return JSON.stringify(value, null, pretty ? 2 : undefined);
}

/** Parses a batch of files read into their output lines, encoded one file after the other. */
export function parseBatch(
  { id, paths, names }: ParseBatchRequest,
  files: readonly FileRead[],
  settings: ParseSettings,
): ParsedBatch {
  output.used = 0;
  const ends: number[] = [];
  const failed: boolean[] = [];
  files.forEach((file, index) => {
    const name = names[index] ?? paths[index] ?? '';
    const results = documentsOfFile(name, file, settings.options);
    let anyFailed = false;
    for (const result of results) {
      anyFailed ||= !result.ok;
      output.addLine(documentLine(result, settings.pretty));
    }
    ends.push(output.used);
    failed.push(anyFailed);
  });
  return { id, buffer: output.copy(), ends, failed };
}

/** A byte buffer that lines are encoded into, growing as needed and kept from batch to batch. */
class GrowingBytes {
  private buffer = Buffer.allocUnsafeSlow(1 << 20);
  used = 0;

  addLine(text: string): void {
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    const most = text.length * 3 + 1;
    if (this.buffer.length - this.used < most) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.used + most));
      this.buffer.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    this.used += writeUtf8(text, this.buffer, this.used);
    this.buffer[this.used++] = 0x0a;
  }

  /** The bytes written, in memory of their own to transfer: no more than they take. */
  copy(): ArrayBuffer {
    const bytes = new Uint8Array(this.used);
    bytes.set(this.buffer.subarray(0, this.used));
    return bytes.buffer;
  }
}

const output = new GrowingBytes();

/** The documents of a file read whole, or the one failure of a file that could not be read. */
export function documentsOfFile(
  name: string,
  file: { bytes: Buffer | null; reason: string | null },
  options: ParseOptions,
): DocumentResult[] {
  return file.bytes === null
    ? [unreadable(name, { code: file.reason })]
    : readDocument({ content: file.bytes, name }, options);
}

/** The result for an input that could not be read at all. */
export function unreadable(name: string, error: unknown): DocumentResult {
  // A file system error, or the code a reading thread sent back for one.
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'read error';
  return {
    ok: false,
    source: name,
    error: {
      code: 'unreadable_input',
      message: `Cannot read ${name} (${code}).`,
      hint: parseErrors.unreadable_input.hint,
    },
  };
}

/** The records of a web archive file, streamed; a damaged record is skipped and reading goes on. */
export function archiveEvents(file: InputFile, options: ParseOptions = {}): AsyncGenerator<ArchiveEvent> {
  const path = file.path as string;
  return readArchive((offset) => createReadStream(path, { start: offset, highWaterMark: 1 << 20 }), options);
}

/** The size of a file in bytes, or null when it cannot be read. */
export function fileSize(file: InputFile): number | null {
  try {
    return file.path === null ? null : statSync(file.path).size;
  } catch {
    return null;
  }
}

/** A path as the user should see it: relative to the current directory when under it. */
export function displayPath(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return shown.startsWith('..') ? path : shown;
}
