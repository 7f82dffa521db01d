import { matchStems, type StemMatches, type Token } from '@khabar/arabic';
import type { Highlight, TextRange } from '@khabar/schema';

// About two lines of text: enough context around the matched words for a result list.
const FRAGMENT_LENGTH = 200;
// Words shown before the first matched word of a fragment.
const LEAD_WORDS = 4;
const MAX_BODY_FRAGMENTS = 2;

interface Candidate {
  highlight: Highlight;
  distinctStems: number;
}

/**
 * Fragments of the original title and body with the words whose stem is among `stems`, as ranges of
 * the field text: the title when it matches, then the body fragments that match the most distinct
 * terms; best first. `searchBody` is the stored shadow text of the body, one line of terms per
 * paragraph: it picks the paragraphs worth tokenizing, so a long article costs little more than a short one.
 * Only those paragraphs of `body` are read (see `bestParagraphs`; a caller that chose them already
 * passes them as `paragraphs`): the others may be left out.
 */
export function highlight(
  article: { title: string; body: readonly (string | undefined)[] },
  stems: ReadonlySet<string>,
  searchBody: ShadowText,
  paragraphs: readonly ChosenParagraph[] = bestParagraphs(searchBody, stems),
): Highlight[] {
  const candidates: Candidate[] = [];
  const title = matchStems(article.title, stems).matched.map((match) => match.token);
  if (title.length > 0) {
    candidates.push({
      highlight: {
        field: 'title',
        paragraph: null,
        start: 0,
        end: article.title.length,
        text: article.title,
        matches: ranges(title),
      },
      distinctStems: new Set(title.map((token) => token.stem)).size,
    });
  }
  for (const { index, stems: held } of paragraphs) {
    const fragment = bestFragment(article.body[index] ?? '', stems, held);
    if (fragment) candidates.push({ ...fragment, highlight: { ...fragment.highlight, paragraph: index } });
  }
  // Stable sort: on equal coverage the title stays before the body, paragraphs in text order.
  return candidates.sort((a, b) => b.distinctStems - a.distinctStems).map((candidate) => candidate.highlight);
}

/**
 * A stored shadow text: the string, or its UTF-8 bytes as a store may read them without decoding.
 * Blanks and line breaks are single bytes in UTF-8 that never occur inside another character, so
 * terms are found between the same edges in either form.
 */
export type ShadowText = string | Uint8Array;

/** A paragraph chosen for its highlight: its index, and how many distinct query stems its terms hold. */
export interface ChosenParagraph {
  index: number;
  stems: number;
}

/**
 * The paragraphs whose terms cover the most distinct query stems, best first. Each stem is looked for
 * in the shadow text as a whole term (between blanks or line ends) rather than splitting the text
 * into its thousands of terms.
 */
export function bestParagraphs(searchBody: ShadowText, stems: ReadonlySet<string>): ChosenParagraph[] {
  // Searched as it comes, without converting it: a string in its UTF-16 code units (as PostgreSQL's
  // driver gives it), bytes in UTF-8 (as SQLite gives a BLOB). Blanks and line breaks are one unit in
  // both and never part of another character, so terms are found between the same edges.
  const text: Text =
    typeof searchBody === 'string'
      ? searchBody
      : Buffer.from(searchBody.buffer, searchBody.byteOffset, searchBody.byteLength);
  const lineStarts = [0];
  const lineBreak = typeof text === 'string' ? '\n' : LINE_BREAK;
  for (let at = find(text, lineBreak, 0); at !== -1; at = find(text, lineBreak, at + 1))
    lineStarts.push(at + 1);
  const found = new Map<number, number>();
  for (const stem of stems) {
    if (stem.length === 0) continue;
    const needle = typeof text === 'string' ? stem : Buffer.from(stem, 'utf8');
    const lines = new Set<number>();
    for (let at = find(text, needle, 0); at !== -1; at = find(text, needle, at + 1)) {
      if (!isTermEdge(text, at - 1) || !isTermEdge(text, at + needle.length)) continue;
      lines.add(lineOf(lineStarts, at));
    }
    for (const line of lines) found.set(line, (found.get(line) ?? 0) + 1);
  }
  return [...found]
    .sort(([lineA, a], [lineB, b]) => b - a || lineA - lineB)
    .slice(0, MAX_BODY_FRAGMENTS)
    .map(([line, count]) => ({ index: line, stems: count }));
}

/** A shadow text as `bestParagraphs` searches it. */
type Text = string | Buffer;

/** Where `needle` (a string in a string; bytes, or one byte, in bytes) occurs from `from` on; -1 when nowhere. */
function find(text: Text, needle: string | Buffer | number, from: number): number {
  return typeof text === 'string' ? text.indexOf(needle as string, from) : text.indexOf(needle, from);
}

const BLANK = 0x20;
const LINE_BREAK = 0x0a;

