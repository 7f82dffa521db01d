// A few control characters or U+FFFD (bytes a decoder could not read) can be noise in a scraped page;
// a NUL, or more than this share of them, means the input is not text.
const MAX_SUSPECT_SHARE = 0.01;
const MIN_SUSPECTS = 8;

/** Whether the input is binary data rather than text. */
export function isBinary(text: string): boolean {
  const allowed = Math.max(MIN_SUSPECTS, text.length * MAX_SUSPECT_SHARE);
  let suspects = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // Tab, line feed, vertical tab, form feed and carriage return are whitespace, not suspects.
    if (code >= 32 ? code === 0x7f || code === 0xfffd : code < 9 || code > 13) {
      if (code === 0 || ++suspects > allowed) return true;
    }
  }
  return false;
}
