/**
 * Bytes to text, with the encoding a browser would pick: a byte order mark first, then the charset
 * the transport names (an HTTP `Content-Type`, also inside a web archive record), then for a page the
 * charset its own markup declares, then UTF-8, or `windows-1256` for bytes that are not UTF-8 and read
 * as Arabic in it (see `arabicWindowsText`). Many Arabic sites still serve `windows-1256` or
 * `ISO-8859-6`; `TextDecoder` reads both. Bytes that are not valid in the chosen encoding are read
 * with replacement characters and a note, never an exception.
 */

/** Text decoded from bytes. */
export interface Decoded {
  text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `windows-1256`, `utf-16le`…). */
  encoding: string;
  /** Where the encoding came from. */
  from: 'bom' | 'transport' | 'markup' | 'default';
  /** Set when the bytes were not valid in that encoding, or a declared charset was unknown. */
  problem: string | null;
}

// Where in a page its `<meta charset>` must be, by the HTML standard's prescan: the first 1,024 bytes.
// Real pages put long comments or scripts first, so a little more is looked at.
const PRESCAN_BYTES = 4096;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

/** The encoding a charset label names, by the WHATWG Encoding standard; null when it names none. */
export function encodingOf(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/** The `charset` parameter of a `Content-Type` value, when there is one. */
export function charsetOf(contentType: string | undefined): string | null {
  if (contentType === undefined) return null;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType);
  return match?.[1] ?? null;
}

/** Decodes bytes. `charset` is the transport's label; `markup` says the bytes are a page that may declare its own. */
export function decodeBytes(bytes: Uint8Array, charset: string | null, markup: boolean): Decoded {
  const bom = bomEncoding(bytes);
  if (bom !== null) return decodeAs(bytes, bom, 'bom', null);
  let problem: string | null = null;
  if (charset !== null) {
    const encoding = encodingOf(charset);
    // Servers and crawlers label UTF-8 pages with the charset the site once used; bytes that are
    // valid multi-byte UTF-8 are not text in a single-byte Arabic charset, so the label is wrong.
    if (encoding !== null && encoding !== 'utf-8' && isMultibyteUtf8(bytes)) {
      return decodeAs(bytes, 'utf-8', 'default', `labelled ${charset} but the bytes are UTF-8`);
    }
    if (encoding !== null) return decodeAs(bytes, encoding, 'transport', null);
    problem = `unknown charset '${charset}'`;
  }
  if (markup) {
    const declared = declaredCharset(bytes);
    if (declared !== null) {
      const encoding = encodingOf(declared);
      // A page saved as UTF-8 by a crawler may still declare the charset it was served in; bytes
      // that are valid UTF-8 and not ASCII are taken as UTF-8, as the declaration cannot be right.
      if (encoding !== null && encoding !== 'utf-8' && isMultibyteUtf8(bytes)) {
        return decodeAs(bytes, 'utf-8', 'default', `declared ${declared} but the bytes are UTF-8`);
      }
      if (encoding !== null) return decodeAs(bytes, encoding, 'markup', problem);
      problem = `unknown charset '${declared}'`;
    }
  }
  const decoded = decodeAs(bytes, 'utf-8', 'default', problem);
  // Nothing named the encoding and the bytes are not UTF-8: Arabic text saved on Windows is most
  // often in its code page, windows-1256, which is taken when that reading is Arabic through and through.
  if (problem === null && decoded.problem !== null) {
    const arabic = arabicWindowsText(bytes);
    if (arabic !== null) {
      return { text: arabic, encoding: 'windows-1256', from: 'default', problem: ARABIC_WINDOWS_NOTE };
    }
  }
  return decoded;
}

const ARABIC_WINDOWS_NOTE = 'not valid UTF-8 and no charset named: read as windows-1256 (Arabic Windows)';
// Of the characters beyond ASCII that windows-1256 gives, at least this share must be Arabic letters,
// harakat, Arabic punctuation or digits, and at least MIN_ARABIC_LETTERS of them: UTF-8 read that way
// gives Persian letters and Latin punctuation for half its bytes, other code pages Latin letters.
const ARABIC_SHARE = 0.9;
const MIN_ARABIC_LETTERS = 4;

/** The bytes read as windows-1256, when that reading is Arabic text; null otherwise. */
function arabicWindowsText(bytes: Uint8Array): string | null {
  const text = new TextDecoder('windows-1256').decode(bytes);
  let beyondAscii = 0;
  let arabic = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    beyondAscii++;
    if (
      (code >= 0x060c && code <= 0x0652) ||
      (code >= 0x0660 && code <= 0x0669) ||
      (code >= 0x200c && code <= 0x200f)
    ) {
      arabic++;
    }
  }
  return arabic >= MIN_ARABIC_LETTERS && arabic >= ARABIC_SHARE * beyondAscii ? text : null;
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

// Nearly every document is UTF-8: one decoder serves them all (a call without streaming starts afresh).
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeAs(
  bytes: Uint8Array,
  encoding: string,
  from: Decoded['from'],
  problem: string | null,
): Decoded {
  try {
    // `ignoreBOM` keeps a UTF-8 BOM in the text, where the parser treats it as the invisible character
    // it is; the other encodings' marks are dropped.
    const decoder =
      encoding === 'utf-8' ? STRICT_UTF8 : new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
    const text = decoder.decode(bytes);
    return { text, encoding, from, problem };
  } catch {
    const text = new TextDecoder(encoding, { ignoreBOM: encoding === 'utf-8' }).decode(bytes);
    const invalid = `bytes not valid in ${encoding} were replaced`;
    return { text, encoding, from, problem: problem === null ? invalid : `${problem}; ${invalid}` };
  }
}

/** The charset a page declares in its first bytes (`<meta charset>` or `http-equiv` content type). */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
  return META_CHARSET.exec(head)?.[1] ?? null;
}

/** Whether the bytes hold multi-byte UTF-8 sequences and nothing that is not valid UTF-8. */
function isMultibyteUtf8(bytes: Uint8Array): boolean {
  let multibyte = false;
  for (let index = 0; index < bytes.length; index++) {
    if ((bytes[index] as number) >= 0x80) {
      multibyte = true;
      break;
    }
  }
  if (!multibyte) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
