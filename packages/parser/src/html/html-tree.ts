import { Comment, Document, Element, type ParentNode, ProcessingInstruction, Text } from 'domhandler';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * Builds a domhandler tree from htmlparser2's tokenizer, with the tree rules of htmlparser2's own
 * `Parser` (tags that close others, void elements, `</p>` and `</br>` without an opening, a nested
 * `<form>` ignored, SVG and MathML names), so a page gives the tree `parseDocument` gives it, with the
 * same `startIndex` and `endIndex` on every node. Two things differ, both about deep markup:
 *
 * - The open elements are a stack with their names counted, so finding the element a close tag ends
 *   costs the elements it closes, not the depth of the page: `parseDocument` keeps its stack with
 *   `unshift` and `indexOf`, and broken markup thousands of unclosed tags deep took it seconds.
 * - Like browsers, elements sit at most {@link MAX_TREE_DEPTH} deep: one that would sit deeper is
 *   attached beside its parent, to the deepest ancestor allowed. Text goes into the innermost element
 *   while that is the last thing attached there, else beside it, so it stays in reading order; every
 *   walk over the tree is bounded by the depth, and nothing of the page is dropped.
 */

/** The deepest an element may sit (the document's children are at depth 1; text one below), as in Chromium. */
export const MAX_TREE_DEPTH = 512;

/** A parsed tree and what building it cost. */
export interface HtmlTree {
  document: Document;
  /** Nodes attached higher than their markup put them, beside their parent at {@link MAX_TREE_DEPTH}. */
  flattened: number;
  /** Open elements closed by the tag rules: at most one per element opened, whatever the depth of the page. */
  stackSteps: number;
}

// Opening one of these tags closes the open elements named in its set, innermost first.
const P_CLOSES = new Set(['p']);
const HEADING_CLOSES = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const FORM_CLOSES = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const CLOSED_BY: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((name) => [name, HEADING_CLOSES] as const),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map(
    (name) => [name, FORM_CLOSES] as const,
  ),
  ...['dd', 'dt'].map((name) => [name, new Set(['dd', 'dt'])] as const),
  ...['rt', 'rp'].map((name) => [name, new Set(['rt', 'rp'])] as const),
  ...[
    ...['p', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption'],
    ...['figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'],
  ].map((name) => [name, P_CLOSES] as const),
]);

const VOID = new Set([
  ...['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input'],
  ...['isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr'],
]);

/** What the content of an element is read as: HTML, or SVG and MathML (names keep their case, `/>` closes). */
const Context = { Html: 0, Svg: 1, MathMl: 2 } as const;
type Context = (typeof Context)[keyof typeof Context];

// Elements inside SVG or MathML whose content is HTML again (names in SVG's case).
const INTEGRATION_POINTS = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignObject',
  'desc',
  'title',
]);

