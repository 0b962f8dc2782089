import type { Plugin } from 'vite';
import { replaceExactCode } from './replace-exact';

/**
 * Builds Preact without its `dangerouslySetInnerHTML` support: the one place the renderer assigns
 * `innerHTML` is replaced by an error, so the shipped pages hold no way for a prop to turn a string into
 * markup. Mayfly never passes that prop (eslint refuses it, eslint.config.js), and mail HTML only ever reaches
 * the sandboxed reader frame after DOMPurify. This is a removal, not a disguise: `web-ext lint` stops
 * reporting the assignment because the assignment is gone.
 *
 * The code is matched exactly in Preact's published build (preact 11.2.0, `dist/preact.mjs`); any other
 * Preact fails the build here, to be looked at again, rather than shipping the branch unnoticed.
 */
const ASSIGNMENT = '(t.innerHTML=h.__html)';
const REFUSAL = '(()=>{throw Error("Mayfly: dangerouslySetInnerHTML is not supported")})()';

export function preactWithoutInnerHtml(): Plugin {
  return replaceExactCode({
    name: 'mayfly:preact-without-inner-html',
    file: /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs(\?|$)/,
    find: ASSIGNMENT,
    replace: REFUSAL,
    what: "Preact's dangerouslySetInnerHTML assignment",
    source: 'build/preact-without-inner-html.ts',
  });
}
