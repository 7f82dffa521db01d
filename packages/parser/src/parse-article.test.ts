import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type ParseErrorCode,
  type ParseResult,
  parseArticle,
  parseErrors,
  type WarningCode,
} from './index.ts';

function article(text: string) {
  const result = parseArticle(text);
  if (!result.ok) throw new Error(`expected an article, got ${result.error.code}`);
  return result.article;
}

function warningsOf(text: string) {
  return article(text).warnings.map(({ code, line }) => [code, line]);
}

describe('parseArticle errors', () => {
  it.each([
    [42, 'not_a_string'],
    [null, 'not_a_string'],
    [new Uint8Array([0xd8, 0xa7]), 'not_a_string'],
    ['', 'empty_input'],
    [' \n\t\r\n\u200F\uFEFF\u00A0', 'whitespace_only'],
    ['...\n— — —\n!!!', 'no_title'],
    [`عنوان\u0000\u0000نص${'\u0000'.repeat(3)}`, 'binary_input'],
    [`عنوان\n${'نص الخبر '.repeat(2000)}${'\u0000'.repeat(30)}`, 'binary_input'],
    [`عنوان\n${'\uFFFD\u0001'.repeat(200)}`, 'binary_input'],
  ] as const)('refuses %j with %s, a message and a hint', (input, code) => {
    const result = parseArticle(input);
    expect(result).toEqual({ ok: false, error: { code, ...parseErrors[code] } });
  });

  it('reads a text with a few stray control characters', () => {
    expect(article('عنوان\n\u001a\u001aنص الخبر.').body).toEqual(['نص الخبر.']);
  });

  it('reads a text with a stray NUL or two, as it reads other controls: removed', () => {
    const read = article('عنوان الخبر\u0000\nنص\u0000 الخبر الأول.\n\nالفقرة الثانية.');
    expect(read.title).toBe('عنوان الخبر');
    expect(read.body).toEqual(['نص الخبر الأول.', 'الفقرة الثانية.']);
  });
});

describe('parseArticle warnings', () => {
  it('drops lines without letters before and after the title', () => {
    expect(warningsOf('***\nعنوان\n---\nنص.')).toEqual([
      ['no_text_dropped', 1],
      ['no_text_dropped', 3],
    ]);
  });

  it('reports an unreadable date, a relative date and a second date line', () => {
    expect(warningsOf('عنوان\nتاريخ النشر: غير معروف\nنص.')).toEqual([['date_unreadable', 2]]);
    expect(warningsOf('عنوان\nنشر في: منذ ساعتين\nنص.')).toEqual([['date_relative', 2]]);
    expect(warningsOf('عنوان\nنشر في: 18/09/2023\nآخر تحديث: 19/09/2023\nنص.')).toEqual([
      ['date_repeated', 3],
    ]);
  });

  it('reports a read-also marker with nothing after it', () => {
    expect(warningsOf('عنوان\nنص.\nاقرأ أيضاً\nالمصدر: الوطن')).toEqual([['read_also_without_headline', 3]]);
  });

  it('reports appended articles that begin before any footer, and keeps them apart from the body', () => {
    const first = 'أعلنت الوزارة اليوم عن خطة جديدة لتطوير الطرق في المنطقة الشرقية خلال العام المقبل.';
    const second = 'وقال المتحدث إن المشروع يشمل إنشاء جسور وأنفاق جديدة لتخفيف الزحام في المدن الكبرى.';
    const third = 'وأضاف أن العمل سيبدأ في الربع الأول من العام وينتهي خلال ثلاث سنوات من بدايته.';
    const text = ['عنوان الخبر', first, 'اقرأ أيضاً:', 'عنوان خبر آخر', second, third].join('\n');
    expect(warningsOf(text)).toEqual([['related_without_footer', 3]]);
    const result = parseArticle(text);
    expect(result.ok && result.article.body).toEqual([first]);
    // With a footer before it, the block is where the layout puts it: no warning.
    expect(
      warningsOf(
        ['عنوان الخبر', first, 'المصدر: الوطن', 'اقرأ أيضاً:', 'عنوان خبر آخر', second, third].join('\n'),
      ),
    ).toEqual([]);
  });

  it('reports an empty credit, a repeated credit and an empty keywords line', () => {
    expect(warningsOf('عنوان\nنص.\nالمصدر:\nالمصدر | رويترز\nالمصدر | واس\nوسوم: ،')).toEqual([
      ['source_empty', 3],
      ['source_repeated', 5],
      ['keywords_empty', 6],
    ]);
  });

  it('reports a footer line among the appended articles', () => {
    const text = 'عنوان\nنص.\nالمصدر: الوطن\nإقرأ أيضاً:\nعنوان آخر\nفقرته.\nالمصدر | واس';
    expect(warningsOf(text)).toEqual([['unexpected_line', 7]]);
  });

  it('reports an article without body', () => {
    expect(warningsOf('عنوان وحده')).toEqual([['no_body', null]]);
  });

  it('keeps the first of two credits of one kind and both kinds from a glued line', () => {
    expect(article('عنوان\nنص.\nالمصدر | رويترزالمصدر: الوطن\nالمصدر | واس').source).toEqual({
      agency: 'رويترز',
      publisher: 'الوطن',
    });
  });
});

