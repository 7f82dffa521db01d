import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileRead, readFiles } from './file-batches.ts';

let dir: string;
const contents = new Map<string, string>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'khabar-batches-'));
  for (let index = 0; index < 150; index++) {
    const path = join(dir, `${String(index).padStart(3, '0')}.txt`);
    // Sizes from empty to past the reading thread's first buffer, in Arabic and Latin text.
    const text = index === 7 ? '' : `خبر رقم ${index}\n`.repeat(index === 100 ? 90_000 : index + 1);
    writeFileSync(path, text);
    contents.set(path, text);
  }
  mkdirSync(join(dir, 'folder.txt'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(paths: string[]): Promise<FileRead[]> {
  const reads: FileRead[] = [];
  for await (const batch of readFiles(paths)) reads.push(...batch);
  return reads;
}

function shown(read: FileRead | undefined): string | null {
  return read?.bytes ? read.bytes.toString('utf8') : (read?.reason ?? null);
}

describe('readFiles', () => {
  it('gives many files, read on another thread, in the order asked, with why a file could not be read', async () => {
    const paths = [...contents.keys()];
    paths.splice(20, 0, join(dir, 'missing.txt'));
    paths.splice(90, 0, join(dir, 'folder.txt'));
    const reads = await readAll(paths);
    expect(reads).toHaveLength(paths.length);
    expect(shown(reads[20])).toBe('ENOENT');
    expect(shown(reads[90])).toBe('EISDIR');
    for (const [index, path] of paths.entries()) {
      if (index !== 20 && index !== 90) expect(shown(reads[index])).toBe(contents.get(path));
    }
  });

  it('reads a few files on this thread, with the same results', async () => {
    const paths = [...contents.keys()].slice(0, 5);
    const reads = await readAll([...paths, join(dir, 'missing.txt')]);
    expect(reads.map(shown)).toEqual([...paths.map((path) => contents.get(path)), 'ENOENT']);
  });
});
