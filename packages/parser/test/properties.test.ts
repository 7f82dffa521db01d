import { Article } from '@khabar/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParseResult, parseArticle, parseErrors } from '../src/index.ts';
import { readText, seedUrl, unaccountedLines } from './helpers.ts';

const seed = readText(seedUrl);
const seedLines = seed.split('\n');
const BIDI = ['\u200E', '\u200F', '\u202B', '\u202C', '\u2067', '\u2069', '\u200B', '\uFEFF', '\u061C'];

/** The checks every result must pass, whatever the input. */
function checkResult(input: string, result: ParseResult): void {
  if (!result.ok) {
    expect(Object.keys(parseErrors)).toContain(result.error.code);
    expect(result.error.code).not.toBe('internal_error');
    return;
  }
  expect(Article.safeParse(result.article).error).toBeUndefined();
  expect(unaccountedLines(input, result.article)).toEqual([]);
}

/** The article without its spans: what must not change when only transport noise does. */
function withoutSpans(result: ParseResult) {
  if (!result.ok) return result;
  const { spans: _spans, ...provenance } = result.article.provenance;
  return { ...result.article, provenance };
}

// Pieces that make the parser's rules fire: markers, labels, credits, dates, chrome, noise.
const piece = fc.constantFrom(
  'اقرأ أيضاً',
  'إقرأ أيضاً:',
  'اقرأ كذلك: ',
  'المصدر | ',
  'المصدر: ',
  'كلمات دلالية: ',
  'وسوم: ',
  'تاريخ النشر: ',
  '18 سبتمبر 2023',
  '١٨/٠٩/٢٠٢٣',
  ' هـ الموافق ',
  'منذ ساعتين',
  'شارك',
  'مساحة إعلانية',
  'كتب: ',
  ' – ',
  'سبق- الرياض:',
  'وزير الخارجية',
  '.',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\u00A0',
  '\t',
  '\u0000',
  '\u001a',
  '\uFFFD',
  '\uD83D',
  ...BIDI,
);
const arabicish = fc.array(fc.oneof(piece, fc.string({ unit: 'grapheme', maxLength: 12 })), {
  maxLength: 60,
});

describe('parseArticle on any input', () => {
  it('never throws and returns a valid article that accounts for every line, or a catalogued error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          arabicish.map((parts) => parts.join('')),
        ),
        (input) => {
          checkResult(input, parseArticle(input));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses what is not a string with a catalogued error', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        fc.pre(typeof value !== 'string');
        const result = parseArticle(value);
        expect(result.ok).toBe(false);
        expect(!result.ok && result.error.code).toBe('not_a_string');
      }),
      { numRuns: 100 },
    );
  });

  it('ignores options of the wrong type instead of failing', () => {
    const options = { referenceTime: 'yesterday', tagLexicon: 42 } as unknown as Parameters<
      typeof parseArticle
    >[1];
    const result = parseArticle(seed, options);
    expect(result.ok && result.article.tags).toHaveLength(5);
  });
});

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({
    kind: fc.constant('bidi' as const),
    at: fc.nat(),
    offset: fc.nat(),
    mark: fc.constantFrom(...BIDI),
  }),
);

function mutate(
  lines: string[],
  mutations: { kind: string; at: number; to?: number; offset?: number; mark?: string }[],
) {
  const result = [...lines];
  for (const step of mutations) {
    if (result.length === 0) break;
    const at = step.at % result.length;
    const line = result[at] as string;
    if (step.kind === 'delete') result.splice(at, 1);
    else if (step.kind === 'duplicate') result.splice(at, 0, line);
    else if (step.kind === 'swap') {
      const to = (step.to ?? 0) % result.length;
      result[at] = result[to] as string;
      result[to] = line;
    } else {
      const offset = (step.offset ?? 0) % (line.length + 1);
      result[at] = `${line.slice(0, offset)}${step.mark}${line.slice(offset)}`;
    }
  }
  return result;
}

/** Transport noise: CRLF line ends, a BOM, trailing spaces and tabs. */
const noise = fc.record({
  crlf: fc.boolean(),
  bom: fc.boolean(),
  trailing: fc.constantFrom('', ' ', '  \t', '\u00A0'),
});
function addNoise(
  lines: string[],
  { crlf, bom, trailing }: { crlf: boolean; bom: boolean; trailing: string },
) {
  const text = lines.map((line) => `${line}${trailing}`).join(crlf ? '\r\n' : '\n');
  return bom ? `\uFEFF${text}` : text;
}

describe('parseArticle on mutations of the seed', () => {
  it('stays valid and lossless when lines are shuffled, duplicated, deleted or marked', () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 12 }), noise, (mutations, transport) => {
        const input = addNoise(mutate(seedLines, mutations), transport);
        checkResult(input, parseArticle(input));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same article whatever the line endings, BOM, trailing spaces and bidi marks', () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 6 }), noise, (mutations, transport) => {
        const lines = mutate(
          seedLines,
          mutations.filter((step) => step.kind !== 'bidi'),
        );
        const plain = parseArticle(lines.join('\n'));
        const noisy = parseArticle(
          addNoise(
            mutate(
              lines,
              mutations.filter((step) => step.kind === 'bidi'),
            ),
            transport,
          ),
        );
        expect(withoutSpans(noisy)).toEqual(withoutSpans(plain));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a document with a 5 MB line', () => {
    const huge = `${'كلمة '.repeat(1_000_000)}نهاية.`;
    const input = [...seedLines.slice(0, 4), huge, ...seedLines.slice(4)].join('\r\n');
    const result = parseArticle(input);
    checkResult(input, result);
    expect(result.ok && result.article.body[2]?.length).toBe(huge.length);
  });
});
