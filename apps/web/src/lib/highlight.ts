import type { Highlight } from '@khabar/schema';

/** A run of fragment text, marked when it is a word that matched the query. */
export interface Segment {
  text: string;
  marked: boolean;
}

/**
 * Splits a highlight's fragment into plain and marked runs. Match ranges count in the field text, so
 * they are shifted by the fragment's start, clipped to the fragment, sorted and merged; a range the
 * fragment does not cover is ignored rather than trusted.
 */
export function highlightSegments(highlight: Pick<Highlight, 'start' | 'text' | 'matches'>): Segment[] {
  const { text } = highlight;
  const ranges = highlight.matches
    .map((range) => ({
      start: Math.max(0, range.start - highlight.start),
      end: Math.min(text.length, range.end - highlight.start),
    }))
    .filter((range) => range.end > range.start)
    .sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let position = 0;
  for (const range of ranges) {
    const start = Math.max(range.start, position);
    if (range.end <= start) continue;
    if (start > position) segments.push({ text: text.slice(position, start), marked: false });
    const previous = segments.at(-1);
    if (previous?.marked && start === position) previous.text += text.slice(start, range.end);
    else segments.push({ text: text.slice(start, range.end), marked: true });
    position = range.end;
  }
  if (position < text.length) segments.push({ text: text.slice(position), marked: false });
  return segments;
}
