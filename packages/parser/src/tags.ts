import { lightStem } from '@khabar/arabic';
import { charClass, WORD } from './char-class.ts';
import { fold } from './fold.ts';

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
/**
 * Keyword tokens segmented into phrases; any after these are tags of one word each. Sites write a
 * few words to a few dozen: a line of hundreds is no keywords line, and each token looked up costs
 * a pass over the places its first word occurs.
 */
export const MAX_SEGMENTED_TOKENS = 64;
const NON_WORD = /[^\p{L}\p{N}]+/u;
const TOKEN = /\S+/g;
const SEPARATORS = /[،,|؛;#]/;
const SEPARATED_TAG = /[^،,|؛;#]+/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Normalized, stemmed words of a text: the form phrases are compared in. */
export function stemWords(text: string): string[] {
  const stems: string[] = [];
  for (const word of fold(text).split(NON_WORD)) {
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

/**
 * Finds stem phrases in the title and body paragraphs, never across two of them. Nothing is stemmed
 * ahead of time: a stem is a part of its word, so the words that can stem to a phrase's first word are
 * found by searching the normalized text for that stem, and only those words, and the words after them,
 * are stemmed. A phrase whose later stems are not in the text at all is missing without a walk. The
 * body is normalized the first time a phrase of two or more words is looked up, as one text: the
 * paragraphs joined by line feeds, which a phrase never crosses; a single-word tag needs only the title.
 */
class PhraseIndex {
  private readonly title: string;
  private readonly paragraphs: readonly string[];
  /** The title, then the body, normalized and lower-cased, filled in as they are needed. */
  private readonly normalized: [string | undefined, string | undefined] = [undefined, undefined];
  /** Per text, the starts of the words that stem to a given stem. */
  private readonly starts: [Map<string, number[]>, Map<string, number[]>] = [new Map(), new Map()];
  /** What `find` answered, by phrase: a keywords line may repeat its words. */
  private readonly found = new Map<string, Occurrence>();

  constructor(title: string, paragraphs: readonly string[]) {
    this.title = title;
    this.paragraphs = paragraphs;
  }

  /** Whether a phrase occurs anywhere, and whether it occurs in the title. */
  find(phrase: readonly string[]): Occurrence {
    const key = phrase.join(' ');
    let found = this.found.get(key);
    if (found === undefined) {
      if (this.occursIn(TITLE, phrase)) found = IN_TITLE;
      else found = this.paragraphs.length > 0 && this.occursIn(BODY, phrase) ? IN_BODY : ABSENT;
      this.found.set(key, found);
    }
    return found;
  }

  /** Whether the phrase occurs in the title. */
  inTitle(phrase: readonly string[]): boolean {
    return this.occursIn(TITLE, phrase);
  }

  private occursIn(textIndex: typeof TITLE | typeof BODY, phrase: readonly string[]): boolean {
    const text = this.normalizedText(textIndex);
    for (let offset = 1; offset < phrase.length; offset++) {
      if (!text.includes(phrase[offset] as string)) return false;
    }
    for (const start of this.wordsStemmedTo(textIndex, phrase[0] as string)) {
      let end = wordEnd(text, start);
      let offset = 1;
      for (; offset < phrase.length; offset++) {
        const next = nextWordStart(text, end);
        if (next < 0) break;
        end = wordEnd(text, next);
        if (lightStem(text.slice(next, end)) !== phrase[offset]) break;
      }
      if (offset === phrase.length) return true;
    }
    return false;
  }

  private normalizedText(textIndex: typeof TITLE | typeof BODY): string {
    let text = this.normalized[textIndex];
    if (text === undefined) {
      text = joinedBody(textIndex === TITLE ? [this.title] : this.paragraphs);
      this.normalized[textIndex] = text;
    }
    return text;
  }

  private wordsStemmedTo(textIndex: typeof TITLE | typeof BODY, stem: string): number[] {
    const cache = this.starts[textIndex];
    let found = cache.get(stem);
    if (found !== undefined) return found;
    found = [];
    const text = this.normalizedText(textIndex);
    for (let at = text.indexOf(stem); at >= 0; ) {
      const start = wordStart(text, at);
      const end = wordEnd(text, at + stem.length);
      if (lightStem(text.slice(start, end)) === stem) found.push(start);
      at = text.indexOf(stem, end);
    }
    cache.set(stem, found);
    return found;
  }
}

const TITLE = 0;
const BODY = 1;
const PARAGRAPH_END = 10;

/**
 * The paragraphs normalized and joined by line feeds. A line feed inside a paragraph becomes a space,
 * which separates its words as well but lets a phrase run on.
 */
function joinedBody(paragraphs: readonly string[]): string {
  const folded: string[] = new Array(paragraphs.length);
  for (let index = 0; index < paragraphs.length; index++) {
    const text = fold(paragraphs[index] as string);
    folded[index] = text.includes('\n') ? text.replaceAll('\n', ' ') : text;
  }
  return folded.join('\n');
}

// Word boundaries as `split(NON_WORD)` draws them: a word is a run of letters and digits, a surrogate
// pair classified whole.
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The start of the word that holds the letter at `index`. */
function wordStart(text: string, index: number): number {
  let start = index;
  while (start > 0) {
    const pair =
      isLowSurrogate(text.charCodeAt(start - 1)) && start > 1 && isHighSurrogate(text.charCodeAt(start - 2));
    const before = pair ? start - 2 : start - 1;
    if (charClass(text, before) !== WORD) break;
    start = before;
  }
  return start;
}

/** One past the last letter of the word that goes on at `index`. */
function wordEnd(text: string, index: number): number {
  let end = index;
  while (end < text.length && charClass(text, end) === WORD) {
    end += isHighSurrogate(text.charCodeAt(end)) && end + 1 < text.length ? 2 : 1;
  }
  return end;
}

/** The start of the next word at or after `index`, or -1 at the end of the text or of its paragraph. */
function nextWordStart(text: string, index: number): number {
  let at = index;
  while (at < text.length && charClass(text, at) !== WORD) {
    const code = text.charCodeAt(at);
    if (code === PARAGRAPH_END) return -1;
    at += isHighSurrogate(code) && at + 1 < text.length ? 2 : 1;
  }
  return at < text.length ? at : -1;
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

/** Whether a phrase occurs in the article, and whether in its title. */
interface Occurrence {
  anywhere: boolean;
  inTitle: boolean;
}

interface Token {
  text: string;
  start: number;
  stems: string[];
}

/** What is known of the tag made of the keyword tokens from one token on, for one length. */
interface Found {
  /** A single word always; a phrase when it occurs in the title or a paragraph. */
  occurs: boolean;
  inTitle: boolean;
  /** A lexicon tag of two or more words. */
  known: boolean;
}

const ABSENT: Occurrence = { anywhere: false, inTitle: false };
const IN_TITLE: Occurrence = { anywhere: true, inTitle: true };
const IN_BODY: Occurrence = { anywhere: true, inTitle: false };
// Index 0 of the lengths: no tag has no tokens.
const ABSENT_FOUND: Found = { occurs: false, inTitle: false, known: false };

/**
 * For each length (index 1 up to the longest tag allowed), what is known of the tag of that many tokens
 * from `from` on. A phrase occurs only where the phrase of its first words does, so once a phrase is
 * missing the longer ones are not looked up.
 */
function phrasesFrom(
  tokens: readonly Token[],
  from: number,
  index: PhraseIndex,
  lexicon: ReadonlySet<string>,
): Found[] {
  const longest = Math.min(MAX_TAG_TOKENS, tokens.length - from);
  const first = tokens[from] as Token;
  const phrase = [...first.stems];
  let key = lexicon.size > 0 ? phrase.join(' ') : '';
  const single = first.stems.length > 1 && lexicon.has(key);
  // A single token is a tag whether or not it occurs; only whether it is in the title counts.
  const found: Found[] = [ABSENT_FOUND, { occurs: true, inTitle: index.inTitle(phrase), known: single }];
  let missing = false;
  for (let length = 2; length <= longest; length++) {
    const stems = (tokens[from + length - 1] as Token).stems;
    phrase.push(...stems);
    if (lexicon.size > 0) key = `${key} ${stems.join(' ')}`;
    const where: Occurrence = missing ? ABSENT : index.find(phrase);
    missing = !where.anywhere;
    found.push({
      occurs: where.anywhere,
      inTitle: where.inTitle,
      known: lexicon.size > 0 && lexicon.has(key),
    });
  }
  return found;
}

/** Splits the text after a keywords label into tags. */
export function segmentTags(
  value: string,
  title: string,
  paragraphs: readonly string[],
  lexicon: ReadonlySet<string>,
): TagSlice[] {
  if (SEPARATORS.test(value)) return separatedTags(value);
  const tokens: Token[] = [...value.matchAll(TOKEN)]
    .map((match) => ({ text: match[0], start: match.index, stems: stemWords(match[0]) }))
    .filter((token) => token.stems.length > 0);
  if (tokens.length === 0) return [];
  const index = new PhraseIndex(title, paragraphs);
  const segmented = tokens.slice(0, MAX_SEGMENTED_TOKENS);
  const count = segmented.length;
  // best[i]: the best segmentation of tokens i..count-1, as its first tag's length and its score.
  const best: Choice[] = new Array(count + 1);
  best[count] = { tags: 0, titleWords: 0, lexiconWords: 0, length: 0 };
  for (let from = count - 1; from >= 0; from--) {
    const found = phrasesFrom(segmented, from, index, lexicon);
    let chosen: Choice | undefined;
    for (let length = found.length - 1; length >= 1; length--) {
      const { occurs, inTitle, known } = found[length] as Found;
      if (!occurs && !known) continue;
      const rest = best[from + length] as Choice;
      const candidate: Choice = {
        tags: rest.tags + 1,
        titleWords: rest.titleWords + (inTitle ? length : 0),
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
    const first = segmented[from] as Token;
    const last = segmented[from + length - 1] as Token;
    const text = segmented
      .slice(from, from + length)
      .map((token) => token.text)
      .join(' ');
    tags.push({ text, start: first.start, end: last.start + last.text.length });
    from += length;
  }
  for (const token of tokens.slice(MAX_SEGMENTED_TOKENS)) {
    tags.push({ text: token.text, start: token.start, end: token.start + token.text.length });
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
