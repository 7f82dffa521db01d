import type { RelatedArticle, Span } from '@khabar/schema';
import type { Draft } from './draft.ts';
import { articleId, sha256, slugify } from './identity.ts';
import type { LineKind } from './line-kind.ts';
import type { Line } from './lines.ts';
import type { ParseOptions } from './options.ts';
import { readDateLine } from './published-date-line.ts';
import { countWords, endsSentence } from './text-shape.ts';
import { warning } from './warnings.ts';

// A title is a short line that does not end a sentence; a line that ends one, or a long one, is text.
const MAX_TITLE_WORDS = 25;

/** Whether a line of an appended block reads as an article title rather than a paragraph. */
export function isTitleLike(text: string): boolean {
  return !endsSentence(text) && countWords(text) <= MAX_TITLE_WORDS;
}

/** An appended article while its lines are being read: what its identity and counts are made from. */
interface OpenArticle {
  title: string;
  publishedAt: string | null;
  body: string[];
  span: Span;
}

/**
 * An appended article with what makes it an article of its own: the id and slug its title and date
 * give, the word count of its paragraphs and the SHA-256 of its title and paragraphs, one per line.
 */
export function relatedArticle(title: string, publishedAt: string | null, body: string[]): RelatedArticle {
  const id = articleId(title, publishedAt);
  let wordCount = 0;
  for (const paragraph of body) wordCount += countWords(paragraph);
  return {
    id,
    slug: slugify(title, id),
    title,
    publishedAt,
    body,
    wordCount,
    contentHash: sha256([title, ...body].join('\n')),
  };
}

/**
 * Reads the appended articles after the footer: block markers (`إقرأ أيضاً:`), then for each article a
 * title line, maybe a date line, and its paragraphs. The marker may repeat before each article.
 */
export class RelatedReader {
  private readonly draft: Draft;
  private readonly referenceTime: Date | undefined;
  /** The article being read; it joins the draft, complete, when the next one starts or reading ends. */
  private current: OpenArticle | null = null;
  /** The marker line read last, while no article has started after it. */
  private pendingMarker: Line | null = null;

  constructor(draft: Draft, options: ParseOptions) {
    this.draft = draft;
    this.referenceTime = options.referenceTime;
  }

  /** Reads the line at `index` (and maybe the next); returns the index of the last line it used. */
  read(lines: readonly Line[], kinds: readonly LineKind[], index: number): number {
    const line = lines[index] as Line;
    const kind = kinds[index] as LineKind;
    if (kind.type === 'read_also') {
      if (kind.marker.kind === 'marker') {
        this.closeMarker();
        this.closeArticle();
        this.pendingMarker = line;
        return index;
      }
      const title = line.text.slice(kind.marker.headlineStart);
      if (kinds[index + 1]?.type === 'text') {
        this.start(line, title);
      } else {
        this.draft.readAlso.push({ title, afterParagraph: this.draft.body.length });
        this.draft.span('readAlso', { start: line.start, end: line.end });
      }
      return index;
    }
    if (kind.type !== 'text') {
      this.draft.warnings.push(warning('unexpected_line', line.number));
      return index;
    }
    const current = this.current;
    if (current === null || (current.body.length > 0 && isTitleLike(line.text))) {
      this.start(line, line.text);
    } else if (current.body.length === 0 && current.publishedAt === null && this.readDate(current, line)) {
      current.span.end = line.end;
    } else {
      current.body.push(line.text);
      current.span.end = line.end;
    }
    return index;
  }

  /** Completes the last article and warns about a last marker that no article followed. */
  finish(): void {
    this.closeArticle();
    this.closeMarker();
  }

  private start(line: Line, title: string): void {
    this.closeArticle();
    const start = this.pendingMarker === null ? line.start : this.pendingMarker.start;
    this.pendingMarker = null;
    this.current = { title, publishedAt: null, body: [], span: { start, end: line.end } };
  }

  private readDate(current: OpenArticle, line: Line): boolean {
    const found = readDateLine(line.text, this.referenceTime);
    if (found === null) return false;
    if (found.iso !== null) current.publishedAt = found.iso;
    else this.draft.warnings.push(warning(found.relative ? 'date_relative' : 'date_unreadable', line.number));
    return true;
  }

  private closeArticle(): void {
    const current = this.current;
    if (current === null) return;
    this.current = null;
    this.draft.related.push({
      article: relatedArticle(current.title, current.publishedAt, current.body),
      span: current.span,
    });
  }

  private closeMarker(): void {
    if (this.pendingMarker !== null) {
      this.draft.warnings.push(warning('read_also_without_headline', this.pendingMarker.number));
      this.pendingMarker = null;
    }
  }
}
