import { lightStem, normalize } from '@khabar/arabic';
import { wordRuns } from '../char-class.ts';
import type { Line } from '../lines.ts';
import { FUNCTION_WORDS } from './function-words.ts';
import type { LineFeatures } from './line-features.ts';

/**
 * The headline of an article found in a full-page dump: among the short lines above the body, the
 * one that reads as a title and whose words the first paragraphs take up, best when the page repeats
 * it (the `<title>` line, a ticker, a most-read list) and a date line stands next to it.
 */

const MIN_WORDS = 2;
// Two-word lines are mostly menu items: such a headline must make up for it.
const SHORT_WORDS = 2;
const MAX_WORDS = 30;
const MAX_LENGTH = 250;
// Content words shorter than this (after stemming) say nothing about the topic.
const MIN_STEM_LENGTH = 2;
// How many of the body's first paragraphs a headline is compared with.
const LEAD_PARAGRAPHS = 3;
const TICKER = 'عاجل';
// Lines the repetition search reads at most: a page has a few hundred.
const MAX_REPEAT_LINES = 5000;

/** The stems of a text's content words, in matching form. */
export function contentStems(text: string): Set<string> {
  const stems = new Set<string>();
  for (const word of wordRuns(text)) {
    if (FUNCTION_WORDS.has(word)) continue;
    const stem = lightStem(normalize(word));
    if (stem.length >= MIN_STEM_LENGTH && !/^[0-9]+$/.test(stem)) stems.add(stem);
  }
  return stems;
}

/** What the headline search knows of the page. */
export interface HeadlineContext {
  lines: readonly Line[];
  features: readonly LineFeatures[];
  /** Whether the line at an index is a date line with a readable date. */
  isDate: (index: number) => boolean;
  /** Whether the line at an index is chrome, a byline or otherwise no title. */
  isNotTitle: (index: number) => boolean;
}

/** The best headline among lines `from` to `to` (exclusive) for the body starting at `bodyStart`, with its score. */
export function findHeadline(
  context: HeadlineContext,
  from: number,
  to: number,
  bodyStart: number,
  bodyEnd: number,
): { index: number; score: number } | null {
  const lead = leadStems(context, bodyStart, bodyEnd);
  let best: { index: number; score: number } | null = null;
  for (let index = from; index < to; index++) {
    const score = headlineScore(context, index, to, lead);
    if (score !== null && (best === null || score > best.score)) best = { index, score };
  }
  return best;
}

function leadStems(context: HeadlineContext, bodyStart: number, bodyEnd: number): Set<string> {
  const stems = new Set<string>();
  let taken = 0;
  for (let index = bodyStart; index < bodyEnd && taken < LEAD_PARAGRAPHS; index++) {
    if (!context.features[index]?.prose) continue;
    for (const stem of contentStems((context.lines[index] as Line).text)) stems.add(stem);
    taken++;
  }
  return stems;
}

/** A line's score as the headline, or null when it cannot be one. */
function headlineScore(
  context: HeadlineContext,
  index: number,
  to: number,
  lead: Set<string>,
): number | null {
  const line = context.lines[index] as Line;
  const features = context.features[index] as LineFeatures;
  if (!isTitleShaped(line, features) || context.isDate(index) || context.isNotTitle(index)) return null;
  const stems = contentStems(line.text);
  if (stems.size === 0) return null;
  let shared = 0;
  for (const stem of stems) if (lead.has(stem)) shared++;
  let score = shared / stems.size;
  // The `<title>` line opening the page holds the headline; lists repeat other headlines too.
  const repeat = repeated(context.lines, index);
  if (repeat === 'first') score += 0.5;
  else if (repeat === 'other') score += 0.2;
  if (features.words <= SHORT_WORDS) score -= 0.3;
  // The headline is most often followed by its date, sometimes preceded by it.
  if (context.isDate(index + 1)) score += 0.5;
  else if (context.isDate(index + 2)) score += 0.3;
  else if (context.isDate(index - 1)) score += 0.25;
  // A breaking-news ticker item names another story.
  if (line.text.startsWith(TICKER)) score -= 0.3;
  if (features.words >= 5 && features.words <= 20) score += 0.2;
  if (features.endsSentence && line.text.endsWith('.')) score -= 0.2;
  // Other things equal, the headline comes before its subtitle and its picture's caption.
  return score + 0.004 * (to - index);
}

/** Shaped like a headline: a few words, Arabic, no label, no link, not a paragraph. */
export function isTitleShaped(line: Line, features: LineFeatures): boolean {
  return (
    features.words >= MIN_WORDS &&
    features.words <= MAX_WORDS &&
    line.text.length <= MAX_LENGTH &&
    features.arabic &&
    !features.link &&
    !features.endsColon &&
    !features.prose
  );
}

/** Whether another line of the page holds the same words: the first line (the `<title>`), or another. */
function repeated(lines: readonly Line[], index: number): 'first' | 'other' | null {
  const text = (lines[index] as Line).text;
  const limit = Math.min(lines.length, MAX_REPEAT_LINES);
  let found: 'first' | 'other' | null = null;
  for (let other = 0; other < limit; other++) {
    if (other === index) continue;
    const candidate = (lines[other] as Line).text;
    if (candidate.length < text.length || !candidate.includes(text)) continue;
    if (other === 0 && candidate !== text) return 'first';
    found = 'other';
  }
  return found;
}
