// A few control characters or U+FFFD (bytes a decoder could not read) can be noise in a scraped page;
// a NUL, or more than this share of them, means the input is not text.
const MAX_CONTROL_SHARE = 0.05;
const MIN_CONTROLS = 32;

/** Whether an input of `length` characters with these control characters is binary data, not text. */
export function isBinary(length: number, nul: boolean, controls: number): boolean {
  return nul || controls > Math.max(MIN_CONTROLS, length * MAX_CONTROL_SHARE);
}
