import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setTestLocale } from '../setup-i18n';
import { resetSecretsConnection } from '../../../lib/storage/secrets';
import { resetMailConnection } from '../../../lib/storage/mail-store';

/** Fresh in-memory browser and secrets store for each test. */
export function resetBackgroundWorld(): void {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  resetSecretsConnection();
  resetMailConnection();
  setTestLocale('en');
}