describe('parseArticle layout', () => {
  it('takes a byline before the date line as well as after it', () => {
    const parsed = article('عنوان\nعين اليوم – جدة\n18 سبتمبر 2023\nنص الخبر.');
    expect([parsed.byline, parsed.publishedAt, parsed.body]).toEqual([
      'عين اليوم – جدة',
      '2023-09-18T00:00:00',
      ['نص الخبر.'],
    ]);
  });

  it('keeps reading the body past a credit line that text follows', () => {
    const parsed = article('عنوان\nالمصدر: واس\nفقرة أولى.\nفقرة ثانية.\nوسوم: الرياض');
    expect(parsed.body).toEqual(['فقرة أولى.', 'فقرة ثانية.']);
    expect([parsed.source.publisher, parsed.tags]).toEqual(['واس', ['الرياض']]);
  });

  it('finds the dateline in the first paragraph only, and keeps the paragraph whole', () => {
    const parsed = article('عنوان\nأنقرة- رويترز: قال مسؤول إن الاجتماع انتهى.\nالرياض - واس: فقرة ثانية.');
    expect(parsed.dateline).toBe('أنقرة- رويترز');
    expect(parsed.body[0]).toBe('أنقرة- رويترز: قال مسؤول إن الاجتماع انتهى.');
  });

  it('skips chrome between a read-also marker and its headline', () => {
    const parsed = article('عنوان\nنص أول.\nاقرأ أيضاً\nشارك\nعنوان مقال آخر\nنص ثان.');
    expect(parsed.readAlso).toEqual([{ title: 'عنوان مقال آخر', afterParagraph: 1 }]);
    expect(parsed.body).toEqual(['نص أول.', 'نص ثان.']);
  });

  it('opens appended articles at a colon marker when the page has no footer', () => {
    const parsed = article('عنوان\nنص.\nإقرأ أيضاً:\nعنوان آخر\nفقرته الأولى.\nفقرته الثانية.');
    expect(parsed.related).toMatchObject([
      { title: 'عنوان آخر', publishedAt: null, body: ['فقرته الأولى.', 'فقرته الثانية.'] },
    ]);
  });

  it('reads a marker and one headline after the footer as a read-also item, not an article', () => {
    const parsed = article('عنوان\nنص.\nالمصدر: الوطن\nاقرأ أيضاً\nعنوان آخر');
    expect(parsed.readAlso).toEqual([{ title: 'عنوان آخر', afterParagraph: 1 }]);
    expect(parsed.related).toEqual([]);
  });

  it('marks a mostly Latin text as English, left to right', () => {
    const parsed = article('Oil prices fall\nPrices fell on Monday as stocks rose.');
    expect([parsed.lang, parsed.dir]).toEqual(['en', 'ltr']);
    const mixed = article('أسعار النفط\nOil prices fell on Monday as stocks rose in Asia.');
    expect([mixed.lang, mixed.dir]).toEqual(['en', 'ltr']);
    const quoted = article('أسعار النفط تتراجع\nتراجعت أسعار خام برنت (Brent) في تعاملات الإثنين.');
    expect([quoted.lang, quoted.dir]).toEqual(['ar', 'rtl']);
  });
});

describe('parseArticle content hash', () => {
  const text = 'عنوان الخبر\nنشر في: 18/09/2023\nنص الخبر الأول.\nنص الخبر الثاني.\n';
  const hashOf = (input: string, utf8?: Uint8Array) => {
    const result = parseArticle(input, utf8 === undefined ? {} : { utf8 });
    if (!result.ok) throw new Error(result.error.code);
    return result.article.provenance.contentHash;
  };

  it.each([
    ['a plain text', text],
    ['no final line feed', text.slice(0, -1)],
    ['blank lines', text.replace('\n', '\n\n\n')],
    ['a leading space', ` ${text}`],
    ['a trailing space', `${text.slice(0, -1)} `],
    ['CRLF line ends', text.replaceAll('\n', '\r\n')],
    ['a byte order mark', `\uFEFF${text}`],
    ['no-break spaces', text.replaceAll(' ', '\u00A0')],
  ])('is the same from the UTF-8 bytes as from the text, with %s', (_name, input) => {
    expect(hashOf(input, Buffer.from(input))).toBe(hashOf(input));
    expect(hashOf(input)).toBe(hashOf(text));
  });

  it('is taken from the bytes as they stand when they are the hashed text, and from the text otherwise', () => {
    const other = Buffer.from('نص آخر تماما\n');
    expect(hashOf(text, other)).not.toBe(hashOf(text));
    expect(hashOf(text.replaceAll('\n', '\r\n'), other)).toBe(hashOf(text));
  });
});

describe('public types', () => {
  it('narrow the result on ok', () => {
    expectTypeOf(parseArticle).parameter(0).toEqualTypeOf<unknown>();
    const result = parseArticle('عنوان') as ParseResult;
    if (result.ok) expectTypeOf(result.article.title).toEqualTypeOf<string>();
    else expectTypeOf(result.error.code).toEqualTypeOf<ParseErrorCode>();
    expectTypeOf<'chrome_dropped'>().toExtend<WarningCode>();
    expectTypeOf<'empty_input'>().toExtend<ParseErrorCode>();
  });
});
