import { lightStem, normalize } from '@khabar/arabic';

// Which UTF-16 code units are letters or digits (`[\p{L}\p{N}]`): built once, on first use, from the
// same Unicode property regex the search terms are defined by. Astral characters are tested one by one.
let wordUnits: Uint8Array | null = null;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

function wordUnitTable(): Uint8Array {
  if (wordUnits) return wordUnits;
  const table = new Uint8Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) {
    if ((unit < 0xd800 || unit > 0xdfff) && LETTER_OR_DIGIT.test(String.fromCharCode(unit))) table[unit] = 1;
  }
  wordUnits = table;
  return table;
}

/**
 * The same terms as `searchTerms` of @khabar/arabic (normalize, split on anything but letters and
 * digits, lower-case, light-stem), computed faster for indexing whole articles: the split is a table
 * lookup per code unit instead of a Unicode property regex.
 */
export function shadowTerms(text: string): string[] {
  const normalized = normalize(text);
  const table = wordUnitTable();
  const terms: string[] = [];
  let start = -1;
  for (let index = 0; index < normalized.length; index++) {
    const unit = normalized.charCodeAt(index);
    let isWord: boolean;
    let width = 1;
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < normalized.length) {
      const next = normalized.charCodeAt(index + 1);
      width = next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
      isWord = width === 2 && LETTER_OR_DIGIT.test(normalized.slice(index, index + 2));
    } else {
      isWord = table[unit] === 1;
    }
    if (isWord) {
      if (start < 0) start = index;
    } else if (start >= 0) {
      terms.push(lightStem(normalized.slice(start, index).toLowerCase()));
      start = -1;
    }
    index += width - 1;
  }
  if (start >= 0) terms.push(lightStem(normalized.slice(start).toLowerCase()));
  return terms;
}
