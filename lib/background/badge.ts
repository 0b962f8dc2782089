import { browser } from 'wxt/browser';
import type { MailboxCounts } from '../core/mail-merge';
import { mailCountsItem } from '../storage/mail-store';

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

/**
 * The toolbar badge derives from the counts item: whoever changes mail (a poll, a read, a delete, an
 * import) writes the counts, and the badge follows. Nobody calls it by hand.
 */
export function startBadge(): () => void {
  const show = async (counts: Record<string, MailboxCounts>) => {
    const action = actionApi();
    if (!action) return;
    await action.setBadgeText({ text: badgeText(unreadCount(counts)) });
    await action.setBadgeBackgroundColor({ color: '#0f766e' });
  };
  const unwatch = mailCountsItem.watch((counts) => void show(counts));
  void mailCountsItem.getValue().then(show);
  return unwatch;
}
