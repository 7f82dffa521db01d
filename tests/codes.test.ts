import { problemCodes, problemTypes } from '@khabar/api';
import { parseErrors, warningCodes } from '@khabar/parser';
import { type CodeSource, codes, codesOf, isCode } from '@khabar/schema';
import { describe, expect, it } from 'vitest';

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

  it('the API: its problem types, with the catalogue’s status', () => {
    expectCatalogued('api', problemCodes);
    for (const code of problemCodes) {
      if (isCode(code)) expect(problemTypes[code].status, code).toBe(codes[code].status);
    }
  });
});