// Terms are joined by blanks, paragraphs by line breaks.
function isTermEdge(text: Text, index: number): boolean {
  if (index < 0 || index >= text.length) return true;
  const unit = typeof text === 'string' ? text.charCodeAt(index) : (text[index] as number);
  return unit === BLANK || unit === LINE_BREAK;
}

/** The line holding `position`, given each line's first index, ascending. */
function lineOf(lineStarts: readonly number[], position: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] as number) <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The fragment of a paragraph around its matched words that holds the most distinct stems, the first
 * of equals. `held` is how many its shadow line holds: no fragment holds more, so the first that
 * holds as many is the one, and the paragraph after it is not tokenized (on a common word, most of it).
 * (The line and the paragraph's words could disagree only where a character that normalization
 * deletes splits a written word; the first fragment holding `held` stems is taken there too.)
 */
function bestFragment(paragraph: string, stems: ReadonlySet<string>, held: number): Candidate | null {
  // Each matched word anchors a window; the one whose matches hold the most distinct stems wins (the
  // first of equals). A window's matches are a stretch of `tokens`, found by halving, so a paragraph
  // of thousands of matches costs a few steps per match rather than a pass over all of them.
  const tokens: Token[] = [];
  let best: FragmentWindow | null = null;
  // The first matched word whose window is not judged yet.
  let judged = 0;
  // Judges the windows in text order, each once it is known in full: the window grows while the next
  // word fits, so it is known once a word ends past its reach, or the whole paragraph was read. True
  // once one holds `held` stems.
  const judge = (found: StemMatches, whole: boolean): boolean => {
    for (let at = tokens.length; at < found.matched.length; at++) {
      tokens.push((found.matched[at] as { token: Token }).token);
    }
    const newest = found.starts.length - 1;
    for (; judged < found.matched.length; judged++) {
      const anchor = (found.matched[judged] as { index: number }).index;
      const first = Math.max(0, anchor - LEAD_WORDS);
      if (!whole && (found.ends[newest] as number) - (found.starts[first] as number) <= FRAGMENT_LENGTH) {
        return false;
      }
      const candidate = windowAround(found.starts, found.ends, anchor, tokens);
      if (!best || candidate.distinct > best.distinct) best = candidate;
      if (best.distinct >= held) return true;
    }
    return false;
  };
  const short = paragraph.length <= FRAGMENT_LENGTH;
  const words = matchStems(paragraph, stems, short ? undefined : (found) => judge(found, false));
  if (words.matched.length === 0) return null;
  if (short)
    return fragment(
      paragraph,
      0,
      paragraph.length,
      words.matched.map((match) => match.token),
    );
  judge(words, true);
  const chosen = best as FragmentWindow | null;
  return chosen && fragment(paragraph, chosen.start, chosen.end, tokens.slice(chosen.from, chosen.to));
}

/** A window of a paragraph: its range, the stretch of matched tokens in it, their distinct stems. */
interface FragmentWindow {
  start: number;
  end: number;
  from: number;
  to: number;
  distinct: number;
}

/** The window anchored at token `anchor`, with the matched `tokens` (in text order) it holds. */
function windowAround(
  starts: readonly number[],
  ends: readonly number[],
  anchor: number,
  tokens: readonly Token[],
): FragmentWindow {
  const [start, end] = window(starts, ends, anchor);
  const from = firstStartingAt(tokens, start);
  let to = from;
  const seen = new Set<string>();
  while (to < tokens.length && (tokens[to] as Token).end <= end) seen.add((tokens[to++] as Token).stem);
  return { start, end, from, to, distinct: seen.size };
}

/** The index of the first of `tokens` (in text order) starting at `position` or after. */
function firstStartingAt(tokens: readonly Token[], position: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((tokens[middle] as Token).start < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

// A few words before the anchor, then as many after as fit; when the paragraph ends first, more before.
function window(starts: readonly number[], ends: readonly number[], anchor: number): [number, number] {
  const startOf = (index: number) => starts[index] as number;
  const endOf = (index: number) => ends[index] as number;
  let first = Math.max(0, anchor - LEAD_WORDS);
  let last = anchor;
  while (last + 1 < starts.length && endOf(last + 1) - startOf(first) <= FRAGMENT_LENGTH) last++;
  while (first > 0 && endOf(last) - startOf(first - 1) <= FRAGMENT_LENGTH) first--;
  return [startOf(first), endOf(last)];
}

function fragment(paragraph: string, start: number, end: number, matched: readonly Token[]): Candidate {
  return {
    highlight: {
      field: 'body',
      paragraph: null,
      start,
      end,
      text: paragraph.slice(start, end),
      matches: ranges(matched),
    },
    distinctStems: new Set(matched.map((token) => token.stem)).size,
  };
}

// One written word can yield several tokens (a digit run inside letters); it is one range.
function ranges(tokens: readonly Token[]): TextRange[] {
  const result: TextRange[] = [];
  for (const token of tokens) {
    const last = result.at(-1);
    if (last && last.start === token.start) continue;
    result.push({ start: token.start, end: token.end });
  }
  return result;
}
