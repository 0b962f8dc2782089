import { effect } from '@preact/signals';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp } from '../../components/OptionsApp';
import { capabilitiesOf } from '../../lib/providers/registry';
import {
  communityDomainsItem,
  mailboxesItem,
  refusedDomainsItem,
  settingsItem,
} from '../../lib/storage/items';
import { mailCountsItem } from '../../lib/storage/mail-store';
import { createRetentionModel } from '../../lib/ui/models/retention-model';
import { t, textDirection, uiLanguage } from '../../lib/ui/i18n';
import { applyDocumentSetup } from '../../lib/ui/models/document-setup';
import { createOptionsModel } from '../../lib/ui/models/options-model';
import { sendToBackground } from '../../lib/ui/models/send';
import '../../lib/ui/theme.css';

const lang = uiLanguage();
const model = createOptionsModel({
  settings: settingsItem,
  refusedDomains: refusedDomainsItem,
  communityDomains: communityDomainsItem,
  send: sendToBackground,
  capabilitiesOf,
  requestOrigins: (origins) => browser.permissions.request({ origins }),
});

const retention = createRetentionModel({
  settings: settingsItem,
  mailboxes: mailboxesItem,
  counts: mailCountsItem,
  send: sendToBackground,
});

/** Saves text as a file through a temporary link: no downloads permission needed for our own data. */
function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

document.title = t('optionsHeading');
applyDocumentSetup(document.documentElement, lang, textDirection(lang));

void Promise.all([model.load(), retention.load()]).then(() => {
  effect(() =>
    applyDocumentSetup(document.documentElement, lang, textDirection(lang), model.saved.value.theme),
  );
  render(
    <OptionsApp model={model} retention={retention} lang={lang} onDownload={downloadText} />,
    document.getElementById('app')!,
  );
});
