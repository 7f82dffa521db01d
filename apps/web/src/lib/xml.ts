const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Whether XML 1.0 allows the code point: tab, newlines, and everything from space on but U+FFFE/U+FFFF. */
function allowedInXml(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d;
  return codePoint !== 0xfffe && codePoint !== 0xffff;
}

/**
 * Escapes text for XML content and attributes, and drops the control characters XML 1.0 forbids
 * (scraped text can carry them), so a feed never becomes malformed.
 */
export function escapeXml(text: string): string {
  let escaped = '';
  for (const character of text) {
    if (!allowedInXml(character.codePointAt(0) ?? 0)) continue;
    escaped += entities[character] ?? character;
  }
  return escaped;
}
