// The XML reader the tests share lives in @khabar/devkit, beside the HTML one.
export { childrenNamed, childText, parseXml, type XmlElement } from '@khabar/devkit';
