import type { Plugin } from 'vite';
import { replaceExactCode } from './replace-exact';

/**
 * Builds DOMPurify without its fallback parser: when `DOMParser` is missing or fails, DOMPurify parses the
 * mail by assigning it to `innerHTML` of an element in a blank XML document. Mayfly's pages always have
 * DOMParser, so the branch never ran; without it, a failed parse now sanitizes to nothing (DOMPurify returns ''
 * when it has no body), which fails closed. Everything else of the sanitizer is as published, and
 * `web-ext lint` stops reporting the assignment because the assignment is gone.
 *
 * The code is matched exactly in DOMPurify's published ES build (3.4.18, `dist/purify.es.mjs`); any other
 * version fails the build here, to be looked at again, rather than shipping the branch unnoticed.
 */
const FALLBACK = 'doc.documentElement.innerHTML = IS_EMPTY_INPUT ? emptyHTML : dirtyPayload;';
const REMOVED = '/* Mayfly: no innerHTML fallback parse; a document DOMParser cannot make sanitizes to "" */';

export function dompurifyWithoutParseFallback(): Plugin {
  return replaceExactCode({
    name: 'mayfly:dompurify-without-parse-fallback',
    file: /[\\/]node_modules[\\/]dompurify[\\/]dist[\\/]purify\.es\.mjs(\?|$)/,
    find: FALLBACK,
    replace: REMOVED,
    what: "DOMPurify's innerHTML parse fallback",
    source: 'build/dompurify-without-parse-fallback.ts',
  });
}
