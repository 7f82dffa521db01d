// Readers of XML and HTML for tests that check what a feed reader or a browser makes of our output.
import { parseFragment, defaultTreeAdapter as tree } from 'parse5';
import sax from 'sax';

/** An element of a parsed XML document. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded (CDATA sections included). */
  text: string;
}

/** Parses with sax in strict mode, so any well-formedness error (an unescaped `&` or `<`) throws. */
export function parseXml(source: string): XmlElement {
  const parser = sax.parser(true, {});
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let failure: Error | null = null;
  parser.onerror = (error) => {
    failure ??= error;
    parser.resume();
  };
  parser.onopentag = (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: Object.fromEntries(
        Object.entries(tag.attributes).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : value.value,
        ]),
      ),
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(element);
    stack.push(element);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  const addText = (text: string) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  parser.write(source).close();
  if (failure) throw failure;
  const [element] = root.children;
  if (!element || root.children.length !== 1) throw new Error('an XML document has exactly one root element');
  return element;
}

/** The children of `element` named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The text of the first child named `name`, or undefined. */
export function childText(element: XmlElement, name: string): string | undefined {
  return childrenNamed(element, name)[0]?.text;
}

/**
 * What a browser makes of `html` in a page's body, parsed as HTML5 says: the names of the nodes that are
 * not text (elements, comments) and the text, entities decoded.
 */
export function readAsHtml(html: string): { nodes: string[]; text: string } {
  const nodes: string[] = [];
  let text = '';
  const walk = (parent: Parameters<typeof tree.getChildNodes>[0]) => {
    for (const node of tree.getChildNodes(parent)) {
      if (tree.isTextNode(node)) text += tree.getTextNodeContent(node);
      else {
        nodes.push(node.nodeName);
        if ('childNodes' in node) walk(node);
      }
    }
  };
  walk(parseFragment(html));
  return { nodes, text };
}
