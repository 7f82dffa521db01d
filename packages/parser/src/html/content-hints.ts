import type { Element } from 'domhandler';

/** Elements that never hold article text, dropped with everything inside them. */
const NEVER_TEXT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'map',
  'button',
  'select',
  'input',
  'textarea',
  'option',
  'dialog',
  'nav',
  'aside',
  'footer',
  'head',
  'title',
  'meta',
  'link',
]);

/** ARIA roles of page chrome. */
const CHROME_ROLES = new Set([
  'navigation',
  'menu',
  'menubar',
  'complementary',
  'contentinfo',
  'banner',
  'dialog',
  'alert',
  'alertdialog',
  'search',
  'toolbar',
]);

/** Class or id words of page chrome: menus, sidebars, comments, share bars, lists of other stories, banners. */
const CHROME_HINT =
  /(?:^|[^a-z])(?:ad|ads|adv|advert|advertisement|banner|breadcrumbs?|combx|comments?|community|consent|cookies?|disqus|footer|foot|gdpr|masthead|menu|navbar|nav|newsletter|outbrain|taboola|pager|pagination|popup|modal|promo|related|recommended|remark|replies|rss|shoutbox|sidebar|side-bar|skyscraper|social|sponsored|sponsor|share|sharing|sharebar|subscribe|subscription|supplemental|toolbar|trending|most-?read|most-?popular|popular|widget|signup|login|agegate|overlay|tags|tag-list|keywords|ticker|jump-link)(?:$|[^a-z])/;

/** Class or id words that can redeem a chrome hint (`article-comments` stays out, `main-content` stays in). */
const CONTENT_HINT =
  /(?:^|[^a-z])(?:article|articles|body|content|entry|main|post|story|column|news-?details?)(?:$|[^a-z])/;

/** Class or id words that make a block more likely article text. */
const POSITIVE_WEIGHT =
  /(?:^|[^a-z])(?:article|articlebody|article-body|body|content|entry|hentry|h-entry|main|post|text|blog|story|story-?body|news|details|txt|paragraph|lead|intro|standfirst|summary|description)(?:$|[^a-z])/;

/** Class or id words that make a block less likely article text. */
const NEGATIVE_WEIGHT =
  /(?:^|[^a-z])(?:ad|ads|banner|byline|author|caption|credit|combx|comments?|com|contact|footer|gdpr|hidden|masthead|media|meta|outbrain|promo|related|scroll|share|sharing|shoutbox|sidebar|skyscraper|sponsor|shopping|social|tags|widget|newsletter|subscribe|most-?read|popular|trending|timestamp|date|breadcrumbs?|photo|image|img|gallery|video)(?:$|[^a-z])/;

/** Words of class or id inside the article that mark a box to leave out: share bars, related links, captions. */
const INSIDE_CHROME =
  /(?:^|[^a-z])(?:ad|ads|adv|advert|advertisement|banner|caption|credit|comments?|share|sharing|sharebar|social|related|recommended|read-?more|read-?also|more-?stories|newsletter|subscribe|promo|sponsored|tags|tag-list|keywords|breadcrumbs?|byline|author|authors|toolbar|print|widget|inline-?related|hidden|visually-?hidden|sr-only|screen-?reader|meta|metadata|credits|refs|counters?|dates?|time|timestamp|published|publish-?date|source|label)(?:$|[^a-z])/;

/** The lower-cased class, id and schema.org `itemprop` of an element, with camelCase split so that `relatedNews` reads as `related-news`. */
export function hintOf(element: Element): string {
  const { class: className, id, itemprop } = element.attribs;
  if (className === undefined && id === undefined && itemprop === undefined) return '';
  const joined = `${className ?? ''} ${id ?? ''} ${itemprop ?? ''}`;
  return joined
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/_/g, '-');
}

/** Whether an element is never article text: scripts, controls, navigation, hidden or with a chrome role. */
export function isNeverText(element: Element): boolean {
  if (NEVER_TEXT.has(element.name)) return true;
  if (isHidden(element)) return true;
  const role = element.attribs.role;
  return role !== undefined && CHROME_ROLES.has(role.toLowerCase());
}

/** Whether an element's class or id marks it as chrome (a menu, a sidebar, comments) and nothing marks it as content. */
export function isChromeHinted(element: Element, hint: string): boolean {
  if (hint === '' || element.name === 'body' || element.name === 'html' || element.name === 'a') return false;
  if (element.name === 'article' || element.name === 'main') return false;
  return CHROME_HINT.test(hint) && !CONTENT_HINT.test(hint);
}

/** Whether a block inside the chosen article is chrome by its class or id: a share bar, a related box, a caption. */
export function isInsideChrome(hint: string): boolean {
  return hint !== '' && INSIDE_CHROME.test(hint);
}

/** A bonus or malus from the element's class and id, in Readability's spirit: ±25 for each kind of hint. */
export function hintWeight(hint: string): number {
  if (hint === '') return 0;
  let weight = 0;
  if (POSITIVE_WEIGHT.test(hint)) weight += 25;
  if (NEGATIVE_WEIGHT.test(hint)) weight -= 25;
  return weight;
}

function isHidden(element: Element): boolean {
  const { attribs } = element;
  if (attribs.hidden !== undefined) return true;
  if (attribs['aria-hidden'] === 'true') return true;
  const style = attribs.style;
  if (style === undefined) return false;
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}
