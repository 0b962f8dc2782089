import { browser } from 'wxt/browser';
import type { MailboxCounts } from '../core/mail-merge';
import { isPaused, type PauseState } from '../core/pause';
import { pauseItem } from '../storage/items';
import { mailCountsItem } from '../storage/mail-store';
import { t, uiLanguage } from '../ui/i18n';
import { pauseText } from '../ui/pause-text';

/** MV3 has `action`; Firefox's MV2 build has `browserAction`. */
function actionApi() {
  const b = browser as unknown as { action?: typeof browser.action; browserAction?: typeof browser.action };
  return b.action ?? b.browserAction;
}

/** Unread messages over the mailboxes Mayfly keeps (a forgotten mailbox's counts go with it). */
export function unreadCount(counts: Record<string, MailboxCounts>): number {
  let n = 0;
  for (const c of Object.values(counts)) n += c.unread;
  return n;
}

export function badgeText(unread: number): string {
  return unread === 0 ? '' : unread > 99 ? '99+' : String(unread);
}

/** Shown on the badge while paused: two bars, the pause sign, in plain ASCII so every font has it. */
export const PAUSED_BADGE = '||';
const RUNNING_COLOR = '#0f766e';
const PAUSED_COLOR = '#6b7280';

export interface BadgeView {
  text: string;
  color: string;
  /** The icon's tooltip (and accessible name): says when Mayfly is paused and until when. */
  title: string;
}

/** What the toolbar icon shows for these counts and this pause at `now`. */
export function badgeView(
  counts: Record<string, MailboxCounts>,
  pause: PauseState | null,
  now: number,
  lang: string,
): BadgeView {
  if (isPaused(pause, now)) {
    return {
      text: PAUSED_BADGE,
      color: PAUSED_COLOR,
      title: `${t('popupHeading')}: ${pauseText(pause, now, lang)}`,
    };
  }
  return { text: badgeText(unreadCount(counts)), color: RUNNING_COLOR, title: t('popupHeading') };
}

/**
 * The toolbar badge derives from the counts item and the pause item: whoever changes mail (a poll, a read,
 * a delete, an import) writes the counts, pausing writes the pause, and the badge follows. Nobody calls it
 * by hand.
 */
export function startBadge(now: () => number = Date.now): () => void {
  const lang = uiLanguage();
  let counts: Record<string, MailboxCounts> | undefined;
  let pause: PauseState | null | undefined;
  const show = async () => {
    const action = actionApi();
    if (!action) return;
    const view = badgeView(counts ?? {}, pause ?? null, now(), lang);
    await action.setBadgeText({ text: view.text });
    await action.setBadgeBackgroundColor({ color: view.color });
    await action.setTitle?.({ title: view.title });
  };
  const unwatch = [
    mailCountsItem.watch((c) => {
      counts = c;
      void show();
    }),
    pauseItem.watch((p) => {
      pause = p;
      void show();
    }),
  ];
  void Promise.all([mailCountsItem.getValue(), pauseItem.getValue()]).then(([c, p]) => {
    // A change that arrived while these were read is newer than what was read.
    counts ??= c;
    pause ??= p;
    void show();
  });
  return () => unwatch.forEach((stop) => stop());
}
