import type { Plugin } from 'vite';

/**
 * The module script WXT puts at the top of every HTML page, to start WXT plugins (we configure none); `wxt dev`
 * points it at the dev server.
 */
const WXT_HTML_PLUGINS_SCRIPT =
  /<script(?=[^>]*\btype="module")[^>]*\bsrc="[^"]*virtual:wxt-html-plugins"[^>]*><\/script>\s*/;

/**
 * The popup's code is one classic script (entrypoints/popup-app.tsx), so popup.html keeps no module script.
 * WXT still adds its plugin starter to the page; with no other module script beside it, the bundler would
 * make that starter a chunk of its own, loaded by popup.html and by every other page. This takes it out of
 * popup.html only, and fails the build if WXT plugins are configured, since the popup would not start them.
 */
export function popupClassicScript(options: { wxtPlugins: () => readonly string[] }): Plugin {
  return {
    name: 'mayfly:popup-classic-script',
    // After WXT's own 'pre' HTML transform has added the script, before Vite bundles the page's modules.
    enforce: 'post',
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        if (!ctx.path.endsWith('/popup/index.html')) return html;
        if (options.wxtPlugins().length > 0)
          throw new Error(`popup.html does not start WXT plugins: ${options.wxtPlugins().join(', ')}`);
        if (!WXT_HTML_PLUGINS_SCRIPT.test(html))
          throw new Error(
            "popup.html: WXT's plugin script was not found; check build/popup-classic-script.ts",
          );
        return html.replace(WXT_HTML_PLUGINS_SCRIPT, '');
      },
    },
  };
}
