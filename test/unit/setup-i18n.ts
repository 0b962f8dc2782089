import 'fake-indexeddb/auto';
import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { intlTag, LOCALES, toMessagesJson, type Locale } from '../../lib/i18n/catalog';
import { loadStringTable } from '../../lib/i18n/load-node';

/**
 * fakeBrowser has no i18n: give it chrome.i18n's behaviour over our real string catalog, so tests see the
 * same text (and $1 substitutions) the extension shows. Tests pick a language with `setTestLocale`.
 */
const table = loadStringTable();
/** What the build writes to _locales/<lang>/messages.json, per language. */
const messages = new Map(
  LOCALES.map((l) => [l, toMessagesJson(table, l) as Record<string, { message: string } | undefined>]),
);
let locale: Locale = 'en';

export function setTestLocale(l: Locale): void {
  if (!LOCALES.includes(l)) throw new Error(`unknown locale ${l}`);
  locale = l;
}

/** chrome.i18n.getMessage: the UI language's message, else the default locale's (en), else "". */
function getMessage(key: string, subs?: string | string[]): string {
  const entry = messages.get(locale)?.[key] ?? messages.get('en')?.[key];
  if (!entry) return '';
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  return entry.message.replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
}

function install(): void {
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getMessage = getMessage;
  i18n.getUILanguage = () => intlTag(locale);
}

install();
beforeEach(() => {
  locale = 'en';
  install();
  // Unit files share one module graph per worker (vitest.config.ts): a test that swapped the global
  // `chrome` (the messaging tests do) or an environment's teardown must not leave the next file without
  // the fake one WXT's setup installed.
  if ((globalThis as { chrome?: unknown }).chrome !== fakeBrowser) vi.stubGlobal('chrome', fakeBrowser);
});
