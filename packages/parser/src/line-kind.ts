import { isChrome } from './chrome.ts';
import { type Credit, keywordsStart, readCredits } from './footer.ts';
import type { Line } from './lines.ts';
import { type ReadAlsoMarker, readAlsoMarker } from './read-also.ts';
import { hasWordChar } from './text-shape.ts';

/** What a line is by its own text, before its place in the document is taken into account. */
export type LineKind =
  | { type: 'no_text' }
  | { type: 'chrome' }
  /**
   * A read-also marker. `opensBlockWithoutFooter`: a marker alone with its colon, after which no footer
   * line comes and an article (title, then text) follows: appended articles in a page with no footer.
   */
  | { type: 'read_also'; marker: ReadAlsoMarker; opensBlockWithoutFooter: boolean }
  /** `textFollows`: text comes after it before any marker line, so the body goes on past it. */
  | { type: 'credits'; credits: Credit[]; textFollows: boolean }
  | { type: 'keywords'; start: number; textFollows: boolean }
  | { type: 'text' };

const NO_TEXT: LineKind = { type: 'no_text' };
const CHROME: LineKind = { type: 'chrome' };
const TEXT: LineKind = { type: 'text' };

/** Classifies the lines from `from` on; entries before `from` are left empty. */
export function classifyLines(lines: readonly Line[], from: number): LineKind[] {
  const kinds: LineKind[] = new Array(lines.length);
  let lastFooter = -1;
  for (let index = from; index < lines.length; index++) {
    const kind = classify((lines[index] as Line).text);
    if (kind.type === 'credits' || kind.type === 'keywords') lastFooter = index;
    kinds[index] = kind;
  }
  markTextFollowing(kinds, from);
  for (let index = Math.max(from, lastFooter + 1); index < lines.length; index++) {
    const kind = kinds[index] as LineKind;
    if (kind.type === 'read_also' && kind.marker.kind === 'marker' && kind.marker.colon) {
      kind.opensBlockWithoutFooter = textLinesFollow(kinds, index + 1, 2);
    }
  }
  return kinds;
}

function classify(text: string): LineKind {
  if (!hasWordChar(text)) return NO_TEXT;
  const marker = readAlsoMarker(text);
  if (marker !== null) return { type: 'read_also', marker, opensBlockWithoutFooter: false };
  const credits = readCredits(text);
  if (credits !== null) return { type: 'credits', credits, textFollows: false };
  const start = keywordsStart(text);
  if (start >= 0) return { type: 'keywords', start, textFollows: false };
  return isChrome(text) ? CHROME : TEXT;
}

// A footer line with text after it (before the next marker) stands in the body, not at its end.
function markTextFollowing(kinds: readonly LineKind[], from: number): void {
  let textAfter = false;
  for (let index = kinds.length - 1; index >= from; index--) {
    const kind = kinds[index] as LineKind;
    if (kind.type === 'credits' || kind.type === 'keywords') kind.textFollows = textAfter;
    if (kind.type === 'read_also' && kind.marker.kind === 'marker') textAfter = false;
    else if (kind.type === 'text') textAfter = true;
  }
}

function textLinesFollow(kinds: readonly LineKind[], from: number, count: number): boolean {
  let found = 0;
  for (let index = from; index < kinds.length && found < count; index++) {
    if (kinds[index]?.type === 'text') found++;
    else if (kinds[index]?.type === 'read_also') break;
  }
  return found >= count;
}
