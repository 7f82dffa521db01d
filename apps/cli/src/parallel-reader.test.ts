import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, readFileDocuments } from './inputs.ts';
import { readInParallel } from './parallel-reader.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'khabar-read-'));
  for (let index = 0; index < 90; index++) {
    const name = String(index).padStart(3, '0');
    const text =
      index % 15 === 0
        ? ''
        : `خبر رقم ${index}\nنشر في: 2024-01-${String(1 + (index % 28)).padStart(2, '0')}\nنص الخبر ${index}.\n`;
    writeFileSync(join(dir, `${name}.txt`), text);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readInParallel', () => {
  it('gives each file its documents, in file order, as reading them one by one does', async () => {
    const files = expandInputs(['.'], dir, () => {});
    expect(files).toHaveLength(90);
    const parallel = [];
    for await (const documents of readInParallel(files)) parallel.push(documents);
    expect(parallel).toEqual(files.map((file) => readFileDocuments(file)));
    expect(parallel.filter((documents) => documents[0]?.ok === false)).toHaveLength(6);
  });
});
