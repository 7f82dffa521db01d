/** What a document is, from its name, its content type and its first bytes. */
export type DocumentKind = 'html' | 'text' | 'json' | 'jsonl' | 'archive';

const BY_EXTENSION: Record<string, DocumentKind> = {
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.txt': 'text',
  '.text': 'text',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.warc': 'archive',
  '.wet': 'archive',
  '.warc.gz': 'archive',
  '.wet.gz': 'archive',
  '.arc.gz': 'archive',
};

const BY_MEDIA_TYPE: Record<string, DocumentKind> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
  'application/json': 'json',
  'application/jsonl': 'jsonl',
  'application/x-ndjson': 'jsonl',
  'application/jsonlines': 'jsonl',
  'application/warc': 'archive',
};

/** The file kinds a name may end with, longest first: what a folder is searched for. */
export const documentExtensions: readonly string[] = Object.keys(BY_EXTENSION).sort(
  (left, right) => right.length - left.length,
);

/** The kind a file name says, or null when its extension is not one Khabar reads. */
export function kindOfName(name: string): DocumentKind | null {
  const lower = name.toLowerCase();
  for (const extension of documentExtensions) {
    if (lower.endsWith(extension)) return BY_EXTENSION[extension] ?? null;
  }
  return null;
}

/** The media type of a `Content-Type` value, lowercased, without parameters ('' when absent). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The kind a content type names, or null when it names none Khabar reads (or none at all). */
export function kindOfMediaType(contentType: string | undefined): DocumentKind | null {
  const type = mediaTypeOf(contentType);
  if (type.endsWith('+json')) return 'json';
  return BY_MEDIA_TYPE[type] ?? null;
}

const HTML_START = /^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|base|link)[\s>/]/i;
const WARC_START = /^WARC\/\d/;

/**
 * The kind the first bytes show: a page starts like HTML (after white space and comments), an archive
 * with `WARC/` or gzip's magic, anything else is a text dump. Plain text never gets here as JSON: JSON
 * is only read when a name or a content type says so.
 */
export function sniffKind(bytes: Uint8Array): DocumentKind {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'archive';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  while (start < bytes.length && isSpace(bytes[start] as number)) start++;
  const first = bytes[start];
  // Markup opens with `<` and an archive with `W`: a text dump shows that in its first byte (unless it is UTF-16).
  if (first !== 0x3c && first !== 0x57 && !isUtf16Bom(bytes)) return 'text';
  // UTF-16 text: its ASCII markup has a zero byte beside every letter; look at the letters alone.
  const head = asciiHead(bytes, start, 1024);
  if (WARC_START.test(head)) return 'archive';
  return HTML_START.test(head) ? 'html' : 'text';
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c;
}

function isUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function asciiHead(bytes: Uint8Array, start: number, length: number): string {
  const utf16 = isUtf16Bom(bytes);
  let text = '';
  const end = Math.min(bytes.length, start + length);
  for (let index = utf16 ? 2 : start; index < end; index++) {
    const byte = bytes[index] as number;
    if (byte === 0 && utf16) continue;
    text += String.fromCharCode(byte);
  }
  return utf16 ? text.trimStart() : text;
}
