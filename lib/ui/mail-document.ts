/**
 * The document the reader's sandboxed frame shows: a strict Content-Security-Policy first (a second wall
 * behind the sanitizer: even markup it missed cannot fetch, submit or rebase), a small base stylesheet, then
 * the sanitized mail. Pure string building, no DOM.
 */

/** The CSP of the mail frame. Remote content, when allowed, means images (and CSS backgrounds) only. */
export function mailFramePolicy(allowRemote: boolean): string {
  const images = allowRemote ? 'data: https: http:' : 'data:';
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src ${images}`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * Readable line length, wrapped long words, and a light sheet of paper whatever the reader's theme:
 * most mail hard-codes dark text on an unset background, which a dark canvas would make unreadable.
 */
const BASE_STYLESHEET = `
:root { color-scheme: light; }
html { background: #fff; color: #1b1b1f; }
body { margin: 0; padding: 16px; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  overflow-wrap: anywhere; }
.mayfly-mail { max-width: 820px; margin: 0 auto; }
img { max-width: 100%; height: auto; }
table { max-width: 100%; }
pre { white-space: pre-wrap; }
a { color: #0b57d0; }
`;

/**
 * The destination lines (`sanitizeMail`'s `destinations`). They are declared in the document's FIRST cascade
 * layer with `!important`: for important declarations the first layer beats every later layer and all
 * unlayered rules, so no rule of the mail can restyle them (the sanitizer keeps no `@layer` of the mail's,
 * and the mail's style attributes sit on its own elements only). `all: initial` stops inheritance from the
 * mail's elements; as hint popovers they are drawn in the top layer, above anything the mail draws and out of
 * reach of its opacity, transforms, clipping and overflow.
 */
const DESTINATION_LAYER = `
@layer mayfly-chrome {
  .mayfly-destination, .mayfly-destination * { all: initial !important; }
  .mayfly-destination:not(:popover-open) { display: none !important; }
  .mayfly-destination:popover-open {
    display: block !important; position: fixed !important; inset-inline: 0 !important; inset-block-end: 0 !important;
    inset-block-start: auto !important; z-index: 2147483647 !important; margin: 0 !important;
    box-sizing: border-box !important; max-height: 40vh !important; overflow: hidden !important;
    padding: 6px 10px !important; background: #1b1b1f !important; color: #fff !important; opacity: 1 !important;
    border: 0 !important; border-top: 2px solid #8ab4f8 !important; pointer-events: none !important;
    visibility: visible !important; transform: none !important; filter: none !important;
    font: 13px/1.4 system-ui, sans-serif !important; overflow-wrap: anywhere !important;
  }
  .mayfly-destination > div { display: block !important; color: #fff !important; font: inherit !important;
    overflow-wrap: anywhere !important; }
  .mayfly-destination bdi { unicode-bidi: isolate !important; direction: ltr !important; font: 13px/1.4 ui-monospace, monospace !important;
    color: #fff !important; }
  .mayfly-destination__warning { color: #ffd479 !important; font-weight: 600 !important; }
  .mayfly-destination__info { color: #c8cbd2 !important; }
  a[interestfor] { interest-delay: 0.1s 0s !important; }
}
`;

/** The srcdoc of the mail frame, for markup that has already been through `sanitizeMail`. */
export function buildMailDocument(sanitizedHtml: string, allowRemote: boolean, destinations = ''): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${mailFramePolicy(allowRemote)}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<base target="_blank">' +
    `<style>${DESTINATION_LAYER}${BASE_STYLESHEET}</style></head>` +
    `<body><div class="mayfly-mail" dir="auto">${sanitizedHtml}</div>${destinations}</body></html>`
  );
}
