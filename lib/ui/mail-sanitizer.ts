import DOMPurify from 'dompurify';
import { sanitizeDeclarations, sanitizeStyleSheet, type CssPolicy } from './mail-css';
import { t } from './i18n';
import { describeDestination, type LinkDestination } from './link-destination';
import { absoluteRemoteUrl, classifyUrl, normaliseUrl } from './mail-url';

/**
 * Turns an untrusted HTML e-mail into markup that is safe to show in the reader's sandboxed frame.
 * Two passes: DOMPurify removes everything that can run script; then our own pass enforces the network and
 * navigation rules (no request unless the person allowed remote content, no form, links open a new tab).
 * Needs a DOM (extension pages, jsdom in tests), never the service worker.
 */
export interface SanitizeOptions {
  /** The person asked to load this message's remote content: http(s) images and CSS backgrounds may load. */
  allowRemote: boolean;
}

export interface SanitizedMail {
  html: string;
  /** Remote images (and CSS backgrounds) removed that "load remote content" would bring back. */
  blockedRemote: number;
  /** Links kept (http, https, mailto). */
  links: number;
  /** Hidden or 1x1 remote images (open trackers) removed, even when remote content is allowed. */
  trackingPixels: number;
  /**
   * One destination line per link, as markup to place after the mail (see `buildMailDocument`): each is a
   * hint popover the link shows on hover and keyboard focus (`interestfor`), drawn in the top layer where
   * the mail's own markup and styles cannot reach it.
   */
  destinations: string;
}

/**
 * Elements that are removed whatever DOMPurify's defaults say: active content, frames, forms and their
 * controls, document-level elements (base, meta refresh, link preloads), media that streams from a host,
 * and SVG elements that fetch or animate attributes into URLs.
 */
const FORBIDDEN_TAGS = [
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'fencedframe',
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'datalist',
  'textarea',
  'keygen',
  'base',
  'meta',
  'link',
  'video',
  'audio',
  'source',
  'track',
  'bgsound',
  'use',
  'animate',
  'animatemotion',
  'animatetransform',
  'animatecolor',
  'set',
  'feimage',
  'foreignobject',
  'discard',
];

/** Attributes that name a URL. Only the few uses below survive; every other one is removed. */
const URL_ATTRIBUTES = new Set([
  'href',
  'xlink:href',
  'src',
  'srcset',
  'imagesrcset',
  'background',
  'poster',
  'dynsrc',
  'lowsrc',
  'data',
  'codebase',
  'classid',
  'archive',
  'action',
  'formaction',
  'ping',
  'longdesc',
  'cite',
  'manifest',
  'profile',
  'icon',
  'usemap',
]);

/** Elements whose legacy `background` attribute paints an image. */
const BACKGROUND_ELEMENTS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'div']);

/** Sanitises one e-mail body. See {@link SanitizedMail} for what is counted. */
export function sanitizeMail(html: string, opts: SanitizeOptions): SanitizedMail {
  const result: SanitizedMail = { html: '', blockedRemote: 0, links: 0, trackingPixels: 0, destinations: '' };
  const purifier = DOMPurify(window);
  const fragment = purifier.sanitize(wrapBody(html), {
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: [...FORBIDDEN_ATTRIBUTES],
    RETURN_DOM_FRAGMENT: true,
  });
  const links: LinkContext = { nonce: randomNonce(), lines: [] };
  for (const element of Array.from(fragment.querySelectorAll('*'))) {
    enforceNetworkRules(element, opts, result, links);
  }
  const doc = fragment.ownerDocument;
  const container = doc.createElement('div');
  container.append(fragment);
  result.html = container.innerHTML;
  const lines = doc.createElement('div');
  lines.append(...links.lines.map(({ id, destination }) => destinationLine(doc, id, destination)));
  result.destinations = lines.innerHTML;
  return result;
}

/**
 * Attributes removed whatever DOMPurify allows: targets and form/ping URLs, and everything that would let the
 * mail open, target or restyle a popover (the destination lines are ours alone).
 */
const FORBIDDEN_ATTRIBUTES = [
  'target',
  'formaction',
  'action',
  'ping',
  'srcset',
  'imagesrcset',
  'popover',
  'popovertarget',
  'popovertargetaction',
  'interestfor',
  'commandfor',
  'command',
  'anchor',
];

