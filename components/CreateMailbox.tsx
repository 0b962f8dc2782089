import { useSignal } from '@preact/signals';
import { PROVIDER_NAMES, type ProviderId } from '../lib/core/types';
import { t } from '../lib/ui/i18n';
import type { MailboxFormModel } from '../lib/ui/models/mailbox-form-model';
import type { PopupModel } from '../lib/ui/models/popup-model';
import { ActionButton } from './ActionButton';
import { UsernameDomainFields } from './UsernameDomainFields';

/** "New address" (random, one click) and, where the provider allows it, a custom username and domain. */
export function CreateMailbox({
  popup,
  form,
  site = null,
}: {
  popup: PopupModel;
  form: MailboxFormModel;
  /** The site the popup is open on: "Choose name" suggests a name from it. */
  site?: string | null;
}) {
  const customOpen = useSignal(false);
  const creating = popup.busy.value === 'create';

  async function submitCustom(e: Event) {
    e.preventDefault();
    if (!form.canSubmit.value || creating) return;
    const created = await popup.createMailbox({ ...form.values(), provider: popup.createProvider.value });
    if (created) {
      form.reset();
      customOpen.value = false;
      popup.chooseCreateProvider(null);
    }
  }

  return (
    <section class="create" aria-label={t('popupCreateSection')}>
      <div class="row">
        <ActionButton class="primary" busy={creating} onClick={() => void popup.createMailbox()}>
          {creating ? t('popupCreating') : t('popupNewAddress')}
        </ActionButton>
        {form.available.value && (
          <button
            type="button"
            aria-expanded={customOpen.value}
            aria-controls="custom-address-form"
            onClick={() => {
              customOpen.value = !customOpen.value;
              // A provider picked for one address does not outlive the form.
              if (!customOpen.value) popup.chooseCreateProvider(null);
              if (customOpen.value) {
                form.suggestFromSite(site);
                void form.loadDomains();
              }
            }}
          >
            {t('popupCustomAddress')}
          </button>
        )}
      </div>
      {customOpen.value && form.available.value && (
        <form id="custom-address-form" class="stack" onSubmit={(e) => void submitCustom(e)}>
          <div class="field">
            <label for="create-provider">{t('popupProvider')}</label>
            <select
              id="create-provider"
              value={popup.createProvider.value}
              onChange={(e) => {
                popup.chooseCreateProvider(e.currentTarget.value as ProviderId);
                form.domains.value = [];
                form.domain.value = '';
                void form.loadDomains();
              }}
            >
              {popup.createProviderChoices.value.map((id) => (
                <option key={id} value={id}>
                  {PROVIDER_NAMES[id]}
                </option>
              ))}
            </select>
          </div>
          <UsernameDomainFields form={form} idPrefix="create" />
          {form.suggestedFrom.value && (
            <p class="muted small" data-name-from-site>
              {t('popupNameFromSite', form.suggestedFrom.value)}
            </p>
          )}
          <ActionButton type="submit" class="primary" disabled={!form.canSubmit.value} busy={creating}>
            {t('popupCreateCustom')}
          </ActionButton>
        </form>
      )}
    </section>
  );
}
