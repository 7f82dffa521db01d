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

/** Text safe in XML content and in quoted attribute values: markup escaped, forbidden characters dropped. */
export function escapeXml(text: string): string {
  return text.replace(notXmlChar, '').replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

/** `<name attr="…">text</name>` with the text and attribute values escaped. */
export function element(name: string, text: string, attributes: Record<string, string> = {}): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  return `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text written as HTML that shows exactly that text: for RSS elements that readers render as HTML. It
 * is XML-escaped after this, so a reader that decodes the XML gets `&lt;script&gt;`, never `<script>`.
 */
export function htmlText(text: string): string {
  return text.replace(/[&<>]/g, (char) => htmlEntities[char] ?? char);
}