/** The links of one message and the id prefix of their destination lines (unguessable by the mail). */
interface LinkContext {
  nonce: string;
  lines: { id: string; destination: LinkDestination }[];
}

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** The class of destination lines; the frame's first cascade layer styles it (see mail-document.ts). */
export const DESTINATION_CLASS = 'mayfly-destination';

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One destination line: where the link opens, and what it may hide. Text only, built with the DOM. */
function destinationLine(doc: Document, id: string, destination: LinkDestination): HTMLElement {
  const line = doc.createElement('div');
  line.id = id;
  line.className = DESTINATION_CLASS;
  line.setAttribute('popover', 'hint');
  line.setAttribute('dir', document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr');
  const row = (label: string, value: string | null, kind: string) => {
    const part = doc.createElement('div');
    part.className = `${DESTINATION_CLASS}__${kind}`;
    part.append(label);
    if (value !== null) {
      const address = doc.createElement('bdi');
      address.setAttribute('dir', 'ltr');
      address.textContent = value;
      part.append(' ', address);
    }
    line.append(part);
  };
  const shown = destination.href.replace(/^mailto:/i, '');
  row(t('readerLinkOpens'), shown, 'opens');
  if (destination.hiddenUserinfo) row(t('readerLinkUserinfo'), destination.hiddenUserinfo.host, 'warning');
  if (destination.internationalHost) {
    const { unicode, ascii } = destination.internationalHost;
    row(t('readerLinkInternational'), `${unicode} = ${ascii}`, 'warning');
  }
  if (destination.saysItLeadsTo) row(t('readerLinkSaysLeadsTo'), destination.saysItLeadsTo, 'info');
  return line;
}

/**
 * Mail is often a whole document: its `<style>` sits in `<head>` and its colours on `<body>`, both of which
 * a body-only sanitiser would drop. Carry them into one wrapper element that DOMPurify then checks.
 */
function wrapBody(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const wrapper = doc.createElement('div');
  wrapper.className = 'mayfly-mail-body';
  const bodyStyle = doc.body.getAttribute('style') ?? '';
  const bodyColour = doc.body.getAttribute('bgcolor') ?? '';
  const colourStyle = /^#?[a-z0-9]{1,20}$/i.test(bodyColour) ? `background-color: ${bodyColour};` : '';
  if (bodyStyle || colourStyle) wrapper.setAttribute('style', `${colourStyle}${bodyStyle}`);
  wrapper.append(...Array.from(doc.head.querySelectorAll('style')), ...Array.from(doc.body.childNodes));
  // A customised-built-in marker means nothing without scripts, and DOMPurify drops the whole element (text
  // included) when it meets one in DOM-returning mode, so `<b is="x">bar</b>` would vanish. The parser keeps
  // the marker even after the attribute is removed (and serialises it again), so swap in a plain element.
  for (const marked of Array.from(wrapper.querySelectorAll('[is]'))) {
    const plain = doc.createElementNS(marked.namespaceURI, marked.localName);
    for (const attribute of Array.from(marked.attributes)) {
      if (attribute.name === 'is') continue;
      try {
        plain.setAttributeNS(attribute.namespaceURI, attribute.name, attribute.value);
      } catch {
        // A name the parser accepts but setAttribute refuses (`onload.`) is dropped: losing it is safe.
      }
    }
    plain.append(...Array.from(marked.childNodes));
    marked.replaceWith(plain);
  }
  return wrapper.outerHTML;
}

function enforceNetworkRules(
  element: Element,
  opts: SanitizeOptions,
  result: SanitizedMail,
  links: LinkContext,
): void {
  const policy: CssPolicy = { allowRemote: opts.allowRemote };
  const tag = element.localName.toLowerCase();
  if (tag === 'style') {
    const sheet = sanitizeStyleSheet(element.textContent ?? '', policy);
    element.textContent = sheet.css;
    result.blockedRemote += sheet.blockedRemote;
  }
  const style = element.getAttribute('style');
  if (style !== null) {
    const declarations = sanitizeDeclarations(style, policy);
    result.blockedRemote += declarations.blockedRemote;
    if (declarations.css) element.setAttribute('style', declarations.css);
    else element.removeAttribute('style');
  }
  for (const attribute of Array.from(element.attributes)) {
    const name = attribute.name.toLowerCase();
    if (URL_ATTRIBUTES.has(name)) enforceUrlAttribute(element, tag, attribute, opts, result);
    else if (name !== 'style' && fetchesInPresentationAttribute(name, attribute.value))
      element.removeAttributeNode(attribute);
  }
  if (tag === 'a' || tag === 'area') finishLink(element, result, links);
}

function enforceUrlAttribute(
  element: Element,
  tag: string,
  attribute: Attr,
  opts: SanitizeOptions,
  result: SanitizedMail,
): void {
  const name = attribute.name.toLowerCase();
  const value = attribute.value;
  const isHref = name === 'href' || name === 'xlink:href';
  if (isHref && (tag === 'a' || tag === 'area')) return; // finishLink decides
  const paintsImage =
    (tag === 'img' && name === 'src') ||
    (tag === 'image' && isHref) ||
    (name === 'background' && BACKGROUND_ELEMENTS.has(tag));
  if (name === 'usemap' && classifyUrl(value) === 'fragment') return;
  if (!paintsImage) {
    element.removeAttributeNode(attribute);
    return;
  }
  const kind = classifyUrl(value);
  if (kind === 'data-image') return;
  const remote = kind === 'remote' ? absoluteRemoteUrl(value) : null;
  if (remote !== null && opts.allowRemote && !isTrackingPixel(element)) {
    attribute.value = remote;
    element.setAttribute('referrerpolicy', 'no-referrer');
    return;
  }
  element.removeAttributeNode(attribute);
  if (remote === null) return;
  if (tag === 'img' && isTrackingPixel(element)) {
    result.trackingPixels++;
    element.remove();
  } else if (!opts.allowRemote) {
    result.blockedRemote++;
  }
}

/**
 * Links keep http(s) and mailto destinations only, exactly as written (a verification link's token and its
 * own redirect parameter must reach the service untouched), open in a new tab without a window reference,
 * and say where they really go: a title of their own (titles inside the link, which would win, are removed)
 * and a destination line on hover and keyboard focus.
 */
function finishLink(element: Element, result: SanitizedMail, links: LinkContext): void {
  const raw = element.getAttribute('href') ?? element.getAttribute('xlink:href');
  element.removeAttribute('xlink:href');
  element.removeAttribute('target');
  element.removeAttribute('rel');
  element.removeAttribute('title');
  for (const inner of Array.from(element.querySelectorAll('[title]'))) inner.removeAttribute('title');
  for (const inner of Array.from(element.querySelectorAll('title'))) inner.remove();
  const kind = raw === null ? null : classifyUrl(raw);
  let destination: string | null = null;
  if (raw !== null && kind === 'remote') {
    destination = absoluteRemoteUrl(raw);
  } else if (raw !== null && kind === 'mailto') {
    destination = normaliseUrl(raw);
  }
  const described = destination === null ? null : describeDestination(destination);
  if (destination === null || described === null) {
    element.removeAttribute('href');
    return;
  }
  element.setAttribute('href', destination);
  element.setAttribute('target', '_blank');
  element.setAttribute('rel', 'noopener noreferrer');
  const shown = destination.replace(/^mailto:/i, '');
  if (element.namespaceURI === SVG_NAMESPACE) {
    // An SVG link's tooltip is its first <title> child, not a title attribute.
    const title = element.ownerDocument.createElementNS(SVG_NAMESPACE, 'title');
    title.textContent = shown;
    element.prepend(title);
  } else {
    element.setAttribute('title', shown);
  }
  const id = `mayfly-${links.nonce}-${links.lines.length}`;
  element.setAttribute('interestfor', id);
  links.lines.push({ id, destination: described });
  result.links++;
}

/**
 * SVG presentation attributes (fill, stroke, mask, filter, clip-path, marker-*, cursor) take CSS values, so
 * `fill="url(https://...)"` fetches. Only references to an element of the mail itself (`url(#id)`) stay. The
 * value is read the way the browser will read it: through its CSS parser (as `style` is), so escapes such as
 * `u\72l(` are decoded before the check; the raw text and a plain unescape are checked too.
 */
function fetchesInPresentationAttribute(name: string, value: string): boolean {
  return [value, cssUnescape(value), parsedPresentationValue(name, value)].some(fetchesInCssValue);
}

function fetchesInCssValue(value: string): boolean {
  if (!FETCHING_IN_VALUE.test(value)) return false;
  const withoutLocalReferences = value.replace(/url\(\s*(['"]?)#[\w-]+\1\s*\)/gi, '');
  return FETCHING_IN_VALUE.test(withoutLocalReferences);
}

const FETCHING_IN_VALUE = /url\s*\(|image-set|image\s*\(|expression|src\s*\(/i;

/** The value as the CSS parser reads it for property `name`, or '' when `name` is not a CSS property. */
function parsedPresentationValue(name: string, value: string): string {
  if (!/^[a-z-]+$/i.test(name)) return '';
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`x{${name}:${value.replace(/[{}]/g, '')}}`);
    const rule = sheet.cssRules[0] as CSSStyleRule | undefined;
    return rule?.style?.getPropertyValue(name) ?? '';
  } catch {
    return '';
  }
}

/** CSS escapes decoded (`\72` and `\r` are both `r`), for the raw-text check. */
function cssUnescape(value: string): string {
  return value.replace(
    /\\(?:([0-9a-f]{1,6})\s?|([^\n]))/gi,
    (_, hex: string | undefined, char: string | undefined) => {
      if (hex === undefined) return char ?? '';
      const code = parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    },
  );
}

/** A remote image drawn at 1x1 or hidden exists only to report that the mail was opened. */
function isTrackingPixel(element: Element): boolean {
  const style = (element.getAttribute('style') ?? '').toLowerCase();
  if (/(?:^|;)\s*display\s*:\s*none/.test(style) || /(?:^|;)\s*visibility\s*:\s*hidden/.test(style))
    return true;
  const width = dimension(element.getAttribute('width'), style, 'width');
  const height = dimension(element.getAttribute('height'), style, 'height');
  if (width === 0 || height === 0) return true;
  return width !== null && height !== null && width <= 1 && height <= 1;
}

function dimension(attribute: string | null, style: string, property: 'width' | 'height'): number | null {
  const fromStyle = new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([0-9.]+)px`).exec(style)?.[1];
  const text = fromStyle ?? attribute?.trim().replace(/px$/i, '');
  if (text === undefined || !/^[0-9.]+$/.test(text)) return null;
  return Number(text);
}
