/**
 * Light stemming (Larkey's light10, as Lucene's ArabicStemmer), for normalized tokens.
 */

// Longest first, so وال wins over ال; only the first match is removed.
const DEFINITE_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
// Tried in this order, each once. On normalized input ة is already ه, so ية and ة never fire there,
// as in Lucene; they still apply when a caller stems unnormalized text.
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي'];

/** Strips one definite prefix, then و, then each suffix once, keeping at least two characters. */
export function lightStem(token: string): string {
  let word = token;
  for (const prefix of DEFINITE_PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= 2) {
      word = word.slice(prefix.length);
      break;
    }
  }
  if (word.length >= 4 && word.startsWith('و')) {
    word = word.slice(1);
  }
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 2) {
      word = word.slice(0, -suffix.length);
    }
  }
  return word;
}
