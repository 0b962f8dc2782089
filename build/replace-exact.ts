import type { Plugin } from 'vite';

/**
 * A build plugin that replaces one exact piece of code in one published file, and fails the build when that
 * piece is not there exactly once: a new version of the library must be looked at again, not shipped with the
 * branch unnoticed. Used to remove the `innerHTML` assignments third-party code brings (see the two callers).
 */
export function replaceExactCode(options: {
  name: string;
  /** The published file, as its module id ends. */
  file: RegExp;
  find: string;
  replace: string;
  /** What the code is, for the build error ("Preact's dangerouslySetInnerHTML assignment"). */
  what: string;
  /** The file that made this plugin, named in the build error. */
  source: string;
}): Plugin {
  return {
    name: options.name,
    enforce: 'pre',
    transform(code, id) {
      if (!options.file.test(id)) return null;
      const found = code.split(options.find).length - 1;
      if (found !== 1) {
        this.error(
          `expected ${options.what} once in ${id}, found it ${found} times: ` +
            `check ${options.source} against this version`,
        );
      }
      return { code: code.replace(options.find, options.replace), map: null };
    },
  };
}
