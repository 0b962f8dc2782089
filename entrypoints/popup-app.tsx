// First: starts the storage reads while the modules below are evaluated (see the module's comment).
import '../lib/ui/popup-prefetch-start';
import { effect } from '@preact/signals';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PopupApp } from '../components/PopupApp';
import { capabilitiesOf } from '../lib/providers/registry';
import { afterFirstContentfulPaint } from '../lib/ui/after-first-paint';
import { rememberPopupSize, reserveLastPopupSize } from '../lib/ui/popup-window-size';
import { prepareFormatters } from '../lib/ui/format';
import { preparePlurals, t, textDirection, uiLanguage } from '../lib/ui/i18n';
import { createClipboardModel } from '../lib/ui/models/clipboard-model';
import { applyDocumentSetup } from '../lib/ui/models/document-setup';
import { createMailboxFormModel } from '../lib/ui/models/mailbox-form-model';
import { createPageFillModel } from '../lib/ui/models/page-fill-model';
import { createPopupModel } from '../lib/ui/models/popup-model';
import { createReaderModel } from '../lib/ui/models/reader-model';
import { createSiteButtonModel } from '../lib/ui/models/site-button-model';
import { sendToBackground } from '../lib/ui/models/send';
import { popupStorageItems } from '../lib/ui/models/popup-items';

/** Performance mark set when the first render from storage is committed (see bench/popup.ts). */
const INBOX_PAINTED_MARK = 'mayfly:inbox-painted';

/**
 * The toolbar popup, built as one classic script (WXT builds an unlisted script on its own, with every
 * import inlined): the popup opens with one file to fetch instead of a module graph of seven, which measured
 * 10–15 ms sooner to DOMContentLoaded (BENCHMARKS.md). Its first import starts the storage reads, and
 * popup.html inlines the stylesheet, so the page waits for one file.
 */
export default defineUnlistedScript(() => {
  // In the toolbar popup (not a tab), the window opens at its last size instead of growing from 25×25 once the
  // inbox is drawn (lib/ui/popup-window-size.ts). This runs before the load event, when Chrome shows it.
  const inToolbarPopup = browser.extension.getViews({ type: 'popup' }).includes(window);
  const releaseSize = inToolbarPopup
    ? reserveLastPopupSize(document.documentElement, localStorage)
    : () => undefined;
  if (inToolbarPopup) rememberPopupSize(window, localStorage);
  const lang = uiLanguage();
  const send = sendToBackground;
  const popup = createPopupModel({
    items: popupStorageItems,
    send,
    capabilitiesOf,
  });
  const reader = createReaderModel({ send, messages: popup.messages });
  const clipboard = createClipboardModel({ writeText: (text) => navigator.clipboard.writeText(text) });
  const fill = createPageFillModel({ send });
  const siteButton = createSiteButtonModel({
    settings: popup.settings,
    send,
    activeTabUrl: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.url,
    permissions: browser.permissions,
  });
  const createForm = createMailboxFormModel({
    send,
    provider: popup.createProvider,
    capabilities: popup.createCapabilities,
    purpose: 'create',
  });
  const renameForm = createMailboxFormModel({
    send,
    provider: popup.provider,
    capabilities: popup.capabilities,
    purpose: 'rename',
  });

  document.title = t('popupHeading');
  applyDocumentSetup(document.documentElement, lang, textDirection(lang));

  // Storage reads take a few milliseconds: render once they are in, so the first paint already shows the data.
  const loaded = popup.load();
  // Meanwhile the page is idle: load the language data the render's numbers and times need.
  prepareFormatters(lang);
  preparePlurals(lang);
  void loaded.then(() => {
    effect(() =>
      applyDocumentSetup(document.documentElement, lang, textDirection(lang), popup.settings.value.theme),
    );
    render(
      <PopupApp
        popup={popup}
        reader={reader}
        clipboard={clipboard}
        fill={fill}
        siteButton={siteButton}
        createForm={createForm}
        renameForm={renameForm}
        lang={lang}
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
      />,
      document.getElementById('app')!,
    );
    // render() commits synchronously: the inbox from storage is in the DOM now. bench/popup.ts reads this mark.
    performance.mark(INBOX_PAINTED_MARK);
    releaseSize();
    // Polling requests, timers and the active-tab lookup wait until that frame is on screen.
    afterFirstContentfulPaint(() => {
      popup.start();
      void siteButton.load();
    });
  });
});
