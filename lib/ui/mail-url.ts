/**
 * URL rules of the mail reader: what a URL found in an untrusted e-mail is. Pure functions, no DOM.
 */

/** What a URL in a mail would do if the browser followed it. */
export type MailUrlKind =
  /** http(s) or protocol-relative: a request to a host someone else controls. */
  | 'remote'
  /** data:image/<raster>: inline pixels, no request. */
  | 'data-image'
  | 'mailto'
  /** #id: a jump inside the message. */
  | 'fragment'
  /** No scheme: would resolve against the extension page, which is never what the sender meant. */
  | 'relative'
  /** javascript:, vbscript:, data: (non-image), cid:, file:, blob:, ... */
  | 'other';

/** Raster formats a data: URL may carry. SVG is left out on purpose: it is a document, not pixels. */
const RASTER_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp|x-icon|vnd\.microsoft\.icon)[;,]/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Browsers drop ASCII tab/newline anywhere in a URL and trim leading C0 controls and spaces, so
 * `java\tscript:` is still javascript:. Normalise the same way before looking at the scheme.
 */
export function normaliseUrl(raw: string): string {
  const isControlOrSpace = (index: number) => raw.charCodeAt(index) <= 0x20;
  let start = 0;
  let end = raw.length;
  while (start < end && isControlOrSpace(start)) start++;
  while (end > start && isControlOrSpace(end - 1)) end--;
  return raw.slice(start, end).replace(/[\t\n\r]/g, '');
}

/** Classifies a URL taken from an attribute (entities already decoded by the HTML parser). */
export function classifyUrl(raw: string): MailUrlKind {
  const url = normaliseUrl(raw);
  if (url === '') return 'relative';
  // `//host`, `\\host` and `/\host` all mean "another host" to the URL parser.
  if (/^[/\\]{2}/.test(url)) return 'remote';
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return url.startsWith('#') ? 'fragment' : 'relative';
  if (scheme === 'http' || scheme === 'https') return 'remote';
  if (scheme === 'mailto') return 'mailto';
  if (scheme === 'data' && RASTER_DATA_IMAGE.test(url)) return 'data-image';
  return 'other';
}

/** An absolute http(s) URL for a remote reference (`//host/x` becomes `https://host/x`), or null. */
export function absoluteRemoteUrl(raw: string): string | null {
  const url = normaliseUrl(raw).replace(/^[/\\]{2}/, 'https://');
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
