/**
 * Finds the maximal runs of characters of one class, as `text.matchAll(/[class]+/gu)` would, several
 * times faster on long texts: a table says for each UTF-16 code unit whether it belongs (built on first
 * use from the class's own regex), and only astral characters are tested with the regex. `onRun`
 * returning true stops the scan there.
 */
export function characterRuns(
  characterClass: RegExp,
): (text: string, onRun: (start: number, end: number) => boolean | undefined) => void {
  let table: Uint8Array | null = null;
  const belongs = (unit: number) => {
    if (!table) {
      table = new Uint8Array(0x10000);
      for (let code = 0; code < 0x10000; code++) {
        if ((code < 0xd800 || code > 0xdfff) && characterClass.test(String.fromCharCode(code)))
          table[code] = 1;
      }
    }
    return table[unit] === 1;
  };
  return (text, onRun) => {
    let start = -1;
    for (let index = 0; index < text.length; index++) {
      const unit = text.charCodeAt(index);
      let inRun: boolean;
      let width = 1;
      const next = index + 1 < text.length ? text.charCodeAt(index + 1) : 0;
      if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        width = 2;
        inRun = characterClass.test(text.slice(index, index + 2));
      } else {
        inRun = belongs(unit);
      }
      if (inRun) {
        if (start < 0) start = index;
      } else if (start >= 0) {
        if (onRun(start, index) === true) return;
        start = -1;
      }
      index += width - 1;
    }
    if (start >= 0) onRun(start, text.length);
  };
}
