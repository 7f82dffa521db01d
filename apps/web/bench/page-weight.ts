// What an article page costs before fonts: its HTML (the CSS is inlined into it) and any script.
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  htmlBytes: number;
  gzipBytes: number;
  /** Bytes of the inlined `<style>` blocks, part of `htmlBytes`. */
  cssBytes: number;
  /** Linked stylesheets, which would add requests (none expected). */
  linkedStylesheets: number;
  /** `<script>` elements other than JSON-LD (none expected). */
  scripts: number;
  /** Font files the page preloads, with their sizes. */
  preloadedFonts: { url: string; bytes: number }[];
}

export async function measurePage(url: string): Promise<PageWeight> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const html = body.toString('utf8');
  const styles = Array.from(html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g), (match) => match[1] ?? '');
  const scripts = (html.match(/<script\b[^>]*>/g) ?? []).filter(
    (tag) => !tag.includes('application/ld+json'),
  );
  const preloadedFonts = [];
  for (const match of html.matchAll(/<link rel="preload" href="([^"]+)" as="font"/g)) {
    const fontUrl = new URL(match[1] ?? '', url).href;
    preloadedFonts.push({ url: fontUrl, bytes: (await (await fetch(fontUrl)).arrayBuffer()).byteLength });
  }
  return {
    htmlBytes: body.byteLength,
    gzipBytes: gzipSync(body).byteLength,
    cssBytes: styles.reduce((total, style) => total + Buffer.byteLength(style), 0),
    linkedStylesheets: (html.match(/<link rel="stylesheet"/g) ?? []).length,
    scripts: scripts.length,
    preloadedFonts,
  };
}