const SVG_NAMES: ReadonlyMap<string, string> = new Map(
  [
    ...['altGlyph', 'altGlyphDef', 'altGlyphItem', 'animateColor', 'animateMotion', 'animateTransform'],
    ...['clipPath', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix'],
    ...['feDiffuseLighting', 'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA'],
    ...['feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode'],
    ...['feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting', 'feSpotLight', 'feTile'],
    ...['feTurbulence', 'foreignObject', 'glyphRef', 'linearGradient', 'radialGradient', 'textPath'],
  ].map((name) => [name.toLowerCase(), name]),
);

/** Parses a page into a domhandler tree with source ranges, entities decoded, names lower-cased. */
export function buildHtmlTree(html: string): HtmlTree {
  const builder = new TreeBuilder(html);
  const tokenizer = new Tokenizer({ decodeEntities: true }, builder);
  tokenizer.write(html);
  tokenizer.end();
  return { document: builder.document, flattened: builder.flattened, stackSteps: builder.stackSteps };
}

class TreeBuilder implements TokenizerCallbacks {
  readonly document = new Document([]);
  flattened = 0;
  stackSteps = 0;
  private readonly html: string;

  // The tag rules' view: the names of the open elements, innermost last, and how many of each are open.
  private readonly openNames: string[] = [];
  private readonly openCounts = new Map<string, number>();
  private readonly contexts: Context[] = [Context.Html];
  // The tree's view: the document and the elements made and not yet closed, innermost last. It differs
  // from the names only while a start tag is read, and at the end when the input stops inside a tag.
  private readonly parents: ParentNode[] = [this.document];
  /** The text node that text read next is added to, until a tag or comment comes between. */
  private openText: Text | null = null;

  // Source range of the current event (`end` inclusive), and the start tag being read.
  private start = 0;
  private end = 0;
  private tagStart = 0;
  private tagName = '';
  private attributes: Record<string, string> | null = null;
  private attributeName = '';
  private attributeValue = '';

  constructor(html: string) {
    this.html = html;
  }

  isInForeignContext(): boolean {
    return this.contexts[this.contexts.length - 1] !== Context.Html;
  }

  ontext(start: number, endIndex: number): void {
    this.end = endIndex - 1;
    this.addText(this.html.slice(start, endIndex));
    this.start = endIndex;
  }

  ontextentity(codePoint: number, endIndex: number): void {
    this.end = endIndex - 1;
    this.addText(String.fromCodePoint(codePoint));
    this.start = endIndex;
  }

  onopentagname(start: number, endIndex: number): void {
    this.end = endIndex;
    this.openTag(this.nameAt(start, endIndex));
  }

  onattribname(start: number, endIndex: number): void {
    this.start = start;
    this.attributeName = this.html.slice(start, endIndex).toLowerCase();
  }

  onattribdata(start: number, endIndex: number): void {
    this.attributeValue += this.html.slice(start, endIndex);
  }

  onattribentity(codePoint: number): void {
    this.attributeValue += String.fromCodePoint(codePoint);
  }

  onattribend(_quote: unknown, endIndex: number): void {
    this.end = endIndex;
    // The first of repeated attributes wins.
    if (this.attributes !== null && !Object.hasOwn(this.attributes, this.attributeName)) {
      this.attributes[this.attributeName] = this.attributeValue;
    }
    this.attributeValue = '';
  }

  onopentagend(endIndex: number): void {
    this.end = endIndex;
    this.finishStartTag();
    this.start = endIndex + 1;
  }

  onselfclosingtag(endIndex: number): void {
    // `<br/>` is `<br>` in HTML; only in SVG and MathML does `/>` close the element.
    if (!this.isInForeignContext()) {
      this.onopentagend(endIndex);
      return;
    }
    this.end = endIndex;
    const name = this.tagName;
    this.finishStartTag();
    if (this.innermost() === name) this.closeOpen();
    this.start = endIndex + 1;
  }

  onclosetag(start: number, endIndex: number): void {
    this.end = endIndex;
    const name = this.nameAt(start, endIndex);
    if (VOID.has(name)) {
      // `</br>` is read as `<br>`; other void end tags are ignored.
      if (name === 'br') {
        this.addElement('br', {});
        this.closeElement();
      }
    } else if ((this.openCounts.get(name) ?? 0) > 0) {
      // Whatever is open inside the element is closed with it.
      while (this.innermost() !== name) this.closeOpen();
      this.closeOpen();
    } else if (name === 'p') {
      // A `</p>` without its `<p>` is an empty paragraph.
      this.openTag('p');
      this.finishStartTag();
      if (this.innermost() === 'p') this.closeOpen();
    }
    this.start = endIndex + 1;
  }

  ondeclaration(start: number, endIndex: number): void {
    this.end = endIndex;
    this.addNode(new ProcessingInstruction('!doctype', `!${this.html.slice(start, endIndex)}`));
    this.start = endIndex + 1;
  }

  onprocessinginstruction(start: number, endIndex: number): void {
    // Only XML has processing instructions; in HTML the tokenizer reads `<?…>` as a comment.
    this.end = endIndex;
    const value = this.html.slice(start, endIndex);
    const name = (value.split(/\s|\//, 1)[0] ?? value).toLowerCase();
    this.addNode(new ProcessingInstruction(`?${name}`, `?${value}`));
    this.start = endIndex + 1;
  }

  oncomment(start: number, endIndex: number, endOffset: number): void {
    this.end = endIndex;
    this.addNode(new Comment(this.html.slice(start, endIndex - endOffset)));
    this.start = endIndex + 1;
  }

  oncdata(start: number, endIndex: number, endOffset: number): void {
    this.end = endIndex;
    const value = this.html.slice(start, endIndex - endOffset);
    // CDATA is text inside SVG and MathML, and a comment in HTML.
    if (this.isInForeignContext()) this.addText(value);
    else this.addNode(new Comment(`[CDATA[${value}]]`));
    this.start = endIndex + 1;
  }

  onend(): void {
    // Elements left open end where the input ends.
    this.end = this.start;
    for (let index = this.openNames.length - 1; index >= 0; index--) this.closeElement();
  }

  /** A tag's name as the tag rules know it: lower-cased, in SVG's case inside SVG, `image` as `img` in HTML. */
  private nameAt(start: number, endIndex: number): string {
    const name = this.html.slice(start, endIndex).toLowerCase();
    const context = this.contexts[this.contexts.length - 1];
    if (context === Context.Svg) return SVG_NAMES.get(name) ?? name;
    // The end tag of an SVG element from inside its HTML content (`</foreignObject>`).
    if (this.contexts.length > 1) {
      const svgName = SVG_NAMES.get(name);
      if (svgName !== undefined && (this.openCounts.get(svgName) ?? 0) > 0) return svgName;
    }
    if (context === Context.Html) return name === 'image' ? 'img' : name;
    return name;
  }

  private openTag(name: string): void {
    this.tagStart = this.start;
    this.tagName = name;
    // A form inside a form is ignored, its attributes with it.
    if (name === 'form' && (this.openCounts.get('form') ?? 0) > 0) {
      this.tagName = '';
      return;
    }
    const closes = CLOSED_BY.get(name);
    if (closes !== undefined) {
      while (this.openNames.length > 0 && closes.has(this.innermost() as string)) this.closeOpen();
    }
    if (!VOID.has(name)) {
      this.openNames.push(name);
      this.openCounts.set(name, (this.openCounts.get(name) ?? 0) + 1);
      if (name === 'svg') this.contexts.push(Context.Svg);
      else if (name === 'math') this.contexts.push(Context.MathMl);
      else if (INTEGRATION_POINTS.has(name)) this.contexts.push(Context.Html);
    }
    this.attributes = {};
  }

  /** At the `>` of a start tag: the element is made (a void one closed at once). */
  private finishStartTag(): void {
    this.start = this.tagStart;
    if (this.attributes !== null) {
      this.addElement(this.tagName, this.attributes);
      this.attributes = null;
    }
    if (VOID.has(this.tagName)) this.closeElement();
    this.tagName = '';
  }

  private innermost(): string | undefined {
    return this.openNames[this.openNames.length - 1];
  }

  /** Closes the innermost open element. */
  private closeOpen(): void {
    this.stackSteps++;
    const name = this.openNames.pop() as string;
    this.openCounts.set(name, (this.openCounts.get(name) ?? 1) - 1);
    if (name === 'svg' || name === 'math' || INTEGRATION_POINTS.has(name)) this.contexts.pop();
    this.closeElement();
  }

  private addElement(name: string, attributes: Record<string, string>): void {
    const element = new Element(name, attributes);
    this.addNode(element);
    this.parents.push(element);
  }

  private closeElement(): void {
    this.openText = null;
    const element = this.parents.pop();
    if (element !== undefined) element.endIndex = this.end;
  }

  private addText(data: string): void {
    const text = this.openText;
    if (text !== null) {
      text.data += data;
      text.endIndex = this.end;
      return;
    }
    const node = new Text(data);
    this.addNode(node);
    this.openText = node;
  }

  private addNode(node: Element | Text | Comment | ProcessingInstruction): void {
    const parent = this.parentOfNext(node);
    node.startIndex = this.start;
    node.endIndex = this.end;
    const previous = parent.children[parent.children.length - 1];
    if (previous !== undefined) {
      node.prev = previous;
      previous.next = node;
    }
    parent.children.push(node);
    node.parent = parent;
    this.openText = null;
  }

  /**
   * The innermost open element; past the depth limit, the deepest ancestor allowed, except that text
   * and comments still go into the innermost element when nothing has been attached after it.
   */
  private parentOfNext(node: Element | Text | Comment | ProcessingInstruction): ParentNode {
    const depth = this.parents.length - 1;
    const innermost = this.parents[depth] as ParentNode;
    if (depth < MAX_TREE_DEPTH) return innermost;
    const deepest = this.parents[MAX_TREE_DEPTH - 1] as ParentNode;
    if (!(node instanceof Element) && deepest.children[deepest.children.length - 1] === innermost) {
      return innermost;
    }
    this.flattened++;
    return deepest;
  }
}
