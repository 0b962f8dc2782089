import { batch, computed, effect, signal } from '@preact/signals';
import { isAppError } from '../../core/errors';
import { isExpired } from '../../core/expiry';
import { isPaused, type PauseChoice, type PauseState } from '../../core/pause';
import type { MailboxCounts } from '../../core/mail-merge';
import type { Mailbox, MessageSummary, ProviderId, RateLimitInfo } from '../../core/types';
import { KEYLESS_PROVIDER_IDS } from '../../core/types';
import type { ProviderCapabilities } from '../../providers/types';
import type { AccountState, PollState, Settings } from '../../storage/items';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { t } from '../i18n';
import { createConfirmModel } from './confirm-model';
import { createSearchModel } from './search-model';
import { sitesByMailbox } from '../mailbox-sites';
import { siteExpiry } from '../../core/expiry-warning';
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
  pause: ReadableItem<PauseState | null>;
  /** Which address each site knows (hostname -> mailbox id): read after the first paint, never before. */
  siteMemory: ReadableItem<Record<string, string>>;
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
  const pauseState = signal<PauseState | null>(null);
  const loaded = signal(false);
  const now = signal(clock());
  /** Which command is in flight ('create', 'refresh', ...), to disable its button and show progress. */
  const busy = signal<string | null>(null);
  /**
   * The last failed command, shown until the next one. A failed refresh is a poll that failed: it clears
   * itself once a later poll of the shown mailbox succeeds, like the stored poll error it repeats. Other
   * commands (create, rename, delete) answer what the person just did and stay until their next command.
   */
  const actionError = signal<unknown>(null);
  /** Which command `actionError` came from, and when it failed (popup clock). */
  let actionErrorFrom: { name: string; at: number } | null = null;
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
  /** Mailboxes in list order: pinned first, then the rest, each newest first (as stored). */
  const orderedMailboxes = computed(() => {
    const list = mailboxes.value;
    return [...list.filter((m) => m.pinned), ...list.filter((m) => !m.pinned)];
  });
  const siteMemory = signal<Record<string, string>>({});
  /** Every site each mailbox was given to (made for, and remembered for), by mailbox id. */
  const sites = computed(() => sitesByMailbox(mailboxes.value, siteMemory.value));
  /** The search box: addresses, labels and sites, and every mailbox's mail by sender, subject and code. */
  const search = createSearchModel({
    mailboxes,
    sites,
    live: messages,
    readInbox: (id) => items.inbox(id).getValue(),
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
  /** Mayfly paused by the person (against the popup's ticking clock, so a pause that runs out ends here too). */
  const paused = computed(() => (isPaused(pauseState.value, now.value) ? pauseState.value : null));
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

  /**
   * The address `site` knows, when it has expired or expires within the person's warning window, against
   * the ticking clock; null otherwise (and until site memory has loaded).
   */
  function siteExpiryOf(site: string | null) {
    const window = settings.value.expiryWarningMinutes ?? DEFAULT_SETTINGS.expiryWarningMinutes;
    return siteExpiry(mailboxes.value, site, siteMemory.value, window, now.value);
  }

  const unwatchers: (() => void)[] = [];
  const timers: unknown[] = [];

  /** Reads what the first paint shows (so it already has data) and follows later changes. */
  async function load(): Promise<void> {
    const [s, mbs, active, polls, q, acc, c, pz] = await Promise.all([
      items.settings.getValue(),
      items.mailboxes.getValue(),
      items.activeMailbox.getValue(),
      items.pollState.getValue(),
      items.quota.getValue(),
      items.accountState.getValue(),
      items.counts.getValue(),
      items.pause.getValue(),
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
      pauseState.value = pz;
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
      items.pause.watch((v) => (pauseState.value = v)),
      followShownInbox(shown?.id ?? null),
      clearRecoveredRefreshError(),
    );
  }

  /** Drops a failed refresh's error when the shown mailbox has been polled successfully since. */
  function clearRecoveredRefreshError(): () => void {
    return effect(() => {
      const id = activeMailbox.value?.id;
      const state = id ? pollStates.value[id] : undefined;
      const from = actionErrorFrom;
      if (!state || state.lastError || from?.name !== 'refresh' || actionError.value === null) return;
      if ((state.lastSuccessAt ?? 0) >= from.at) {
        actionError.value = null;
        actionErrorFrom = null;
      }
    });
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
      if (!mailbox || isExpiredNow(mailbox) || paused.value) return;
      void send('watchMailbox', { mailboxId: mailbox.id }).catch(() => undefined);
    };
    unwatchers.push(
      effect(() => {
        const id = activeMailbox.value?.id ?? null;
        if (id === watchedId) return;
        watchedId = id;
        if (!id) return;
        watchShown();
        if (!paused.value) void refresh();
      }),
    );
    // Only the list's grouping and the sites it shows need this: it may arrive a frame after the first paint.
    void items.siteMemory.getValue().then((v) => (siteMemory.value = v));
    unwatchers.push(items.siteMemory.watch((v) => (siteMemory.value = v)));
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
    actionErrorFrom = null;
    actionError.value = null;
    try {
      return await command();
    } catch (e) {
      actionErrorFrom = { name, at: clock() };
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
   * The mailbox whose "Try another domain" waits for the person's answer about community domains
   * (TempMail.lol), asked once: the answer is kept, and the try goes on with it.
   */
  const communityQuestion = signal<Mailbox | null>(null);

  /**
   * "Site refused it? Try another domain" for a mailbox made for a site (or, with `otherProvider`, an address
   * on the other keyless provider); shows the new mailbox.
   */
  async function tryOtherDomain(mailbox: Mailbox, otherProvider = false): Promise<void> {
    otherDomain.value = null;
    communityQuestion.value = null;
    const result = await run(otherProvider ? 'other-provider' : 'other-domain', () =>
      send('tryOtherDomain', { mailboxId: mailbox.id, ...(otherProvider ? { otherProvider } : {}) }),
    );
    if (!result) {
      if (isAppError(actionError.value) && actionError.value.details?.reason === 'community-ask') {
        actionError.value = null;
        communityQuestion.value = mailbox;
      }
      return;
    }
    await selectMailbox(result.mailbox.id);
    otherDomain.value = { address: result.mailbox.address, filled: result.filled };
  }

  /** Keeps the answer about community domains, then tries another domain again for the same mailbox. */
  async function answerCommunity(allow: boolean): Promise<void> {
    const mailbox = communityQuestion.value;
    if (!mailbox) return;
    const saved = await run('community', () => send('setCommunityDomains', { allow }));
    if (saved === undefined && actionError.value !== null) return;
    await tryOtherDomain(mailbox);
  }

  async function createMailbox(
    options: { username?: string; domain?: string; provider?: ProviderId; site?: string } = {},
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

  /** Pauses polling and notifications for the chosen while; the popup follows the stored pause. */
  function pauseFor(choice: PauseChoice): Promise<PauseState | undefined> {
    return run('pause', () => send('pause', { choice }));
  }

  /** Resumes now: the background polls what came due meanwhile, the shown mailbox first. */
  async function resume(): Promise<void> {
    await run('pause', () => send('resume', undefined));
    await refresh();
  }

  /** Pins a mailbox to the top of the list, or unpins it. */
  function setPinned(mailboxId: string, pinned: boolean): Promise<Mailbox | undefined> {
    return run('pin', () => send('updateMailbox', { mailboxId, pinned }));
  }

  /** Whether deleting the mailbox also deletes it on the server, or only forgets it here. */
  function deletesOnServer(mailbox: Mailbox): boolean {
    // A custom domain's catch-all is the person's own domain: Mayfly only stops reading it.
    if (mailbox.customDomain) return false;
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

  /** Whether deleting a message of this mailbox deletes it on the service, or only removes it here. */
  function deletesMessagesOnServer(mailboxId: string): boolean {
    const mailbox = mailboxes.value.find((m) => m.id === mailboxId);
    return capabilitiesOf(mailbox?.provider ?? provider.value, settings.value).canDeleteMessage;
  }

  /** Asks for confirmation before deleting one message; `then` runs after it is gone (e.g. close the reader). */
  function requestDeleteMessage(
    message: Pick<MessageSummary, 'id' | 'mailboxId' | 'subject'>,
    then?: () => void,
  ): void {
    const subject = message.subject || t('popupNoSubject');
    const here = !deletesMessagesOnServer(message.mailboxId);
    confirmation.ask({
      // Say exactly what happens: deleted on the service, or (where the API cannot delete) removed here only.
      title: here ? t('popupRemoveMessageTitle') : t('popupDeleteMessageTitle'),
      body: here ? t('popupRemoveMessageBody', subject) : t('popupDeleteMessageBody', subject),
      confirmLabel: here ? t('popupRemove') : t('popupDelete'),
      run: async () => {
        await send('deleteMessage', { mailboxId: message.mailboxId, messageId: message.id });
        then?.();
      },
    });
  }

  return {
    /** The background channel, for lazily loaded parts of the popup (the QR dialog). */
    send,
    settings,
    mailboxes,
    activeId,
    messages,
    counts,
    dropped,
    loaded,
    now,
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
    orderedMailboxes,
    sites,
    search,
    pollError,
    authPaused,
    paused,
    pauseFor,
    resume,
    setPinned,
    quota,
    isExpired: isExpiredNow,
    siteExpiryOf,
    msLeft,
    deletesOnServer,
    deletesMessagesOnServer,
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
    communityQuestion,
    answerCommunity,
  };
}

export type PopupModel = ReturnType<typeof createPopupModel>;
