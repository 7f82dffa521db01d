// A few control characters or U+FFFD (bytes a decoder could not read) can be noise in a scraped page,
// and so can a stray NUL; more than this share of them means the input is not text. NULs are held to
// a far smaller share: text has none of its own, while binary data (images, archives, UTF-16 read as
// UTF-8) holds them by the hundred.
const MAX_CONTROL_SHARE = 0.05;
const MIN_CONTROLS = 32;
const MAX_NUL_SHARE = 0.001;
const MIN_NULS = 4;

/**
 * Whether an input of `length` characters holding `nuls` NULs and `controls` control characters in all
 * (NULs among them) is binary data, not text.
 */
export function isBinary(length: number, nuls: number, controls: number): boolean {
  return (
    nuls > Math.max(MIN_NULS, length * MAX_NUL_SHARE) ||
    controls > Math.max(MIN_CONTROLS, length * MAX_CONTROL_SHARE)
  );
}
