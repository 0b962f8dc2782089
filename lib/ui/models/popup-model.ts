import { batch, computed, effect, signal } from '@preact/signals';
import { isExpired } from '../../core/expiry';
import type { MailboxCounts } from '../../core/mail-merge';
import type { Mailbox, MessageSummary, ProviderId, RateLimitInfo } from '../../core/types';
import { KEYLESS_PROVIDER_IDS } from '../../core/types';
import type { ProviderCapabilities } from '../../providers/types';
import type { AccountState, PollState, Settings } from '../../storage/items';
import { DEFAULT_SETTINGS } from '../../storage/items';
import { t } from '../i18n';
import { createConfirmModel } from './confirm-model';
import type { ReadableItem, Send } from './deps';

/**
 * The storage items the popup renders from; it writes none (the background does, on its commands). Of the
 * mail it reads the shown mailbox's summaries only, and per-mailbox counts: never a body it does not show.
 */
export interface PopupItems {
  settings: ReadableItem<Settings>;
  mailboxes: ReadableItem<Mailbox[]>;
  activeMailbox: ReadableItem<string | null>;
  inbox: (mailboxId: string) => ReadableItem<MessageSummary[]>;
  counts: ReadableItem<Record<string, MailboxCounts>>;
  pollState: ReadableItem<Record<string, PollState>>;
  quota: ReadableItem<Partial<Record<ProviderId, RateLimitInfo>>>;
  accountState: ReadableItem<Partial<Record<ProviderId, AccountState>>>;
}

