import { readDateLine } from './date-line.ts';
import type { Draft, RelatedDraft } from './draft.ts';
import type { LineKind } from './line-kind.ts';
import type { Line } from './lines.ts';
import type { ParseOptions } from './options.ts';
import { countWords, endsSentence } from './text-shape.ts';
import { warning } from './warnings.ts';

// A title is a short line that does not end a sentence; a line that ends one, or a long one, is text.
const MAX_TITLE_WORDS = 25;

/** Whether a line of an appended block reads as an article title rather than a paragraph. */
export function isTitleLike(text: string): boolean {
  return !endsSentence(text) && countWords(text) <= MAX_TITLE_WORDS;
}

/**
 * Reads the appended articles after the footer: block markers (`إقرأ أيضاً:`), then for each article a
 * title line, maybe a date line, and its paragraphs. The marker may repeat before each article.
 */
export class RelatedReader {
  private readonly draft: Draft;
  private readonly referenceTime: Date | undefined;
  private current: RelatedDraft | null = null;
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
        this.pendingMarker = line;
        this.current = null;
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
    if (current === null || (current.article.body.length > 0 && isTitleLike(line.text))) {
      this.start(line, line.text);
    } else if (
      current.article.body.length === 0 &&
      current.article.publishedAt === null &&
      this.readDate(line)
    ) {
      current.span.end = line.end;
    } else {
      current.article.body.push(line.text);
      current.span.end = line.end;
    }
    return index;
  }

  /** Warns about a last marker that no article followed. */
  finish(): void {
    this.closeMarker();
  }

  private start(line: Line, title: string): void {
    const start = this.pendingMarker === null ? line.start : this.pendingMarker.start;
    this.pendingMarker = null;
    this.current = { article: { title, publishedAt: null, body: [] }, span: { start, end: line.end } };
    this.draft.related.push(this.current);
  }

  private readDate(line: Line): boolean {
    const current = this.current as RelatedDraft;
    const found = readDateLine(line.text, this.referenceTime);
    if (found === null) return false;
    if (found.iso !== null) current.article.publishedAt = found.iso;
    else this.draft.warnings.push(warning(found.relative ? 'date_relative' : 'date_unreadable', line.number));
    return true;
  }

  private closeMarker(): void {
    if (this.pendingMarker !== null) {
      this.draft.warnings.push(warning('read_also_without_headline', this.pendingMarker.number));
      this.pendingMarker = null;
    }
  }
}
