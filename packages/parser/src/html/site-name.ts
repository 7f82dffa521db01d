import { foldWords } from '../fold.ts';

/**
 * The site's own name, and taking it off titles: `العنوان - اليوم السابع`, `Sputnik Arabic | العنوان`,
 * `«الموقع» :: العنوان`. A part of a title is the site's when it matches a declared name (og:site_name,
 * the JSON-LD publisher or website, application-name) or the page's host (`CNNArabic.com` on
 * arabic.cnn.com, `Sputnik Arabic` on arabic.sputniknews.com).
 */

/** What a title part is compared with. */
export interface SiteIdentity {
  /** Declared names, most trusted first. */
  names: string[];
  /** The page's host without `www.`, or null. */
  host: string | null;
}

// ` - `, ` | `, ` – `, ` — `, ` :: `, ` • `, ` · `, ` » `: separators need spaces on both sides, so that
// hyphenated words and `:` after a quoted speaker stay in the headline.
const SEPARATOR = /\s+(?:[-|–—•·»]|::)\s+/g;
const WRAPPERS = /^[«"“'‹([]+|[»"”'›)\]]+$/g;
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'news']);
const GENERIC_HOST_WORDS = new Set(['www', 'arabic', 'news', 'com', 'net', 'org', 'online', 'amp', 'm']);

/** The label of the host that names the site: `sputniknews` of arabic.sputniknews.com, `bbc` of bbc.co.uk. */
export function siteLabel(host: string | null): string | null {
  if (host === null) return null;
  const labels = host.split('.').filter(Boolean);
  if (labels.length < 2) return labels[0] ?? null;
  const secondLast = labels[labels.length - 2] as string;
  const last = labels[labels.length - 1] as string;
  if (labels.length >= 3 && last.length === 2 && SECOND_LEVEL.has(secondLast)) {
    return labels[labels.length - 3] ?? null;
  }
  return secondLast;
}

/** Whether a part of a title (or a byline) is the site's name. */
export function isSiteName(part: string, site: SiteIdentity): boolean {
  const bare = part.replace(WRAPPERS, '').trim();
  const words = foldWords(bare);
  if (words.length === 0) return false;
  const joined = words.join(' ');
  for (const name of site.names) {
    const nameWords = foldWords(name);
    if (nameWords.length === 0) continue;
    const nameJoined = nameWords.join(' ');
    if (joined === nameJoined) return true;
    // `اليوم السابع` in `بوابة اليوم السابع`, `CNNArabic` in `CNNArabic.com`.
    if (words.length <= nameWords.length + 2 && containsRun(words, nameWords)) return true;
    if (nameWords.length <= words.length + 2 && containsRun(nameWords, words) && words.length >= 2)
      return true;
  }
  return matchesHost(words, site.host);
}

function containsRun(words: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0 || run.length > words.length) return false;
  for (let at = 0; at + run.length <= words.length; at++) {
    if (run.every((word, index) => words[at + index] === word)) return true;
  }
  return false;
}

/** `CNNArabic.com` or `Sputnik Arabic` against the host: the site's label in the part, or a long word of it in the host. */
function matchesHost(words: readonly string[], host: string | null): boolean {
  const label = siteLabel(host);
  if (host === null || label === null || words.length > 4) return false;
  const compact = words.join('');
  if (label.length >= 3 && compact.includes(label)) return true;
  const hostCompact = host.replace(/[^a-z0-9]/g, '');
  return words.some(
    (word) => word.length >= 4 && !GENERIC_HOST_WORDS.has(word) && hostCompact.includes(word),
  );
}

/** A title without the site's name at its start or end, and the part taken off (or null). */
export function withoutSiteName(
  title: string,
  site: SiteIdentity,
): { title: string; siteName: string | null } {
  const parts = splitParts(title);
  let first = 0;
  let last = parts.length - 1;
  let removed: string | null = null;
  while (last > first) {
    const tail = parts[last] as string;
    const head = parts[first] as string;
    if (isSiteName(tail, site)) {
      removed = tail;
      last--;
    } else if (isSiteName(head, site)) {
      removed = head;
      first++;
    } else break;
  }
  if (removed === null) return { title: unwrap(title), siteName: null };
  return {
    title: unwrap(joinParts(title, parts, first, last)),
    siteName: removed.replace(WRAPPERS, '').trim(),
  };
}

/** The parts of a title between separators, as written. */
export function splitParts(title: string): string[] {
  return title
    .split(SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** The original text from part `first` to part `last`, separators kept as written. */
function joinParts(title: string, parts: readonly string[], first: number, last: number): string {
  const from = title.indexOf(parts[first] as string);
  const lastPart = parts[last] as string;
  const to = title.lastIndexOf(lastPart) + lastPart.length;
  return from >= 0 && to > from ? title.slice(from, to) : parts.slice(first, last + 1).join(' - ');
}

/** A title wrapped whole in «» or quotes loses them; quotes inside stay. */
function unwrap(title: string): string {
  const trimmed = title.trim();
  const wrapped = /^«([^«»]+)»$/.exec(trimmed) ?? /^"([^"]+)"$/.exec(trimmed) ?? /^“([^“”]+)”$/.exec(trimmed);
  return wrapped?.[1]?.trim() ?? trimmed;
}
