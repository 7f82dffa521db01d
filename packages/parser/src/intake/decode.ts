/**
 * Bytes to text, with the encoding a browser would pick: a byte order mark first, then the charset
 * the transport names (an HTTP `Content-Type`, also inside a web archive record), then for a page the
 * charset its own markup declares, then UTF-8. Many Arabic sites still serve `windows-1256` or
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
  return decodeAs(bytes, 'utf-8', 'default', problem);
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
