import { t } from '../lib/ui/i18n';
import type { MailboxFormModel } from '../lib/ui/models/mailbox-form-model';
import type { DomainInfo } from '../lib/core/types';
import { errorText } from '../lib/ui/error-text';

/** The tier shown beside a domain that is not a plain free one (tempmailg plans, TempMail.lol). */
const TIER_KEYS: Record<NonNullable<DomainInfo['tier']>, string> = {
  free: 'popupTierFree',
  premium: 'popupTierPremium',
  custom: 'popupTierCustom',
  community: 'popupTierCommunity',
};

/** Username and domain inputs, shown only where the provider's capabilities allow them, with the rule as a hint. */
export function UsernameDomainFields({ form, idPrefix }: { form: MailboxFormModel; idPrefix: string }) {
  const errorKey = form.usernameErrorKey.value;
  const hintId = `${idPrefix}-username-hint`;
  return (
    <>
      {form.allowsUsername.value && (
        <div class="field">
          <label for={`${idPrefix}-username`}>{t('popupUsername')}</label>
          <input
            id={`${idPrefix}-username`}
            type="text"
            dir="ltr"
            autocomplete="off"
            spellcheck={false}
            value={form.username.value}
            onInput={(e) => (form.username.value = e.currentTarget.value)}
            aria-invalid={errorKey ? 'true' : undefined}
            aria-describedby={hintId}
          />
          <p id={hintId} class={errorKey ? 'field-error' : 'muted'}>
            {errorKey
              ? t(errorKey)
              : form.ruleHintKey.value
                ? t(form.ruleHintKey.value)
                : t('popupUsernameOptional')}
          </p>
        </div>
      )}
      {form.allowsDomain.value && (
        <div class="field">
          <label for={`${idPrefix}-domain`}>{t('popupDomain')}</label>
          {form.domains.value.length > 0 ? (
            <select
              id={`${idPrefix}-domain`}
              value={form.domain.value}
              onChange={(e) => (form.domain.value = e.currentTarget.value)}
            >
              {form.domains.value.map((d) => (
                <option key={d.domain} value={d.domain}>
                  {d.tier && d.tier !== 'free'
                    ? t('popupDomainWithTier', [d.domain, t(TIER_KEYS[d.tier])])
                    : d.domain}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${idPrefix}-domain`}
              type="text"
              dir="ltr"
              value={form.domain.value}
              onInput={(e) => (form.domain.value = e.currentTarget.value)}
            />
          )}
          {form.domainsError.value !== null && (
            <p class="field-error">{errorText(form.domainsError.value)}</p>
          )}
        </div>
      )}
    </>
  );
}
