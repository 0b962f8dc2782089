import { StoredMail } from './StoredMail';
import type { RetentionModel } from '../lib/ui/models/retention-model';
import type { ProviderId } from '../lib/core/types';
import { PROVIDER_IDS } from '../lib/core/types';
import { errorDetail, errorText } from '../lib/ui/error-text';
import { formatNumber } from '../lib/ui/format';
import { t } from '../lib/ui/i18n';
import { POLL_LIMITS, type OptionsModel, type OptionsStatus } from '../lib/ui/models/options-model';
import { ActionButton } from './ActionButton';
import { ExpiryFields } from './ExpiryFields';

const PROVIDER_LABEL_KEYS: Record<ProviderId, string> = {
  'tempmail-lol': 'optionsProviderTempmailLol',
  mailtm: 'optionsProviderMailtm',
  mailgw: 'optionsProviderMailgw',
  tempmailg: 'optionsProviderTempmailg',
  selfhosted: 'optionsProviderSelfhosted',
};

const PROVIDER_HINT_KEYS: Record<ProviderId, string> = {
  'tempmail-lol': 'optionsProviderTempmailLolHint',
  mailtm: 'optionsProviderMailtmHint',
  mailgw: 'optionsProviderMailgwHint',
  tempmailg: 'optionsProviderTempmailgHint',
  selfhosted: 'optionsProviderSelfhostedHint',
};

export interface OptionsAppProps {
  /** "Stored mail": usage and retention (its own model: it applies at once, with confirm and undo). */
  retention?: RetentionModel;
  model: OptionsModel;
  lang: string;
  /** Saves text as a file (the export). */
  onDownload: (filename: string, text: string) => void;
}

/** A status line after an action: success in words, or the localized advice for an error. */
function StatusLine({ status, lang }: { status: OptionsStatus | null; lang: string }) {
  if (!status) return <p role="status" aria-live="polite" />;
  if (status.kind === 'app-error') {
    const detail = errorDetail(status.error);
    return (
      <div role="alert" class="notice notice-error">
        <p>{errorText(status.error)}</p>
        {detail && <p class="detail">{detail}</p>}
      </div>
    );
  }
  const text = t(
    status.messageKey,
    status.counts?.map((n) => formatNumber(n, lang)),
  );
  // A working connection's detail is the provider module's English sentence ("3 emails received..."): extra
  // information that has no translation, so only English shows it. Error details are data (an origin).
  const showDetail = status.detail && (status.kind === 'error' || lang === 'en');
  return (
    <div role={status.kind === 'error' ? 'alert' : 'status'} class={`notice notice-${status.kind}`}>
      <p>{text}</p>
      {showDetail && (
        <p class="detail" dir="auto">
          {status.detail}
        </p>
      )}
    </div>
  );
}

