/**
 * Footer lines: source credits (`المصدر | agency`, `المصدر: publisher`, often glued on one line) and
 * the keywords line (`كلمات دلالية:`, `الكلمات الدلالية:`, `وسوم:` and the like).
 */

/** One credit found on a line: which kind, its value, and where the value sits in the line's text. */
export interface Credit {
  kind: 'agency' | 'publisher';
  value: string;
  start: number;
  end: number;
}

// `المصدر` then `|` (the wire agency) or `:` (the publisher), any spacing.
const CREDIT = /المصدر\s*([|｜:：])\s*/g;
// Space, *, -, middle dot and bullet.
const BULLETS = new Set([0x20, 0x2a, 0x2d, 0xb7, 0x2022]);
// A bullet may stand before المصدر.
const CREDIT_START = /^[\s*•·-]*المصدر/;
// A credit names an outlet: a few words. A longer run after `المصدر:` is a sentence of the body.
const MAX_CREDIT_WORDS = 8;
const TRAILING_PUNCTUATION = /[\s.,،؛;-]+$/;

/** Reads a credits line into its credits, or null when the line is not one. */
export function readCredits(text: string): Credit[] | null {
  if (!text.startsWith('المصدر') && !(BULLETS.has(text.charCodeAt(0)) && CREDIT_START.test(text)))
    return null;
  const marks: RegExpExecArray[] = [];
  CREDIT.lastIndex = 0;
  for (let mark = CREDIT.exec(text); mark !== null; mark = CREDIT.exec(text)) marks.push(mark);
  // The line must open with a credit: المصدر then its bar or colon.
  if (marks[0]?.index !== text.indexOf('المصدر')) return null;
  const credits: Credit[] = [];
  for (const [index, mark] of marks.entries()) {
    const start = mark.index + mark[0].length;
    const next = marks[index + 1];
    const raw = text.slice(start, next ? next.index : text.length);
    const value = raw.replace(TRAILING_PUNCTUATION, '');
    if (value.split(' ').length > MAX_CREDIT_WORDS) return null;
    const separator = mark[1];
    credits.push({
      kind: separator === '|' || separator === '｜' ? 'agency' : 'publisher',
      value,
      start,
      end: start + value.length,
    });
  }
  return credits;
}

// Labels of the keywords line: كلمات دلالية / مفتاحية (with or without ال), وسوم, and English ones.
const KEYWORDS_LABEL =
  /^(?:(?:ال)?كلمات\s+(?:ال)?(?:دلالي[ةه]|مفتاحي[ةه])|(?:ال)?وسوم|(?:ال)?تاغات|tags|keywords)\s*[:：]\s*/iu;

/** Where the tags start on a keywords line, or -1 when the line is not one. */
export function keywordsStart(text: string): number {
  const first = text.charCodeAt(0);
  // Quick exit: every label starts with ا, ك, و, ت, t or k.
  if (
    first !== 0x627 &&
    first !== 0x643 &&
    first !== 0x648 &&
    first !== 0x62a &&
    (first | 32) !== 116 &&
    (first | 32) !== 107
  ) {
    return -1;
  }
  const match = KEYWORDS_LABEL.exec(text);
  return match === null ? -1 : match[0].length;
}

/** An article's own footer line: its source credits or its keywords, which only ever close an article. */
export function isFooterLine(text: string): boolean {
  return readCredits(text) !== null || keywordsStart(text) >= 0;
}
