import { browser } from 'wxt/browser';
import { mailboxesItem, messagesItem } from '../storage/items';

/** MV3 has `action`; Firefox's MV2 build has `browserAction`. */
function actionApi() {
  const b = browser as unknown as { action?: typeof browser.action; browserAction?: typeof browser.action };
  return b.action ?? b.browserAction;
}

/** Unread messages over mailboxes Mayfly still keeps. */
export async function unreadCount(): Promise<number> {
  const [mailboxes, messages] = await Promise.all([mailboxesItem.getValue(), messagesItem.getValue()]);
  let n = 0;
  for (const mb of mailboxes) n += (messages[mb.id] ?? []).filter((m) => !m.seen).length;
  return n;
}

/** Shows the unread count on the toolbar button (nothing when zero). */
export async function updateBadge(): Promise<void> {
  const action = actionApi();
  if (!action) return;
  const n = await unreadCount();
  await action.setBadgeText({ text: n === 0 ? '' : n > 99 ? '99+' : String(n) });
  await action.setBadgeBackgroundColor({ color: '#0f766e' });
}
