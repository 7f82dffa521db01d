import { lightStem, normalize, type Token } from '@khabar/arabic';
import { characterRuns } from './character-runs.ts';

// The word and split patterns of `tokenize` in @khabar/arabic: a word is a run of letters, marks and
// digits (invisible controls inside do not split it); its normalized form splits on anything else.
const words = characterRuns(/^[\p{L}\p{M}\p{N}\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]$/u);
const PART_SEPARATOR = /[^\p{L}\p{N}]+/u;

// Highlighting tokenizes the same news words query after query; normalizing one costs far more than
// looking it up. Cleared when full, which at this size is rare and cheap.
const CACHE_SIZE = 50_000;
const partsOfWord = new Map<string, readonly { normalized: string; stem: string }[]>();

function partsOf(word: string): readonly { normalized: string; stem: string }[] {
  let parts = partsOfWord.get(word);
  if (parts === undefined) {
    parts = normalize(word)
      .split(PART_SEPARATOR)
      .filter((part) => part.length > 0)
      .map((part) => ({ normalized: part, stem: lightStem(part.toLowerCase()) }));
    if (partsOfWord.size >= CACHE_SIZE) partsOfWord.clear();
    partsOfWord.set(word, parts);
  }
  return parts;
}

/** Exactly `tokenize` of @khabar/arabic (words with offsets, normalized and stemmed), each word analysed once. */
export function cachedTokenize(text: string): Token[] {
  const tokens: Token[] = [];
  words(text, (start, end) => {
    const word = text.slice(start, end);
    for (const part of partsOf(word)) {
      tokens.push({ text: word, start, end, normalized: part.normalized, stem: part.stem });
    }
  });
  return tokens;
}
