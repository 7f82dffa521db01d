import { isDashRun } from './dash-run.ts';

/**
 * The dateline: a short dash-joined run closed by a colon at the start of the first paragraph
 * (`سبق- الرياض:`, `خالد علي - سبق - جدة:`). The paragraph keeps its whole text.
 */

// The colon must come early: a dateline is a few words.
const MAX_DATELINE_LENGTH = 80;

/** The end of the dateline in the paragraph's text (before the colon), or -1 when there is none. */
export function datelineEnd(paragraph: string): number {
  const colon = paragraph.slice(0, MAX_DATELINE_LENGTH + 1).search(/[:：]/);
  if (colon <= 0) return -1;
  // Something must follow: a colon closing the line is a byline's, not a dateline's.
  if (paragraph.slice(colon + 1).trim().length === 0) return -1;
  const run = paragraph.slice(0, colon).trimEnd();
  return isDashRun(run) ? run.length : -1;
}
