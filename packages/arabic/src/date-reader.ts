import type { DateToken } from './date-tokens.ts';
import { type CalendarName, lookupName, startsTwoWordName } from './months.ts';

/** Small matchers over date tokens: each takes a position and returns the position after its match, or null. */

export type Tokens = readonly DateToken[];

/** A matched value and the index of the first token after it. */
export interface Step<T> {
  value: T;
  next: number;
}

/** The position after the word at `at` when it is one of `words`. */
export function word(tokens: Tokens, at: number, words: ReadonlySet<string>): number | null {
  const token = tokens[at];
  return token?.kind === 'word' && words.has(token.text) ? at + 1 : null;
}

/** The position after the mark at `at` when it is one of the characters of `marks`. */
export function mark(tokens: Tokens, at: number, marks: string): number | null {
  const token = tokens[at];
  return token?.kind === 'mark' && marks.includes(token.text) ? at + 1 : null;
}

/** A number of `minDigits` to `maxDigits` digits. */
export function number(
  tokens: Tokens,
  at: number,
  minDigits: number,
  maxDigits: number,
): Step<number> | null {
  const token = tokens[at];
  if (token?.kind !== 'number' || token.text.length < minDigits || token.text.length > maxDigits) return null;
  return { value: Number(token.text), next: at + 1 };
}

/** Whether the token at `at` follows the one before it with no space. */
export function glued(tokens: Tokens, at: number): boolean {
  return tokens[at]?.spaced === false;
}

/** Skips any run of tokens that `skippable` accepts. */
export function skip(tokens: Tokens, at: number, skippable: (token: DateToken) => boolean): number {
  let next = at;
  while (next < tokens.length && skippable(tokens[next] as DateToken)) next++;
  return next;
}

/** A month or weekday name of one or two words (كانون الثاني, ربيع الأول). */
export function calendarName(tokens: Tokens, at: number): Step<CalendarName> | null {
  const first = tokens[at];
  if (first?.kind !== 'word') return null;
  const second = tokens[at + 1];
  if (second?.kind === 'word' && startsTwoWordName(first.text)) {
    const pair = lookupName(`${first.text} ${second.text}`);
    if (pair !== null) return { value: pair, next: at + 2 };
  }
  const single = lookupName(first.text);
  return single === null ? null : { value: single, next: at + 1 };
}
