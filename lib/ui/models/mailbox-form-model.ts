import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { DomainInfo, ProviderId } from '../../core/types';
import type { ProviderCapabilities } from '../../providers/types';
import type { Send } from './deps';
import { suggestName } from '../name-suggestion';

export interface MailboxFormDeps {
  send: Send;
  provider: ReadonlySignal<ProviderId>;
  capabilities: ReadonlySignal<ProviderCapabilities>;
  /** 'create' for a new mailbox, 'rename' for changing an existing address. */
  purpose: 'create' | 'rename';
}

/** The string key that explains a username rule, by the rule's hint. */
const RULE_HINT_KEYS: Record<NonNullable<ProviderCapabilities['usernameRule']>['hint'], string> = {
  'alnum-3-20': 'popupUsernameRuleAlnum',
  prefix: 'popupUsernameRulePrefix',
  loose: 'popupUsernameRuleLoose',
};

/**
 * The form for a custom address (create or rename): which fields the provider's capabilities allow, the
 * domains to pick from, and a client-side check of the username against the provider's rule, so a person
 * learns what is wrong before anything is sent.
 */
export function createMailboxFormModel({ send, provider, capabilities, purpose }: MailboxFormDeps) {
  const username = signal('');
  const domain = signal('');
  const domains = signal<DomainInfo[]>([]);
  const domainsError = signal<unknown>(null);

  const allowsUsername = computed(() => {
    const mode = capabilities.value.customUsername;
    // An API that can only rename (tempmailg) still takes a name at creation: the provider creates and
    // renames in one step for the person.
    return purpose === 'create'
      ? mode === 'on-create' ||
          mode === 'prefix-only' ||
          (mode === 'via-rename' && capabilities.value.canRename)
      : capabilities.value.canRename && mode !== 'no';
  });
  const allowsDomain = computed(() => {
    const mode = capabilities.value.canChooseDomain;
    return purpose === 'create'
      ? mode === 'on-create' || (mode === 'via-rename' && capabilities.value.canRename)
      : capabilities.value.canRename && mode !== 'no';
  });
  /** Whether there is anything to customise at all (else the form is not shown). */
  const available = computed(() => allowsUsername.value || allowsDomain.value);
  /** The string key of the rule's explanation, shown as a hint under the field. */
  const ruleHintKey = computed(() => {
    const rule = capabilities.value.usernameRule;
    return rule ? RULE_HINT_KEYS[rule.hint] : null;
  });
  /** The string key of what is wrong with the username, or null when it is fine (or empty). */
  const usernameErrorKey = computed<string | null>(() => {
    const value = username.value.trim();
    const rule = capabilities.value.usernameRule;
    if (!value || !rule) return null;
    if (rule.reserved?.includes(value.toLowerCase())) return 'popupUsernameReserved';
    return rule.pattern.test(value) ? null : (ruleHintKey.value ?? 'popupUsernameInvalid');
  });
  const canSubmit = computed(() => {
    if (usernameErrorKey.value) return false;
    if (purpose === 'rename')
      return username.value.trim() !== '' && (!allowsDomain.value || domain.value !== '');
    return true;
  });

  async function loadDomains(): Promise<void> {
    if (!allowsDomain.value || !capabilities.value.canListDomains) return;
    domainsError.value = null;
    try {
      const list = await send('listDomains', { provider: provider.value });
      domains.value = list;
      if (!domain.value && list[0]) domain.value = list[0].domain;
    } catch (e) {
      domainsError.value = e;
    }
  }

  /** The values to send: only the fields the provider supports, and only non-empty ones. */
  function values(): { username?: string; domain?: string } {
    const out: { username?: string; domain?: string } = {};
    const name = username.value.trim();
    if (allowsUsername.value && name) out.username = name;
    if (allowsDomain.value && domain.value) out.domain = domain.value;
    return out;
  }

  /** The site the name field was filled from ("Choose name" on a site), until the person submits or resets. */
  const suggestedFrom = signal<string | null>(null);

  /** Fills an empty name field with a name from the site (`shop.example` → `shop-x7k2`); the person may edit it. */
  function suggestFromSite(hostname: string | null, random: () => number = Math.random): void {
    if (!hostname || !allowsUsername.value || username.value.trim() !== '') return;
    const name = suggestName(hostname, capabilities.value.usernameRule, random);
    if (!name) return;
    username.value = name;
    suggestedFrom.value = hostname;
  }

  function reset(): void {
    suggestedFrom.value = null;
    username.value = '';
    domain.value = domains.value[0]?.domain ?? '';
  }

  return {
    username,
    domain,
    domains,
    domainsError,
    allowsUsername,
    allowsDomain,
    available,
    ruleHintKey,
    usernameErrorKey,
    canSubmit,
    loadDomains,
    values,
    reset,
    suggestedFrom,
    suggestFromSite,
  };
}

export type MailboxFormModel = ReturnType<typeof createMailboxFormModel>;
