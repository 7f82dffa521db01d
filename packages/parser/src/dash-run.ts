/**
 * A short run of names joined by dashes: `داليا أبوالعيش – عين اليوم`, `سبق- الرياض`,
 * `خالد علي - سبق - جدة`. Bylines are such runs on their own line; datelines open a paragraph with one.
 */

// Hyphen, en and em dashes, figure dash, horizontal bar; a tatweel only when it stands alone between spaces.
const DASH = /\s*[-‐‑‒–—―]\s*|\s+ـ\s+/;
const DASHES = /\s*[-‐‑‒–—―]\s*|\s+ـ\s+/g;
// A part names a person, an outlet or a place: letters, maybe quoted or abbreviated (د. خالد), no digits.
const PART = /^[\p{L}\p{M}«»"“”'’(). ]+$/u;
const MAX_PART_WORDS = 4;
const MAX_PARTS = 4;

/** Whether the text is two to four dash-joined parts of one to four words each. */
export function isDashRun(text: string): boolean {
  if (!DASH.test(text)) return false;
  const parts = text.split(DASHES);
  if (parts.length < 2 || parts.length > MAX_PARTS) return false;
  for (const part of parts) {
    const trimmed = part.trim();
    if (trimmed.length === 0 || !PART.test(trimmed)) return false;
    if (trimmed.split(' ').length > MAX_PART_WORDS) return false;
  }
  return true;
}
