import type { Browser, browser } from 'wxt/browser';
import { isWebLink } from '../core/links';
import { withoutBidiControls } from '../ui/format';
import { destinationHostText } from '../ui/link-destination';
import { t, tCount } from '../ui/i18n';
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS } from '../core/settings';
import { expiryWarningsDue, nextExpiryWarningAt } from '../core/expiry-warning';
import { isPaused } from '../core/pause';
import { formatCountdown } from '../ui/format';
import { sitesByMailbox } from '../ui/mailbox-sites';
import {
  expiryWarnedItem,
  mailboxesItem,
  notifiedKey,
  pauseItem,
  settingsItem,
  siteMemoryItem,
} from '../storage/items';
import type { NewMail } from './poller';
import { withStateLock } from './state-lock';

/** Ids remembered per mailbox so a restart never notifies twice; far more than a mailbox ever holds. */
export const MAX_NOTIFIED_IDS = 1000;
const ID_PREFIX = 'mayfly-mail|';
const AUTH_ID_PREFIX = 'mayfly-auth|';

/** The id of the "key refused" notification for a provider; a click on it opens Options. */
export function authNotificationId(provider: string): string {
  return AUTH_ID_PREFIX + provider;
}

export interface NotificationTarget {
  mailboxId: string;
  messageId: string;
  code?: string;
  link?: string;
}

/** Notification ids carry what a click needs, so nothing has to survive in worker memory. */
export function encodeNotificationId(target: NotificationTarget): string {
  return (
    ID_PREFIX + JSON.stringify([target.mailboxId, target.messageId, target.code ?? '', target.link ?? ''])
  );
}

export function decodeNotificationId(id: string): NotificationTarget | null {
  if (!id.startsWith(ID_PREFIX)) return null;
  try {
    const [mailboxId, messageId, code, link] = JSON.parse(id.slice(ID_PREFIX.length)) as string[];
    if (typeof mailboxId !== 'string' || typeof messageId !== 'string') return null;
    return { mailboxId, messageId, ...(code ? { code } : {}), ...(link ? { link } : {}) };
  } catch {
    return null;
  }
}

export interface NotifierDeps {
  notifications: Pick<typeof browser.notifications, 'create'>;
  iconUrl: string;
  /** Firefox shows no buttons: a click copies the code there. */
  supportsButtons: boolean;
}

/**
 * Raises one notification per new message, or one summary when several arrive together. Ids are marked
 * as notified in storage BEFORE the notification is shown: after a crash a message may go unannounced
 * (it is still in the popup), but it is never announced twice.
 */
export function createNotifier(deps: NotifierDeps) {
  async function claimFresh(mail: NewMail[]): Promise<NewMail[]> {
    return withStateLock(async () => {
      const byMailbox = new Map<ReturnType<typeof notifiedKey>, string[]>();
      const fresh: NewMail[] = [];
      for (const m of mail) {
        const key = notifiedKey(m.mailbox.id);
        let ids = byMailbox.get(key);
        if (!ids) {
          ids = (await storage.getItem<string[]>(key)) ?? [];
          byMailbox.set(key, ids);
        }
        if (ids.includes(m.message.id)) continue;
        ids.push(m.message.id);
        fresh.push(m);
      }
      if (fresh.length > 0) {
        await storage.setItems(
          [...byMailbox].map(([key, ids]) => ({ key, value: ids.slice(-MAX_NOTIFIED_IDS) })),
        );
      }
      return fresh;
    });
  }

  function buttons(code: string | undefined, link: string | undefined): { title: string }[] | undefined {
    if (!deps.supportsButtons) return undefined;
    const b = [];
    if (code) b.push({ title: t('bgButtonCopyCode') });
    b.push({ title: link && !code ? t('bgButtonOpenLink') : t('bgButtonOpen') });
    return b;
  }

  async function notifyNewMail(mail: NewMail[]): Promise<string[]> {
    const fresh = await claimFresh(mail);
    if (fresh.length === 0) return [];
    if (!(await settingsItem.getValue()).notifications) return [];
    const newest = [...fresh].sort((a, b) => b.message.receivedAt - a.message.receivedAt)[0]!;
    const withCode = fresh.find((m) => m.message.code) ?? newest;
    const target: NotificationTarget = {
      mailboxId: withCode.mailbox.id,
      messageId: withCode.message.id,
      ...(withCode.message.code ? { code: withCode.message.code } : {}),
      ...(withCode.message.link ? { link: withCode.message.link } : {}),
    };
    const id = encodeNotificationId(target);
    // Names a sender chose lose their bidirectional controls, which could reorder the notification's text.
    const subject = (m: NewMail) => withoutBidiControls(m.message.subject) || t('bgNotifyNoSubject');
    const sender = (m: NewMail) =>
      withoutBidiControls(m.message.from.name || m.message.from.address || '') || m.mailbox.address;
    const codeLine = target.code ? t('bgNotifyCode', target.code) : undefined;
    // The button opens the link: say which site, in text the mail does not control.
    const linkHost = target.link && !target.code ? destinationHostText(target.link) : null;
    const linkLine = linkHost
      ? t(linkHost.userinfo ? 'bgNotifyLinkHidesHost' : 'bgNotifyLinkOpens', linkHost.host)
      : undefined;
    const btns = buttons(target.code, target.link);
    const options: Browser.notifications.NotificationCreateOptions =
      fresh.length === 1
        ? {
            type: 'basic',
            iconUrl: deps.iconUrl,
            title: sender(newest),
            message: [subject(newest), ...(codeLine ? [codeLine] : []), ...(linkLine ? [linkLine] : [])].join(
              '\n',
            ),
            contextMessage: newest.mailbox.address,
            ...(btns ? { buttons: btns } : {}),
          }
        : {
            type: 'basic',
            iconUrl: deps.iconUrl,
            title: tCount('bgNotifySummaryTitle', fresh.length),
            message: [
              ...(codeLine ? [codeLine] : []),
              ...(linkLine ? [linkLine] : []),
              ...fresh.slice(0, 3).map((m) => `${sender(m)}: ${subject(m)}`),
            ].join('\n'),
            ...(btns ? { buttons: btns } : {}),
          };
    await deps.notifications.create(id, options);
    return [id];
  }

  return { notifyNewMail };
}

