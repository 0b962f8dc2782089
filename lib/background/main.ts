import { browser, type Browser } from 'wxt/browser';
import { PROVIDER_NAMES } from '../core/types';
import { readerUrl } from '../ui/mail-reader';
import { contentMessenger } from '../messaging/content-protocol';
import { isPaused } from '../core/pause';
import { mailboxesItem, pauseItem, pollStateItem, siteMemoryItem } from '../storage/items';
import { startBadge } from './badge';
import { copyToClipboard } from './clipboard';
import {
  MENU_FILL_NEW,
  MENU_FILL_OTHER_DOMAIN,
  MENU_FILL_SITE,
  MENU_FILL_SITE_EXPIRED,
  MENU_RESUME,
  PAUSE_MENUS,
  followSiteExpiry,
  setupContextMenus,
  showPauseMenus,
} from './context-menu';
import { registerExtensionHandlers } from './extension-handlers';
import {
  fillNewAddress,
  fillOtherDomain,
  fillOtherProvider,
  fillSiteAddress,
  type FillDeps,
} from './fill-in-page';
import {
  createRefusalHandler,
  otherProviderNotificationId,
  otherProviderTarget,
  refusedTarget,
} from './refusal';
import { registerInlineButton } from './inline-button';
import { handleFor, markHot } from './mailboxes';
import { createRealtime } from './realtime';
import {
  EXPIRY_ALARM,
  createExpiryWarnings,
  createNotices,
  createNotificationClickHandlers,
  createNotifier,
} from './notifier';
import { prepareMailStorage } from './migrate-mail';
import { RETENTION_ALARM, forgetExpiredMail, startRetention } from './retention';
import { createPoller } from './poller';
import { providerFor } from './provider-access';
import { POLL_ALARM, createScheduler } from './scheduler';
import { PAUSE_ALARM, endPauseIfOver, followPause, pauseFor, resume } from './pause';

const ICON = '/icon/128.png';

/** Firefox shows no notification buttons (and has no offscreen documents). */
function isFirefox(): boolean {
  return browser.runtime.getURL('/').startsWith('moz-extension:');
}

/** The part of StorageArea that Chrome 102+ has and Firefox lacks. */
interface AccessLevelArea {
  setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' }): Promise<void>;
}

/**
 * Mail, codes and addresses live in storage.local, which Chrome lets content scripts read by default, from
 * the renderer they share with the web page. Mayfly's content scripts never use storage, so only extension
 * pages and the worker may. Chrome keeps the level for the browser session; it is set again on every start.
 */
export function restrictStorageToExtensionPages(): Promise<void> {
  const local = browser.storage.local as unknown as AccessLevelArea;
  return (
    local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined) ?? Promise.resolve()
  );
}

/**
 * Wires the background features. Synchronous: every listener is registered in the first turn of the
 * worker, as MV3 requires for events that wake it; async start-up work runs after.
 */
