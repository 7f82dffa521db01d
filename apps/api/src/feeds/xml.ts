import { escapeXml } from '@khabar/schema';

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
