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

/** The srcdoc of the mail frame, for markup that has already been through `sanitizeMail`. */
export function buildMailDocument(sanitizedHtml: string, allowRemote: boolean): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${mailFramePolicy(allowRemote)}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<base target="_blank">' +
    `<style>${BASE_STYLESHEET}</style></head>` +
    `<body><div class="mayfly-mail" dir="auto">${sanitizedHtml}</div></body></html>`
  );
}
