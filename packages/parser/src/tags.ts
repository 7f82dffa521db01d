import { lightStem, normalize } from '@khabar/arabic';

/**
 * Segments a keywords line whose tags are separated only by spaces. A tag of two or more words must
 * occur as a phrase in the article (title or one body paragraph) or be a known tag of the lexicon,
 * comparing word by word after normalization and light stemming. The segmentation has as few tags as
 * possible; among equally short ones, the most keyword words sit in tags that occur in the title, then
 * in lexicon tags, then the earliest tags are the longest.
 */

/** A tag found on the keywords line: its text as written and where it sits in that text. */
export interface TagSlice {
  text: string;
  start: number;
  end: number;
}

/** Longest multi-word tag considered, in keyword tokens: bounds the work on a pathological line. */
const MAX_TAG_TOKENS = 8;
const NON_WORD = /[^\p{L}\p{N}]+/u;
const TOKEN = /\S+/g;
const SEPARATORS = /[،,|؛;#]/;
const SEPARATED_TAG = /[^،,|؛;#]+/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Normalized, stemmed words of a text: the form phrases are compared in. */
export function stemWords(text: string): string[] {
  const stems: string[] = [];
  for (const word of normalize(text).toLowerCase().split(NON_WORD)) {
    if (word.length > 0) stems.push(lightStem(word));
  }
  return stems;
}

/** The lexicon as a set of stem phrases joined by spaces. */
export function lexiconKeys(lexicon: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  for (const tag of lexicon) {
    if (typeof tag !== 'string') continue;
    const stems = stemWords(tag);
    if (stems.length > 1) keys.add(stems.join(' '));
  }
  return keys;
}

/** Finds stem phrases in the title and body paragraphs, never across two of them. */
class PhraseIndex {
  private readonly stems: string[] = [];
  private readonly positions = new Map<string, number[]>();
  private readonly titleEnd: number;

  constructor(title: string, paragraphs: readonly string[], wanted: ReadonlySet<string>) {
    this.add(title, wanted);
    this.titleEnd = this.stems.length;
    for (const paragraph of paragraphs) this.add(paragraph, wanted);
  }

  private add(text: string, wanted: ReadonlySet<string>): void {
    for (const stem of stemWords(text)) {
      if (wanted.has(stem)) {
        const list = this.positions.get(stem);
        if (list) list.push(this.stems.length);
        else this.positions.set(stem, [this.stems.length]);
      }
      this.stems.push(stem);
    }
    // An empty stem never equals a word: it keeps phrases inside one text.
    this.stems.push('');
  }

  /** Whether the phrase occurs anywhere, and whether it occurs in the title. */
  find(phrase: readonly string[]): { anywhere: boolean; inTitle: boolean } {
    const starts = this.positions.get(phrase[0] as string) ?? [];
    let anywhere = false;
    for (const start of starts) {
      let matches = true;
      for (let offset = 1; offset < phrase.length; offset++) {
        if (this.stems[start + offset] !== phrase[offset]) {
          matches = false;
          break;
        }
      }
      if (!matches) continue;
      if (start < this.titleEnd) return { anywhere: true, inTitle: true };
      anywhere = true;
    }
    return { anywhere, inTitle: false };
  }
}

interface Choice {
  tags: number;
  titleWords: number;
  lexiconWords: number;
  length: number;
}

// Fewer tags, then more title words, then more lexicon words; the caller tries longer tags first,
// so on a full tie the earlier (longer) choice stays.
function better(candidate: Choice, best: Choice | undefined): boolean {
  if (best === undefined) return true;
  if (candidate.tags !== best.tags) return candidate.tags < best.tags;
  if (candidate.titleWords !== best.titleWords) return candidate.titleWords > best.titleWords;
  return candidate.lexiconWords > best.lexiconWords;
}

/** Splits the text after a keywords label into tags. */
export function segmentTags(
  value: string,
  title: string,
  paragraphs: readonly string[],
  lexicon: ReadonlySet<string>,
): TagSlice[] {
  if (SEPARATORS.test(value)) return separatedTags(value);
  const tokens = [...value.matchAll(TOKEN)]
    .map((match) => ({ text: match[0], start: match.index, stems: stemWords(match[0]) }))
    .filter((token) => token.stems.length > 0);
  if (tokens.length === 0) return [];
  const wanted = new Set(tokens.flatMap((token) => token.stems));
  const index = new PhraseIndex(title, paragraphs, wanted);
  const count = tokens.length;
  // best[i]: the best segmentation of tokens i..count-1, as its first tag's length and its score.
  const best: Choice[] = new Array(count + 1);
  best[count] = { tags: 0, titleWords: 0, lexiconWords: 0, length: 0 };
  for (let from = count - 1; from >= 0; from--) {
    let chosen: Choice | undefined;
    for (let length = Math.min(MAX_TAG_TOKENS, count - from); length >= 1; length--) {
      const phrase = tokens.slice(from, from + length).flatMap((token) => token.stems);
      const found = index.find(phrase);
      const known = phrase.length > 1 && lexicon.has(phrase.join(' '));
      if (length > 1 && !found.anywhere && !known) continue;
      const rest = best[from + length] as Choice;
      const candidate: Choice = {
        tags: rest.tags + 1,
        titleWords: rest.titleWords + (found.inTitle ? length : 0),
        lexiconWords: rest.lexiconWords + (known ? length : 0),
        length,
      };
      if (better(candidate, chosen)) chosen = candidate;
    }
    best[from] = chosen as Choice;
  }
  const tags: TagSlice[] = [];
  for (let from = 0; from < count; ) {
    const length = (best[from] as Choice).length;
    const first = tokens[from] as (typeof tokens)[number];
    const last = tokens[from + length - 1] as (typeof tokens)[number];
    const text = tokens
      .slice(from, from + length)
      .map((token) => token.text)
      .join(' ');
    tags.push({ text, start: first.start, end: last.start + last.text.length });
    from += length;
  }
  return tags;
}

function separatedTags(value: string): TagSlice[] {
  const tags: TagSlice[] = [];
  for (const match of value.matchAll(SEPARATED_TAG)) {
    const text = match[0].trim();
    if (!WORD_CHAR.test(text)) continue;
    const start = match.index + match[0].indexOf(text);
    tags.push({ text, start, end: start + text.length });
  }
  return tags;
}