export function startBackground(): void {
  void restrictStorageToExtensionPages();
  // Stored mail is brought to the current layout first; polls and page requests wait for it.
  const ready = prepareMailStorage();
  const supportsButtons = !isFirefox();
  const iconUrl = browser.runtime.getURL(ICON);
  const notifier = createNotifier({ notifications: browser.notifications, iconUrl, supportsButtons });
  const expiryWarnings = createExpiryWarnings({
    notifications: browser.notifications,
    alarms: browser.alarms,
    iconUrl,
    now: Date.now,
    lang: browser.i18n.getUILanguage?.() ?? 'en',
  });
  const notices = createNotices({ notifications: browser.notifications, iconUrl, supportsButtons });
  const poller = createPoller({
    now: Date.now,
    random: Math.random,
    ready: () => ready,
    providerFor: (mb, settings) => providerFor(mb.provider, settings),
    onNewMail: async (mail) => {
      // A poll that was under way when the person paused: its mail is stored and counted, not announced.
      if (isPaused(await pauseItem.getValue(), Date.now())) return;
      await notifier.notifyNewMail(mail);
    },
    onAuthRefused: (provider) => notices.authRefused(provider, PROVIDER_NAMES[provider]),
  });
  // Streams for hot mailboxes on providers that push (Mail.tm): any event lists the mailbox at once.
  const realtime = createRealtime({
    now: Date.now,
    providerFor: (mb) => providerFor(mb.provider),
    handleFor,
    listNow: (id) => ready.then(() => poller.poll(id, { force: true })),
    keepAlive: () => void browser.runtime.getPlatformInfo().catch(() => undefined),
    onChange: () => void scheduler.reschedule(),
  });
  const scheduler = createScheduler({
    poller,
    alarms: browser.alarms,
    now: Date.now,
    streaming: () => realtime.streaming(),
  });

  registerExtensionHandlers({ poller, ready: () => ready });

  const fillDeps: FillDeps = {
    notify: notices.say,
    offerOtherProvider: (where, title, message, other) =>
      notices.offerOtherProvider(otherProviderNotificationId(where), title, message, other),
  };
  registerInlineButton({ onAddressUsed: (mb) => markHot(mb.id) });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void scheduler.tick();
    if (alarm.name === RETENTION_ALARM) void forgetExpiredMail();
    if (alarm.name === EXPIRY_ALARM) void expiryWarnings.check();
    if (alarm.name === PAUSE_ALARM) void endPauseIfOver(Date.now());
  });

  browser.runtime.onInstalled.addListener(() => {
    void setupContextMenus();
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    const choice = PAUSE_MENUS[String(info.menuItemId)];
    if (choice) return void pauseFor(choice, Date.now());
    if (info.menuItemId === MENU_RESUME) return void resume();
    if (!tab?.id) return;
    const where = {
      tabId: tab.id,
      frameId: info.frameId ?? 0,
      url: info.frameUrl ?? info.pageUrl,
      target: 'context-menu' as const,
    };
    if (info.menuItemId === MENU_FILL_NEW) void fillNewAddress(where, fillDeps);
    else if (info.menuItemId === MENU_FILL_SITE) void fillSiteAddress(where, fillDeps);
    // The site's address has expired: a new one, made for the site and remembered for it.
    else if (info.menuItemId === MENU_FILL_SITE_EXPIRED) void fillNewAddress(where, fillDeps);
    else if (info.menuItemId === MENU_FILL_OTHER_DOMAIN) void fillOtherDomain(where, fillDeps);
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'fill-address' || !tab?.id) return;
    void fillNewAddress({ tabId: tab.id, frameId: 0, url: tab.url, target: 'focused' }, fillDeps);
  });

  notices.listen({
    mail: createNotificationClickHandlers({
      clickCopiesCode: isFirefox(),
      copy: copyToClipboard,
      openMessage: async (mailboxId, messageId) => {
        await browser.tabs.create({ url: browser.runtime.getURL(`/${readerUrl(mailboxId, messageId)}`) });
      },
      openLink: async (url) => {
        await browser.tabs.create({ url });
      },
      openOptions: () => browser.runtime.openOptionsPage(),
      clear: (id) => browser.notifications.clear(id),
    }),
    // "Try another domain" offers (lib/background/refusal.ts): a click or the button runs the action.
    // "Try another provider" offers, and the second button of a refusal offer (Chrome), fill on the other one.
    tryOtherDomain: async (id, buttonIndex) => {
      const providerWhere = otherProviderTarget(id);
      const where = providerWhere ?? refusedTarget(id);
      if (!where) return false;
      await browser.notifications.clear(id);
      if (providerWhere || buttonIndex === 1) await fillOtherProvider(where, fillDeps);
      else await fillOtherDomain(where, fillDeps);
      return true;
    },
  });
  const addressRefused = createRefusalHandler({ offer: notices.offerOtherDomain });
  contentMessenger.onMessage('addressRefused', ({ data, sender }) =>
    addressRefused(data, sender as unknown as Browser.runtime.MessageSender),
  );

  siteMemoryItem.watch(() => void setupContextMenus());
  followSiteExpiry();
  pauseItem.watch((pause) => void showPauseMenus(isPaused(pause, Date.now())));
  followPause({ alarms: browser.alarms, now: Date.now });
  // The badge and the schedule derive from storage; the worker may have stopped mid-flight, so both are
  // planned from stored state now (timers do not survive a restart) and follow every change after.
  startBadge();
  scheduler.follow();
  startRetention();
  void ready.then(() => expiryWarnings.follow());
  void ready.then(() => scheduler.reschedule());
  // Which mailboxes stream follows stored state: hot mode starting or ending, mailboxes made or forgotten.
  let syncing: ReturnType<typeof setTimeout> | undefined;
  const syncRealtime = () => {
    if (syncing !== undefined) return;
    syncing = setTimeout(() => {
      syncing = undefined;
      void Promise.all([mailboxesItem.getValue(), pollStateItem.getValue(), pauseItem.getValue()]).then(
        ([mailboxes, states, pause]) => realtime.sync(mailboxes, states, pause),
      );
    }, 0);
  };
  mailboxesItem.watch(syncRealtime);
  pollStateItem.watch(syncRealtime);
  pauseItem.watch(syncRealtime);
  void ready.then(syncRealtime);
}