export interface PopupModelDeps {
  items: PopupItems;
  send: Send;
  capabilitiesOf: (provider: ProviderId, settings?: Settings) => ProviderCapabilities;
  /** Injectable clock and timers, for tests. */
  clock?: () => number;
  setInterval?: (run: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/** The background is asked to keep polling hot while the popup shows a mailbox; this repeats the ask. */
export const WATCH_HEARTBEAT_MS = 60_000;
/** From this many mailboxes on, the list gets a search field. */
export const FILTER_THRESHOLD = 5;

/**
 * State and actions of the popup: the mailboxes and inbox as stored by the background (live through
 * item.watch), which mailbox is shown, and the commands sent to the background. Components read the
 * signals and call the actions; nothing here touches the DOM.
 */
export function createPopupModel(deps: PopupModelDeps) {
  const { items, send, capabilitiesOf } = deps;
  const clock = deps.clock ?? Date.now;
  const startTimer = deps.setInterval ?? ((run, ms) => setInterval(run, ms));
  const stopTimer =
    deps.clearInterval ?? ((handle) => clearInterval(handle as ReturnType<typeof setInterval>));

  const settings = signal<Settings>(DEFAULT_SETTINGS);
  const mailboxes = signal<Mailbox[]>([]);
  const activeId = signal<string | null>(null);
  /** Summaries of the shown mailbox, under its id (the reader model looks its message up here). */
  const messages = signal<Record<string, MessageSummary[]>>({});
  const counts = signal<Record<string, MailboxCounts>>({});
  const pollStates = signal<Record<string, PollState>>({});
  const quotas = signal<Partial<Record<ProviderId, RateLimitInfo>>>({});
  const accounts = signal<Partial<Record<ProviderId, AccountState>>>({});
  const loaded = signal(false);
  const now = signal(clock());
  const filter = signal('');
  /** Which command is in flight ('create', 'refresh', ...), to disable its button and show progress. */
  const busy = signal<string | null>(null);
  /** The last failed command, shown until the next one. */
  const actionError = signal<unknown>(null);
  const confirmation = createConfirmModel();

  const activeMailbox = computed<Mailbox | null>(() => {
    const list = mailboxes.value;
    return list.find((m) => m.id === activeId.value) ?? list[0] ?? null;
  });
  const provider = computed<ProviderId>(() => activeMailbox.value?.provider ?? settings.value.provider);
  const capabilities = computed(() => capabilitiesOf(provider.value, settings.value));
  /** The provider new mailboxes are made with (the one chosen in Options), and its capabilities. */
  /** The provider picked in the custom-address form for one new address (null: the one in Options). */
  const chosenCreateProvider = signal<ProviderId | null>(null);
  const createProvider = computed(() => chosenCreateProvider.value ?? settings.value.provider);
  /** What the custom-address form offers: the provider in Options, then the keyless ones. */
  const createProviderChoices = computed<ProviderId[]>(() => [
    settings.value.provider,
    ...KEYLESS_PROVIDER_IDS.filter((id) => id !== settings.value.provider),
  ]);
  const createCapabilities = computed(() => capabilitiesOf(createProvider.value, settings.value));
  const inbox = computed<MessageSummary[]>(() => {
    const id = activeMailbox.value?.id;
    return id ? (messages.value[id] ?? []) : [];
  });
  const unreadCount = computed(() => inbox.value.filter((m) => !m.seen).length);
  const showFilter = computed(() => mailboxes.value.length >= FILTER_THRESHOLD);
  const filteredMailboxes = computed(() => {
    const query = filter.value.trim().toLowerCase();
    if (!query) return mailboxes.value;
    return mailboxes.value.filter((m) =>
      [m.address, m.label ?? '', m.site ?? ''].some((field) => field.toLowerCase().includes(query)),
    );
  });
  /** Unread mail a flood made Mayfly drop in the shown mailbox (its last poll past the ceiling). */
  const dropped = computed(() => {
    const id = activeMailbox.value?.id;
    return id ? (pollStates.value[id]?.dropped ?? null) : null;
  });
  const pollError = computed(() => {
    const id = activeMailbox.value?.id;
    return id ? (pollStates.value[id]?.lastError ?? null) : null;
  });
  const authPaused = computed(() => accounts.value[provider.value]?.authPaused === true);
  /** Quota figures for the shown provider, only where the provider reports them. */
  const quota = computed<RateLimitInfo | null>(() =>
    capabilities.value.quotaHeaders ? (quotas.value[provider.value] ?? null) : null,
  );

  /** Expiry against the popup's ticking clock, so a card turns to expired while it is on screen. */
  function isExpiredNow(mailbox: Mailbox): boolean {
    return isExpired(mailbox, now.value);
  }

  function msLeft(mailbox: Mailbox): number | null {
    return mailbox.expiresAt === null ? null : mailbox.expiresAt - now.value;
  }

  const unwatchers: (() => void)[] = [];
  const timers: unknown[] = [];

  /** Reads what the first paint shows (so it already has data) and follows later changes. */
  async function load(): Promise<void> {
    const [s, mbs, active, polls, q, acc, c] = await Promise.all([
      items.settings.getValue(),
      items.mailboxes.getValue(),
      items.activeMailbox.getValue(),
      items.pollState.getValue(),
      items.quota.getValue(),
      items.accountState.getValue(),
      items.counts.getValue(),
    ]);
    const shown = mbs.find((m) => m.id === active) ?? mbs[0];
    const firstInbox = shown ? await items.inbox(shown.id).getValue() : [];
    batch(() => {
      settings.value = s;
      mailboxes.value = mbs;
      activeId.value = active;
      messages.value = shown ? { [shown.id]: firstInbox } : {};
      pollStates.value = polls;
      quotas.value = q;
      accounts.value = acc;
      counts.value = c;
      loaded.value = true;
    });
    unwatchers.push(
      items.settings.watch((v) => (settings.value = v)),
      items.mailboxes.watch((v) => (mailboxes.value = v)),
      items.activeMailbox.watch((v) => (activeId.value = v)),
      items.pollState.watch((v) => (pollStates.value = v)),
      items.quota.watch((v) => (quotas.value = v)),
      items.accountState.watch((v) => (accounts.value = v)),
      items.counts.watch((v) => (counts.value = v)),
      followShownInbox(shown?.id ?? null),
    );
  }

  /** Watches the shown mailbox's summaries, switching the watch (and reading the new ones) when it changes. */
  function followShownInbox(initialId: string | null): () => void {
    let followed = initialId;
    let unwatch = initialId ? items.inbox(initialId).watch((v) => setInbox(initialId, v)) : () => {};
    const setInbox = (id: string, v: MessageSummary[]) => {
      if (followed === id) messages.value = { [id]: v };
    };
    const stopEffect = effect(() => {
      const id = activeMailbox.value?.id ?? null;
      if (id === followed) return;
      unwatch();
      followed = id;
      if (!id) {
        messages.value = {};
        unwatch = () => {};
        return;
      }
      const item = items.inbox(id);
      unwatch = item.watch((v) => setInbox(id, v));
      void item.getValue().then((v) => setInbox(id, v));
    });
    return () => {
      stopEffect();
      unwatch();
    };
  }

  /** Asks the background to poll the shown mailbox hot, now and then as a heartbeat, and ticks the clock. */
  /** The mailbox the hot-poll ask last went out for; a mailbox this popup just made is hot already. */
  let watchedId: string | null = null;

  function start(): void {
    const watchShown = () => {
      const mailbox = activeMailbox.value;
      if (!mailbox || isExpiredNow(mailbox)) return;
      void send('watchMailbox', { mailboxId: mailbox.id }).catch(() => undefined);
    };
    unwatchers.push(
      effect(() => {
        const id = activeMailbox.value?.id ?? null;
        if (id === watchedId) return;
        watchedId = id;
        if (!id) return;
        watchShown();
        void refresh();
      }),
    );
    timers.push(startTimer(watchShown, WATCH_HEARTBEAT_MS));
    timers.push(startTimer(() => (now.value = clock()), 1000));
  }

  function dispose(): void {
    unwatchers.splice(0).forEach((stop) => stop());
    timers.splice(0).forEach((handle) => stopTimer(handle));
  }

  /** Runs one command with its busy flag and error capture; resolves with its result or undefined. */
  async function run<T>(name: string, command: () => Promise<T>): Promise<T | undefined> {
    busy.value = name;
    actionError.value = null;
    try {
      return await command();
    } catch (e) {
      actionError.value = e;
      return undefined;
    } finally {
      if (busy.value === name) busy.value = null;
    }
  }

  async function selectMailbox(id: string): Promise<void> {
    activeId.value = id;
    await send('selectMailbox', { mailboxId: id }).catch(() => undefined);
  }

  /** The last "Try another domain": the new address, and whether it went into the page. */
  const otherDomain = signal<{ address: string; filled: boolean } | null>(null);

  /**
   * "Site refused it? Try another domain" for a mailbox made for a site (or, with `otherProvider`, an address
   * on the other keyless provider); shows the new mailbox.
   */
  async function tryOtherDomain(mailbox: Mailbox, otherProvider = false): Promise<void> {
    otherDomain.value = null;
    const result = await run(otherProvider ? 'other-provider' : 'other-domain', () =>
      send('tryOtherDomain', { mailboxId: mailbox.id, ...(otherProvider ? { otherProvider } : {}) }),
    );
    if (!result) return;
    await selectMailbox(result.mailbox.id);
    otherDomain.value = { address: result.mailbox.address, filled: result.filled };
  }

  async function createMailbox(
    options: { username?: string; domain?: string; provider?: ProviderId } = {},
  ): Promise<Mailbox | undefined> {
    const created = await run('create', () =>
      send('createMailbox', { provider: settings.value.provider, ...options }),
    );
    if (created) {
      // The background made it hot and shows it: no second watch or forced poll from here.
      watchedId = created.id;
      activeId.value = created.id;
    }
    return created;
  }

  function renameMailbox(mailboxId: string, username: string, domain: string): Promise<Mailbox | undefined> {
    return run('rename', () => send('renameMailbox', { mailboxId, username, domain }));
  }

  function setLabel(mailboxId: string, label: string): Promise<Mailbox | undefined> {
    return run('label', () => send('updateMailbox', { mailboxId, label: label.trim() }));
  }

  function refresh(): Promise<void> {
    const mailboxId = activeMailbox.value?.id;
    return run('refresh', () => send('refresh', mailboxId ? { mailboxId } : {})).then(() => undefined);
  }

  /** Whether deleting the mailbox also deletes it on the server, or only forgets it here. */
  function deletesOnServer(mailbox: Mailbox): boolean {
    return capabilitiesOf(mailbox.provider, settings.value).canDeleteMailbox !== false;
  }

  /** Asks for confirmation; the mailbox is deleted (or forgotten) only when the person confirms. */
  function requestDeleteMailbox(mailbox: Mailbox): void {
    const onServer = deletesOnServer(mailbox);
    confirmation.ask({
      title: onServer ? t('popupDeleteMailboxTitle') : t('popupForgetMailboxTitle'),
      // Say exactly what happens: deleted there and here, asked there (undocumented, best effort), or only here.
      body: !onServer
        ? t('popupForgetMailboxBody', mailbox.address)
        : capabilitiesOf(mailbox.provider, settings.value).canDeleteMailbox === 'best-effort'
          ? t('popupDeleteMailboxBestEffortBody', mailbox.address)
          : t('popupDeleteMailboxBody', mailbox.address),
      confirmLabel: onServer ? t('popupDelete') : t('popupForget'),
      run: async () => {
        // The background forgets it and moves the shown mailbox on; the popup follows storage.
        await send('deleteMailbox', { mailboxId: mailbox.id });
      },
    });
  }

  /** Asks for confirmation before deleting one message; `then` runs after it is gone (e.g. close the reader). */
  function requestDeleteMessage(
    message: Pick<MessageSummary, 'id' | 'mailboxId' | 'subject'>,
    then?: () => void,
  ): void {
    confirmation.ask({
      title: t('popupDeleteMessageTitle'),
      body: t('popupDeleteMessageBody', message.subject || t('popupNoSubject')),
      confirmLabel: t('popupDelete'),
      run: async () => {
        await send('deleteMessage', { mailboxId: message.mailboxId, messageId: message.id });
        then?.();
      },
    });
  }

  return {
    settings,
    mailboxes,
    activeId,
    messages,
    counts,
    dropped,
    loaded,
    now,
    filter,
    busy,
    actionError,
    confirmation,
    activeMailbox,
    provider,
    capabilities,
    createProvider,
    createCapabilities,
    createProviderChoices,
    chooseCreateProvider: (id: ProviderId | null) => {
      chosenCreateProvider.value = id === settings.value.provider ? null : id;
    },
    inbox,
    unreadCount,
    showFilter,
    filteredMailboxes,
    pollError,
    authPaused,
    quota,
    isExpired: isExpiredNow,
    msLeft,
    deletesOnServer,
    load,
    start,
    dispose,
    selectMailbox,
    createMailbox,
    renameMailbox,
    setLabel,
    refresh,
    requestDeleteMailbox,
    requestDeleteMessage,
    otherDomain,
    tryOtherDomain,
  };
}

export type PopupModel = ReturnType<typeof createPopupModel>;