/** The options page: provider and its connection, polling, notifications, theme, inline-button sites, transfer. */
export function OptionsApp({ model, retention, lang, onDownload }: OptionsAppProps) {
  const draft = model.draft.value;
  const provider = model.provider.value;
  const capabilities = model.capabilities.value;
  const busy = model.busy.value;

  async function exportNow() {
    const json = await model.exportMailboxes();
    if (json !== undefined)
      onDownload(`mayfly-mailboxes-${new Date().toISOString().slice(0, 10)}.json`, json);
  }

  async function importFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    await model.importMailboxes(await file.text());
    input.value = '';
  }

  function numberField(key: keyof typeof POLL_LIMITS, labelKey: string) {
    const { min, max } = POLL_LIMITS[key];
    return (
      <div class="field">
        <label for={`opt-${key}`}>{t(labelKey)}</label>
        <input
          id={`opt-${key}`}
          type="number"
          min={min}
          max={max}
          value={draft[key]}
          onChange={(e) => model.setNumber(key, e.currentTarget.valueAsNumber)}
        />
      </div>
    );
  }

  /** Enter in the custom-domain fields adds the domain; it must not save the rest of the form. */
  const addCustomDomainOnEnter = (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (busy !== 'custom') void model.addCustomDomain();
  };

  return (
    <div class="options">
      <h1>{t('optionsHeading')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (busy !== 'save') void model.save();
        }}
      >
        <section aria-labelledby="provider-heading">
          <h2 id="provider-heading">{t('optionsProviderHeading')}</h2>
          <fieldset>
            <legend>{t('optionsProviderLegend')}</legend>
            {PROVIDER_IDS.map((id) => (
              <label class="choice" key={id}>
                <input
                  type="radio"
                  name="provider"
                  value={id}
                  checked={provider === id}
                  onChange={() => model.setProvider(id)}
                />
                <span>
                  {t(PROVIDER_LABEL_KEYS[id])}
                  <br />
                  <span class="muted small">{t(PROVIDER_HINT_KEYS[id])}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div class="stack">
            <div class="field">
              <label for="opt-base-url">{t('optionsBaseUrl')}</label>
              <input
                id="opt-base-url"
                type="url"
                dir="ltr"
                value={model.baseUrl.value}
                placeholder={provider === 'selfhosted' ? 'https://example.org/api.php' : undefined}
                aria-describedby="opt-base-url-hint"
                onChange={(e) => model.setBaseUrl(e.currentTarget.value)}
              />
              <p id="opt-base-url-hint" class="muted small">
                {provider === 'selfhosted' ? t('optionsBaseUrlSelfhostedHint') : t('optionsBaseUrlHint')}
              </p>
              {model.urlNote.value && (
                <p class="small" role="status" data-url-note dir="auto">
                  {t('optionsBaseUrlNormalized', [model.urlNote.value.typed, model.urlNote.value.used])}
                </p>
              )}
            </div>
            {capabilities.apiKey !== 'none' && (
              <div class="field">
                <label for="opt-api-key">{t('optionsApiKey')}</label>
                <input
                  id="opt-api-key"
                  type="password"
                  dir="ltr"
                  autocomplete="off"
                  value={model.apiKeyInput.value}
                  aria-describedby="opt-api-key-hint"
                  onInput={(e) => (model.apiKeyInput.value = e.currentTarget.value)}
                />
                <p id="opt-api-key-hint" class="muted small">
                  {model.keyForOtherAddress.value !== null ? (
                    <>
                      {t('optionsKeyOtherAddress')} <bdi dir="ltr">{model.keyForOtherAddress.value}</bdi>
                    </>
                  ) : model.keySaved.value[provider] ? (
                    t('optionsKeySaved')
                  ) : (
                    t('optionsKeyNotSaved')
                  )}
                </p>
                {model.keyForOtherAddress.value !== null && !model.apiKeyInput.value.trim() && (
                  <label class="choice">
                    <input
                      type="checkbox"
                      checked={model.useSavedKeyHere.value}
                      onChange={(e) => (model.useSavedKeyHere.value = e.currentTarget.checked)}
                    />
                    <span>{t('optionsUseSavedKeyHere')}</span>
                  </label>
                )}
              </div>
            )}
            {provider === 'tempmail-lol' && (
              <fieldset>
                <legend>{t('optionsApiVersion')}</legend>
                {(['v2', 'v1'] as const).map((v) => (
                  <label class="choice" key={v}>
                    <input
                      type="radio"
                      name="tempmail-lol-api"
                      checked={draft.tempmailLolApi === v}
                      onChange={() => model.update({ tempmailLolApi: v })}
                    />
                    <span>{v === 'v2' ? t('optionsApiV2') : t('optionsApiV1')}</span>
                  </label>
                ))}
              </fieldset>
            )}
            <div class="row">
              <ActionButton busy={busy === 'test'} onClick={() => void model.testConnection()}>
                {busy === 'test' ? t('optionsTesting') : t('optionsTestConnection')}
              </ActionButton>
            </div>
            <StatusLine status={model.connectionStatus.value} lang={lang} />
            {model.webhookNote.value && (
              <p class="notice" role="note" data-webhook-note>
                {t('optionsLolWebhookNote')}
              </p>
            )}
          </div>
        </section>

        {provider === 'tempmail-lol' && (
          <section aria-labelledby="custom-domain-heading" data-custom-domain>
            <h2 id="custom-domain-heading">{t('optionsCustomDomainHeading')}</h2>
            <p id="opt-custom-domain-help" class="muted small">
              {t('optionsCustomDomainHelp')}
            </p>
            <div class="field">
              <label for="opt-custom-domain">{t('optionsCustomDomain')}</label>
              <input
                id="opt-custom-domain"
                onKeyDown={addCustomDomainOnEnter}
                type="text"
                dir="ltr"
                autocomplete="off"
                spellcheck={false}
                aria-describedby="opt-custom-domain-help"
                value={model.customDomainInput.value}
                onInput={(e) => (model.customDomainInput.value = e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="opt-custom-password">{t('optionsCustomDomainPassword')}</label>
              <input
                id="opt-custom-password"
                onKeyDown={addCustomDomainOnEnter}
                type="password"
                dir="ltr"
                autocomplete="off"
                value={model.customPasswordInput.value}
                onInput={(e) => (model.customPasswordInput.value = e.currentTarget.value)}
              />
            </div>
            <div class="row">
              <ActionButton busy={busy === 'custom'} onClick={() => void model.addCustomDomain()}>
                {t('optionsCustomDomainAdd')}
              </ActionButton>
            </div>
            <StatusLine status={model.customDomainStatus.value} lang={lang} />
          </section>
        )}

        <section aria-labelledby="polling-heading">
          <h2 id="polling-heading">{t('optionsPollingHeading')}</h2>
          <div class="grid-3">
            {numberField('idlePollSeconds', 'optionsIdlePoll')}
            {numberField('hotPollSeconds', 'optionsHotPoll')}
            {numberField('hotMinutes', 'optionsHotMinutes')}
          </div>
          <label class="choice">
            <input
              type="checkbox"
              checked={draft.notifications}
              onChange={(e) => model.update({ notifications: e.currentTarget.checked })}
            />
            <span>{t('optionsNotifications')}</span>
          </label>
          <ExpiryFields draft={draft} lang={lang} onChange={(patch) => model.update(patch)} />
        </section>

        <section aria-labelledby="theme-heading">
          <h2 id="theme-heading">{t('optionsThemeHeading')}</h2>
          <div class="field">
            <label for="opt-theme">{t('optionsTheme')}</label>
            <select
              id="opt-theme"
              value={draft.theme}
              onChange={(e) => model.update({ theme: e.currentTarget.value as typeof draft.theme })}
            >
              <option value="system">{t('optionsThemeSystem')}</option>
              <option value="light">{t('optionsThemeLight')}</option>
              <option value="dark">{t('optionsThemeDark')}</option>
            </select>
          </div>
        </section>

        <div class="row">
          <ActionButton type="submit" class="primary" busy={busy === 'save'}>
            {t('optionsSave')}
          </ActionButton>
          {model.dirty.value && <span class="muted">{t('optionsUnsaved')}</span>}
        </div>
        <StatusLine status={model.saveStatus.value} lang={lang} />
      </form>

      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">{t('optionsSitesHeading')}</h2>
        <p class="muted small">{t('optionsSitesHint')}</p>
        {draft.inlineButtonSites.length === 0 ? (
          <p>{t('optionsSitesEmpty')}</p>
        ) : (
          <ul class="list">
            {draft.inlineButtonSites.map((host) => (
              <li key={host} class="row row-between">
                <span dir="ltr">{host}</span>
                <button
                  type="button"
                  onClick={() => void model.removeSite(host)}
                  aria-label={t('optionsRemoveSiteNamed', host)}
                >
                  {t('optionsRemoveSite')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      {model.communityDomains.value !== 'ask' && (
        <section aria-labelledby="community-heading" data-community-domains>
          <h2 id="community-heading">{t('optionsCommunityHeading')}</h2>
          <fieldset>
            <legend class="muted small">{t('reasonCommunityAsk')}</legend>
            {([true, false] as const).map((allow) => (
              <label class="choice" key={String(allow)}>
                <input
                  type="radio"
                  name="community-domains"
                  checked={(model.communityDomains.value === 'yes') === allow}
                  onChange={() => void model.setCommunityDomains(allow)}
                />
                <span>{allow ? t('popupCommunityYes') : t('popupCommunityNo')}</span>
              </label>
            ))}
          </fieldset>
        </section>
      )}

      {Object.keys(model.refusedDomains.value).length > 0 && (
        <section aria-labelledby="refused-heading">
          <h2 id="refused-heading">{t('optionsRefusedHeading')}</h2>
          <p class="muted small">{t('optionsRefusedHint')}</p>
          <ul class="list">
            {Object.entries(model.refusedDomains.value).map(([site, domains]) => (
              <li key={site} class="row row-between">
                <span dir="ltr">
                  {site}: {domains.join(', ')}
                </span>
                <button
                  type="button"
                  onClick={() => void model.allowDomainsAgain(site)}
                  aria-label={t('optionsRefusedAllowNamed', site)}
                >
                  {t('optionsRefusedAllow')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {retention && <StoredMail model={retention} lang={lang} />}

      <section aria-labelledby="transfer-heading">
        <h2 id="transfer-heading">{t('optionsTransferHeading')}</h2>
        <p class="muted small">{t('optionsTransferHint')}</p>
        <div class="row">
          <ActionButton busy={busy === 'export'} onClick={() => void exportNow()}>
            {t('optionsExport')}
          </ActionButton>
          <label class="button-link">
            {t('optionsImport')}
            <input
              type="file"
              accept="application/json,.json"
              class="sr-only"
              onChange={(e) => void importFile(e)}
            />
          </label>
        </div>
        <StatusLine status={model.transferStatus.value} lang={lang} />
      </section>

      <footer class="options-footer">
        {/* The policy ships inside the extension (privacy.html renders PRIVACY.md), so it opens offline. */}
        <a href="privacy.html" target="_blank" rel="noopener">
          {t('optionsPrivacyLink')}
        </a>
      </footer>
    </div>
  );
}