export type Notifier = ReturnType<typeof createNotifier>;

export interface NotificationClickDeps {
  /** Firefox shows no buttons: a click there copies the code, then opens the message. */
  clickCopiesCode: boolean;
  copy: (text: string) => Promise<void>;
  openMessage: (mailboxId: string, messageId: string) => Promise<void>;
  openLink: (url: string) => Promise<void>;
  openOptions: () => Promise<void>;
  clear: (id: string) => Promise<unknown>;
}

/**
 * What a click on a notification or one of its buttons does. Everything needed is in the notification id.
 * A copy that the browser refuses opens the message instead, where the code can be read.
 */
export function createNotificationClickHandlers(deps: NotificationClickDeps) {
  const copied = (code: string): Promise<boolean> =>
    deps.copy(code).then(
      () => true,
      () => false,
    );

  return {
    async onClicked(id: string): Promise<void> {
      if (id.startsWith(AUTH_ID_PREFIX)) {
        await deps.openOptions();
        return;
      }
      const target = decodeNotificationId(id);
      if (!target) return;
      if (deps.clickCopiesCode && target.code) await copied(target.code);
      await deps.openMessage(target.mailboxId, target.messageId);
      await deps.clear(id);
    },

    async onButtonClicked(id: string, index: number): Promise<void> {
      const target = decodeNotificationId(id);
      if (!target) return;
      if (index === 0 && target.code) {
        if (!(await copied(target.code))) await deps.openMessage(target.mailboxId, target.messageId);
      } else if (isWebLink(target.link) && !target.code) await deps.openLink(target.link);
      else await deps.openMessage(target.mailboxId, target.messageId);
      await deps.clear(id);
    },
  };
}

export interface NoticesDeps {
  notifications: Pick<typeof browser.notifications, 'create' | 'clear' | 'onClicked'> & {
    onButtonClicked?: typeof browser.notifications.onButtonClicked;
  };
  iconUrl: string;
  supportsButtons: boolean;
}

export interface NoticeClickRoutes {
  /** Clicks on new-mail and key-refused notifications. */
  mail: ReturnType<typeof createNotificationClickHandlers>;
  /**
   * A click (or its button, by index) on a "Try another domain" or "Try another provider" offer, whose
   * target the id names. False for any other notification.
   */
  tryOtherDomain: (id: string, buttonIndex?: number) => Promise<boolean>;
}

/**
 * Every notification Mayfly shows besides new mail, and where clicks on any of them go: this module owns
 * notifications (ids, buttons, clicks), so no other part of the background calls the notifications API.
 */
