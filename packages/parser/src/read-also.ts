/**
 * The "read also" marker: اقرأ/إقرأ followed by أيضاً/كذلك in any hamza, tanween or alef spelling,
 * alone on its line (the headline follows on the next line, or appended articles follow after the
 * footer) or followed by a colon and the headline.
 */

// Harakat, tanween, superscript alef and tatweel may sit after any letter of the marker.
const MARKS = '[\\u0640\\u064B-\\u0652\\u0670]*';
const ALEF = '[\\u0627\\u0623\\u0625\\u0622\\u0671]';
const spell = (...letters: string[]) => letters.map((letter) => `${letter}${MARKS}`).join('');

const READ = spell(ALEF, 'ق', 'ر', '[\\u0627\\u0623\\u0625\\u0622\\u0621]');
const ALSO = `(?:${spell(ALEF, 'ي', 'ض', '[\\u0627\\u0649]')}|${spell('ك', 'ذ', 'ل', 'ك')})`;
const LEAD = '[\\s•·*>»«|\\-–—(]*';
const MARKER = new RegExp(`^${LEAD}${READ}\\s*${ALSO}(?![\\p{L}\\p{N}])\\s*`, 'u');
// A colon alone separates marker and headline, so a headline that opens with dots (`.. وإغلاق`) keeps
// them; without a colon, a run of dashes, dots or arrows does.
const SEPARATOR = /^(?:[:：]|[-–—.…»>]+)\s*/;
const TRAILING = /^[\s:：.…)\-–—»>]*$/;

export type ReadAlsoMarker =
  /** The marker alone; `colon` when it ends with one (the form that opens appended articles). */
  | { kind: 'marker'; colon: boolean }
  /** Marker and headline on one line; the headline starts at `headlineStart` of the line's text. */
  | { kind: 'inline'; headlineStart: number };

/** Reads a read-also marker at the start of a cleaned line, or null when the line is something else. */
export function readAlsoMarker(text: string): ReadAlsoMarker | null {
  // Every spelling starts with an alef form followed by ق, or with a lead-in character.
  const first = text.charCodeAt(0);
  if (first >= 0x0620 && first <= 0x06ff && text.charCodeAt(1) !== 0x0642 && !isMarkBearing(text))
    return null;
  const match = MARKER.exec(text);
  if (match === null) return null;
  const rest = text.slice(match[0].length);
  if (TRAILING.test(rest)) return { kind: 'marker', colon: rest.includes(':') || rest.includes('：') };
  const separator = SEPARATOR.exec(rest);
  if (separator === null) return null;
  const headlineStart = match[0].length + separator[0].length;
  return headlineStart < text.length ? { kind: 'inline', headlineStart } : null;
}

// A vowelled or stretched spelling (إِقْرَأْ) has a mark between the alef and the ق.
function isMarkBearing(text: string): boolean {
  const second = text.charCodeAt(1);
  return second === 0x0640 || (second >= 0x064b && second <= 0x0652);
}
