/** Characters XML 1.0 does not allow at all: C0 controls but tab and newlines, lone surrogates, U+FFFE/F. */
const notXmlChar =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters; finding them is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Text safe in XML content and in quoted attribute values, for the API's feeds and the site's sitemap:
 * markup escaped, and the characters XML forbids (scraped text can carry them) dropped, so a document
 * never becomes malformed.
 */
export function escapeXml(text: string): string {
  return text.replace(notXmlChar, '').replace(/[&<>"']/g, (char) => entities[char] ?? char);
}
