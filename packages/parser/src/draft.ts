import type { ProvenanceField, ReadAlso, RelatedArticle, Span, Warning } from '@khabar/schema';
import type { Line } from './lines.ts';

/** An appended article while it is being read. */
export interface RelatedDraft {
  article: RelatedArticle;
  span: Span;
}

/** The fields found so far, with the input spans each came from and the warnings given. */
export class Draft {
  title = '';
  publishedAt: string | null = null;
  byline: string | null = null;
  dateline: string | null = null;
  readonly body: string[] = [];
  readonly readAlso: ReadAlso[] = [];
  agency: string | null = null;
  publisher: string | null = null;
  /** Keywords lines and where their tags start: segmented once the whole body is known. */
  readonly keywords: { line: Line; start: number }[] = [];
  /** Tags a page names in its metadata: used when no keywords line is found. */
  pageTags: string[] = [];
  readonly related: RelatedDraft[] = [];
  readonly warnings: Warning[] = [];
  readonly spans: Partial<Record<ProvenanceField, Span[]>> = {};

  /** Records where a field's value came from. */
  span(field: ProvenanceField, span: Span): void {
    const list = this.spans[field];
    if (list) list.push(span);
    else this.spans[field] = [span];
  }
}