export function createNotices(deps: NoticesDeps) {
  const basic = (title: string, message: string): Browser.notifications.NotificationCreateOptions => ({
    type: 'basic',
    iconUrl: deps.iconUrl,
    title,
    message,
  });
  return {
    /** The key was refused: requests for this provider are paused until a new key is saved. */
    async authRefused(provider: string, providerName: string): Promise<void> {
      await deps.notifications.create(
        authNotificationId(provider),
        basic(t('bgAuthPausedTitle'), t('bgAuthPausedBody', providerName)),
      );
    },
    /** A one-off message (a fill that failed, with the reason in the person's language). */
    async say(title: string, message: string): Promise<void> {
      await deps.notifications.create(basic(title, message));
    },
    /** "Try another domain" after a site refused the address; the id carries where to fill. */
    async offerOtherDomain(
      id: string,
      title: string,
      message: string,
      otherProvider?: string,
    ): Promise<void> {
      const buttons = [
        { title: t('tryOtherDomain') },
        ...(otherProvider ? [{ title: t('tryOtherProvider', otherProvider) }] : []),
      ];
      await deps.notifications.create(id, {
        ...basic(title, message),
        // Firefox shows no buttons: a click on the notification runs the first action there.
        ...(deps.supportsButtons ? { buttons } : {}),
      });
    },
    /** "Try another provider" after the provider failed for a fill (blocked here, every domain refused). */
    async offerOtherProvider(
      id: string,
      title: string,
      message: string,
      otherProvider: string,
    ): Promise<void> {
      await deps.notifications.create(id, {
        ...basic(title, message),
        ...(deps.supportsButtons ? { buttons: [{ title: t('tryOtherProvider', otherProvider) }] } : {}),
      });
    },
    /** Routes clicks and button presses; a refusal offer runs its action, the rest goes to the mail routes. */
    listen(routes: NoticeClickRoutes): void {
      deps.notifications.onClicked.addListener((id) => {
        void routes.tryOtherDomain(id).then((handled) => (handled ? undefined : routes.mail.onClicked(id)));
      });
      deps.notifications.onButtonClicked?.addListener((id, index) => {
        void routes
          .tryOtherDomain(id, index)
          .then((handled) => (handled ? undefined : routes.mail.onButtonClicked(id, index)));
      });
    },
  };
}

export type Notices = ReturnType<typeof createNotices>;

/** The alarm that wakes the worker when the next "address about to expire" warning falls due. */
export const EXPIRY_ALARM = 'mayfly-expiry-warning';
const EXPIRY_ID_PREFIX = 'mayfly-expiry|';

export interface ExpiryWarningDeps {
  notifications: Pick<typeof browser.notifications, 'create'>;
  alarms: Pick<typeof browser.alarms, 'create' | 'clear'>;
  iconUrl: string;
  now: () => number;
  /** The language countdowns are written in. */
  lang: string;
}

/**
 * "An address is about to expire" (Options: expiryNotify, within expiryWarningMinutes): once per mailbox a
 * site knows, derived from storage each time (mailboxes, site memory, settings, pause), with one alarm for
 * the next warning, so a worker restart loses nothing. Warned ids are kept in storage BEFORE the
 * notification shows: after a crash a warning may be missed, never shown twice.
 */
export function createExpiryWarnings(deps: ExpiryWarningDeps) {
  async function check(): Promise<string[]> {
    const now = deps.now();
    const settings = await settingsItem.getValue();
    const window = settings.expiryNotify
      ? (settings.expiryWarningMinutes ?? DEFAULT_SETTINGS.expiryWarningMinutes)
      : 0;
    const [mailboxes, memory] = await Promise.all([mailboxesItem.getValue(), siteMemoryItem.getValue()]);
    const paused = isPaused(await pauseItem.getValue(), now);
    const due = await withStateLock(async () => {
      const stored = await expiryWarnedItem.getValue();
      // Only ids of mailboxes still kept: the list never grows past what is kept.
      const warned = stored.filter((id) => mailboxes.some((m) => m.id === id));
      const fresh = paused ? [] : expiryWarningsDue(mailboxes, memory, window, warned, now);
      const next = [...warned, ...fresh.map((m) => m.id)];
      if (next.length !== stored.length) await expiryWarnedItem.setValue(next);
      const at = nextExpiryWarningAt(mailboxes, memory, window, next, now);
      if (at === null) await deps.alarms.clear(EXPIRY_ALARM);
      else await deps.alarms.create(EXPIRY_ALARM, { when: at });
      return fresh;
    });
    const sites = sitesByMailbox(due, memory);
    for (const mb of due) {
      const left = mb.expiresAt === null ? '' : formatCountdown(mb.expiresAt - now, deps.lang);
      await deps.notifications.create(EXPIRY_ID_PREFIX + mb.id, {
        type: 'basic',
        iconUrl: deps.iconUrl,
        title: t('bgExpiryTitle'),
        message: t('bgExpiryBody', [sites[mb.id]?.[0] ?? '', mb.address, left]),
      });
    }
    return due.map((m) => m.id);
  }

  /** Checks now, and again whenever what the warnings derive from changes. */
  function follow(): void {
    let queued = false;
    const soon = () => {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        void check();
      });
    };
    for (const item of [settingsItem, mailboxesItem, siteMemoryItem, pauseItem]) {
      (item as { watch(cb: () => void): () => void }).watch(soon);
    }
    soon();
  }

  return { check, follow };
}
