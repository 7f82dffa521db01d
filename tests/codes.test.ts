import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { problemCodes, problemTypes } from '@khabar/api';
import { parseErrors, warningCodes } from '@khabar/parser';
import { type CodeSource, codes, codesOf, isCode } from '@khabar/schema';
import { storeErrorCodes } from '@khabar/store';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The TypeScript files of a folder and its subfolders, tests left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Each code a part can give must be in the catalogue, listed as given by that part. */
function expectCatalogued(source: CodeSource, given: readonly string[]): void {
  for (const code of given) {
    expect(isCode(code), `${source} gives ${code}, which the catalogue lacks`).toBe(true);
    if (isCode(code)) expect(codes[code].sources, code).toContain(source);
  }
  // And the catalogue lists nothing for that part that the part cannot give.
  expect([...codesOf(source)].sort()).toEqual([...new Set(given)].sort());
}

describe('every code a package gives is in the one catalogue', () => {
  it('the parser: the errors refusing a document and its warnings', () => {
    expectCatalogued('parser', Object.keys(parseErrors));
    expectCatalogued('warning', Object.keys(warningCodes));
  });

  it('the stores: the codes of their failures', () => {
    expectCatalogued('store', storeErrorCodes);
  });

  // The types hold each call to the catalogue; a cast would slip past them, the source would not.
  it('every code written in a call in the source, under the part that gives it', () => {
    const calls: [CodeSource, string, RegExp][] = [
      ['store', 'packages/store/src', /new StoreError\(\s*'([a-z_]+)'/g],
      ['api', 'apps/api/src', /new ProblemError\(\s*'([a-z_]+)'/g],
      ['warning', 'packages/parser/src', /\bwarning\(\s*'([a-z_]+)'/g],
      ['parser', 'packages/parser/src', /\bparseError\(\s*'([a-z_]+)'/g],
      ['parser', 'apps/cli/src', /\bcode: '([a-z_]+)'/g],
    ];
    let found = 0;
    for (const [source, folder, call] of calls) {
      for (const file of sourceFiles(join(root, folder))) {
        for (const match of readFileSync(file, 'utf8').matchAll(call)) {
          const code = match[1] as string;
          found += 1;
          expect(isCode(code), `${file}: ${code}`).toBe(true);
          if (isCode(code)) expect(codes[code].sources, `${file}: ${code}`).toContain(source);
        }
      }
    }
    expect(found).toBeGreaterThan(40);
  });

  it('the API: its problem types, with the catalogue’s status', () => {
    expectCatalogued('api', problemCodes);
    for (const code of problemCodes) {
      if (isCode(code)) expect(problemTypes[code].status, code).toBe(codes[code].status);
    }
  });
});
