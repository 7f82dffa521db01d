export { INVISIBLE_CHARACTERS, normalize, toLatinDigits } from './normalize.ts';
export { lightStem } from './stem.ts';
export { searchTerms, type Token, tokenize } from './tokenize.ts';
