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
  const prefix = definitePrefix(token);
  let word = prefix === undefined ? token : token.slice(prefix.length);
  if (word.length >= 4 && word.startsWith('و')) {
    word = word.slice(1);
  }
  for (const suffix of SUFFIXES) {
    // A suffix can only match where the word ends in its last letter: most words end in none of them.
    if (
      word.charCodeAt(word.length - 1) === suffix.charCodeAt(suffix.length - 1) &&
      word.endsWith(suffix) &&
      word.length - suffix.length >= 2
    ) {
      word = word.slice(0, -suffix.length);
    }
  }
  return word;
}

// The letters a definite prefix may start with.
const PREFIX_STARTS = new Set(DEFINITE_PREFIXES.map((prefix) => prefix.charCodeAt(0)));

/** The definite prefix light stemming removes from a token, if any. */
function definitePrefix(token: string): string | undefined {
  if (!PREFIX_STARTS.has(token.charCodeAt(0))) return undefined;
  for (const prefix of DEFINITE_PREFIXES) {
    if (token.startsWith(prefix) && token.length - prefix.length >= 2) return prefix;
  }
  return undefined;
}

/**
 * The stems a normalized token may have in an index of light-stemmed text, its own first. Light
 * stemming takes ال at the start of a word for the article, but in some words it is their first
 * letters (التحاق، الكترونيه، الهام): written bare, such a word loses them (تحاق), and written with
 * the article it keeps them (الالتحاق → التحاق). So when the prefix removed ends in ال, the stem of
 * the word with those letters kept is a candidate too; and when what is left after the prefix starts
 * with ال again, so is the stem of that rest (the bare word's stem).
 */
export function stemCandidates(token: string): string[] {
  const stem = lightStem(token);
  const prefix = definitePrefix(token);
  if (prefix === undefined || !prefix.endsWith('ال')) return [stem];
  const rest = token.slice(prefix.length);
  const other = rest.startsWith('ال') ? lightStem(rest) : lightStem(`ال${token.slice(prefix.length - 2)}`);
  return other === stem ? [stem] : [stem, other];
}
