import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { preactWithoutInnerHtml } from './build/preact-without-inner-html';
import { dompurifyWithoutParseFallback } from './build/dompurify-without-parse-fallback';
import { popupClassicScript } from './build/popup-classic-script';
import { vocabularyLiterals } from './build/vocabulary-literals';
import { LOCALES, toMessagesJson } from './lib/i18n/catalog';
import { loadStringTable } from './lib/i18n/load-node';

// Host permissions are the defaults of the two public providers only. Self-hosted servers and custom base
// URLs are asked for at run time (optional_host_permissions), from a click in Options. No content script
// is declared: scripts are injected on demand (activeTab + scripting) or registered per enabled site.
// Real-browser tests build a variant that may also reach the local Temp Mail server on 127.0.0.1 (any port):
// a headless browser cannot click the permission prompt Options raises for a custom origin. Nothing else
// differs, and the variant goes to its own folder so it is never mistaken for the shipped build.
const E2E = process.env.MAYFLY_E2E === '1';

/** WXT plugins the resolved config names (none today), read once WXT is ready: popup.html would not start them. */
let wxtPlugins: readonly string[] = [];

export default defineConfig({
  ...(E2E ? { outDir: '.output-e2e' } : {}),
  // No auto-imported globals: every module names what it uses.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  // `npm run zip`: mayfly-<version>-chrome.zip, mayfly-<version>-firefox.zip and, for Mozilla's reviewers,
  // mayfly-<version>-sources.zip, all under .output/ with the version from package.json. The sources archive
  // holds what the build reads (no tests, benchmarks or store assets) plus the reviewer's instructions.
  zip: {
    artifactTemplate: '{{name}}-{{packageVersion}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{packageVersion}}-sources.zip',
    excludeSources: [
      'test/**',
      'bench/**',
      'store/**',
      'demo-output/**',
      'bench-output/**',
      'test-output/**',
      'screenshots-output/**',
      'web-ext-artifacts/**',
      '.output-e2e/**',
      '*.log',
    ],
  },
  vite: (env) => ({
    plugins: [
      preact(),
      preactWithoutInnerHtml(),
      dompurifyWithoutParseFallback(),
      vocabularyLiterals(),
      popupClassicScript({ wxtPlugins: () => wxtPlugins }),
    ],
    build: {
      // Chrome and Firefox ESR preload modules natively; Vite's polyfill for it would be a script of its own
      // in popup.html, whose code is one classic script (entrypoints/popup-app.tsx).
      modulePreload: { polyfill: false },
      // WXT wraps every script in a try/catch that reports a crash through its logger, which prints nothing
      // in production builds; marking the call pure lets the bundler drop the logger (about 75 B gzip in each
      // content script that goes into pages). Development builds keep the report.
      ...(env.mode === 'production'
        ? { rolldownOptions: { treeshake: { manualPureFunctions: ['logger.error'] } } }
        : {}),
    },
  }),
  hooks: {
    ready: (wxt) => {
      wxtPlugins = wxt.config.plugins;
    },
    // _locales/<lang>/messages.json are generated from lib/i18n/strings, where every language of a string
    // sits side by side. privacy/<lang>.md is the privacy policy the privacy page shows: PRIVACY.md, or its
    // translation in lib/i18n/privacy (a unit test keeps every language there).
    'build:publicAssets': (wxt, files) => {
      const table = loadStringTable();
      for (const locale of LOCALES) {
        files.push({
          relativeDest: `_locales/${locale}/messages.json`,
          contents: JSON.stringify(toMessagesJson(table, locale), null, 1),
        });
        const policy = resolve(
          wxt.config.root,
          locale === 'en' ? 'PRIVACY.md' : `lib/i18n/privacy/${locale}.md`,
        );
        if (existsSync(policy)) files.push({ relativeDest: `privacy/${locale}.md`, absoluteSrc: policy });
      }
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'alarms',
      'notifications',
      'contextMenus',
      'activeTab',
      'scripting',
      'downloads',
      // Mail is kept locally (TempMail.lol hands each message out once); the 10 MB default must not be
      // what decides whether a fetched message survives.
      'unlimitedStorage',
      // "Copy code" on a notification: Chrome copies in an offscreen document (execCommand needs
      // clipboardWrite without a user gesture), Firefox's background page writes the clipboard itself.
      'clipboardWrite',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Firefox MV2 has no optional_host_permissions: origins asked for at run time (a self-hosted server, a
    // site's in-field button) are declared as optional permissions there.
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*', 'http://*/*'] } : {}),
    host_permissions: [
      'https://v1.tempmailg.com/*',
      'https://api.tempmail.lol/*',
      // Mail.tm and Mail.gw: the API, and the Mercure hub that announces new mail while a mailbox is hot.
      'https://api.mail.tm/*',
      'https://mercure.mail.tm/*',
      'https://api.mail.gw/*',
      'https://mercure.mail.gw/*',
      ...(E2E ? ['http://127.0.0.1/*'] : []),
    ],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    commands: {
      'fill-address': {
        suggested_key: { default: 'Alt+Shift+E' },
        description: '__MSG_commandFillAddress__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'mayfly@mayfly.example',
              // 140 (the ESR line) is the first to read data_collection_permissions; scripting's world
              // (isolated-world injection) needs 128.
              strict_min_version: '140.0',
              // Mayfly collects nothing: no telemetry, no analytics.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
