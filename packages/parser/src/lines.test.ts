import { describe, expect, it } from 'vitest';
import { lineSpan, spanOf, splitLines } from './lines.ts';

describe('splitLines', () => {
  it('numbers lines the same whatever the line endings, and skips blank ones', () => {
    for (const input of ['أ\n\nب\r\nج', 'أ\r\n\r\nب\nج', 'أ\r\rب\rج']) {
      expect(splitLines(input).lines.map((line) => [line.number, line.text])).toEqual([
        [1, 'أ'],
        [3, 'ب'],
        [4, 'ج'],
      ]);
    }
  });

  it('removes invisible controls and folds whitespace, keeping spans on the original text', () => {
    const input = '\uFEFFعنوان\u00A0 الخبر \u200F\n\t نص\u200Bالفقرة  ';
    const { lines } = splitLines(input);
    expect(lines.map((line) => line.text)).toEqual(['عنوان الخبر', 'نصالفقرة']);
    const [title, body] = lines;
    if (!title || !body) throw new Error('two lines expected');
    expect(input.slice(lineSpan(title).start, lineSpan(title).end)).toBe('عنوان\u00A0 الخبر');
    const word = spanOf(body, 2, 8);
    expect(input.slice(word.start, word.end)).toBe('الفقرة');
    expect(input.slice(lineSpan(body).start, lineSpan(body).end)).toBe('نص\u200Bالفقرة');
    const last = spanOf(title, 6, 11);
    expect(input.slice(last.start, last.end)).toBe('الخبر');
  });

  it('keeps a clean line as it is, with a plain shift for its spans', () => {
    const { lines } = splitLines('أ\nخبر عاجل');
    expect(lines[1]).toEqual({ number: 2, text: 'خبر عاجل', start: 2, end: 10, offsets: null });
  });

  it('counts control characters and notices a NUL', () => {
    expect(splitLines('نص\u001a\u001a عادي').controls).toBe(2);
    expect(splitLines('نص\u0000').nuls).toBe(1);
    expect(splitLines('نص\u0000 و\u0000').nuls).toBe(2);
    expect(splitLines('نص عادي').nuls).toBe(0);
    expect(splitLines('\u001aنص').lines[0]?.text).toBe('نص');
  });
});
