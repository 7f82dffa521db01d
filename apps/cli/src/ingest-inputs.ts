import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { parseArticle } from '@khabar/parser';
import { Article } from '@khabar/schema';
import { UsageError } from './command.ts';

/** The file kinds `khabar ingest` reads. */
export const INGESTIBLE = new Set(['.txt', '.json', '.jsonl']);

/** A file to ingest: how to name it to the user, and where it is. */
export interface InputFile {
  name: string;
  path: string;
}

/** One document of a file: an article, or why there is none. `source` names it (file, item, line). */
export type InputDocument = { source: string; article: Article } | { source: string; error: string };

/**
 * The files the arguments stand for, in order: a file as given, a directory as the ingestible files
 * under it, sorted by path. A path that does not exist is a usage error, before anything is stored.
 */
export function expandInputs(paths: readonly string[], cwd: string): InputFile[] {
  const files: InputFile[] = [];
  for (const argument of paths) {
    const path = resolve(cwd, argument);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`ingest: no such file or directory: ${argument}`);
    }
    if (!isDirectory) {
      files.push({ name: argument, path });
      continue;
    }
    const found = (readdirSync(path, { recursive: true, encoding: 'utf8' }) as string[])
      .filter((entry) => INGESTIBLE.has(extname(entry).toLowerCase()))
      .sort()
      .map((entry) => ({ name: join(argument, entry), path: join(path, entry) }))
      .filter((file) => statSync(file.path).isFile());
    files.push(...found);
  }
  return files;
}

/** Reads a file into its documents: parsed (.txt) or validated against the article schema (.json, .jsonl). */
export function readDocuments(file: InputFile): InputDocument[] {
  const kind = extname(file.path).toLowerCase();
  if (!INGESTIBLE.has(kind)) return [{ source: file.name, error: 'not a .txt, .json or .jsonl file' }];
  let text: string;
  try {
    text = readFileSync(file.path, 'utf8');
  } catch (error) {
    return [
      { source: file.name, error: `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})` },
    ];
  }
  if (kind === '.txt') {
    const result = parseArticle(text);
    return [
      result.ok
        ? { source: file.name, article: result.article }
        : { source: file.name, error: result.error.message },
    ];
  }
  if (kind === '.jsonl') {
    const documents: InputDocument[] = [];
    text.split('\n').forEach((line, index) => {
      if (line.trim().length > 0) documents.push(fromJson(line, `${file.name}:${index + 1}`));
    });
    return documents;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [{ source: file.name, error: `not JSON: ${(error as Error).message}` }];
  }
  if (!Array.isArray(value)) return [validate(value, file.name)];
  return value.map((item, index) => validate(item, `${file.name}#${index + 1}`));
}

function fromJson(text: string, source: string): InputDocument {
  try {
    return validate(JSON.parse(text), source);
  } catch (error) {
    return { source, error: `not JSON: ${(error as Error).message}` };
  }
}

function validate(value: unknown, source: string): InputDocument {
  // `khabar parse` writes {"file", "error"} in place of a document it could not read.
  if (isParseFailure(value)) return { source, error: `${value.file} was not parsed: ${value.error.message}` };
  const result = Article.safeParse(value);
  if (result.success) return { source, article: result.data };
  const [issue] = result.error.issues;
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { source, error: `not a valid article: ${where}${issue?.message ?? 'invalid'}` };
}

function isParseFailure(value: unknown): value is { file: string; error: { message: string } } {
  if (typeof value !== 'object' || value === null) return false;
  const { file, error } = value as { file?: unknown; error?: { message?: unknown } };
  return typeof file === 'string' && typeof error?.message === 'string';
}

/** A path as the user should see it: relative to the current directory when under it. */
export function displayPath(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return shown.startsWith('..') ? path : shown;
}
