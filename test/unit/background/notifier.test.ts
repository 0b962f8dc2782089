import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  authNotificationId,
  createNotificationClickHandlers,
  createNotifier,
  decodeNotificationId,
  encodeNotificationId,
} from '../../../lib/background/notifier';
import type { NewMail } from '../../../lib/background/poller';
import type { Mailbox, StoredMessage } from '../../../lib/core/types';
import { DEFAULT_SETTINGS, settingsItem } from '../../../lib/storage/items';
import { resetBackgroundWorld } from './setup';

const mailbox: Mailbox = {
  id: 'tempmail-lol:box@lol.test',
  provider: 'tempmail-lol',
  address: 'box@lol.test',
  domain: 'lol.test',
  createdAt: 1,
  expiresAt: null,
  expired: false,
};

const message = (id: string, extra: Partial<StoredMessage> = {}): NewMail => ({
  mailbox,
  message: {
    id,
    mailboxId: mailbox.id,
    from: { name: 'Site', address: 'noreply@site.example' },
    subject: `Subject ${id}`,
    receivedAt: Number(id.replace(/\D/g, '')) || 1,
    hasBody: true,
    attachments: [],
    fetchedAt: 1,
    seen: false,
    ...extra,
  },
});

function makeNotifier(supportsButtons = true) {
  const create = vi.fn(async (id: string) => id);
  const notifier = createNotifier({
    notifications: { create } as never,
    iconUrl: 'icon.png',
    supportsButtons,
  });
  return { notifier, create };
}

describe('notifier', () => {
  beforeEach(resetBackgroundWorld);

  it('shows sender, subject and the code with a Copy code button', async () => {
    const { notifier, create } = makeNotifier();
    await notifier.notifyNewMail([message('m1', { code: '482913' })]);
    expect(create).toHaveBeenCalledTimes(1);
    const [id, opts] = create.mock.calls[0] as unknown as [string, Record<string, unknown>];
    expect(decodeNotificationId(id)).toEqual({ mailboxId: mailbox.id, messageId: 'm1', code: '482913' });
    expect(opts.title).toBe('Site');
    expect(String(opts.message)).toContain('Subject m1');
    expect(String(opts.message)).toContain('482913');
    expect((opts.buttons as { title: string }[]).length).toBe(2);
  });

  it('says which site the "Open verification link" button opens, and warns when the link hides it', async () => {
    const { notifier, create } = makeNotifier();
    await notifier.notifyNewMail([message('m1', { link: 'https://accounts.example/verify?t=1' })]);
    await notifier.notifyNewMail([message('m2', { link: 'https://www.paypal.com@evil.test/x' })]);
    const text = (call: number) =>
      String((create.mock.calls[call] as unknown as [string, { message: string }])[1].message);
    expect(text(0)).toContain('The link opens accounts.example');
    expect(text(1)).toContain('Careful: the link really opens evil.test');
  });

  it('never announces a message twice, even after a restart', async () => {
    const first = makeNotifier();
    await first.notifier.notifyNewMail([message('m1')]);
    await first.notifier.notifyNewMail([message('m1')]);
    const restarted = makeNotifier();
    await restarted.notifier.notifyNewMail([message('m1')]);
    expect(first.create).toHaveBeenCalledTimes(1);
    expect(restarted.create).not.toHaveBeenCalled();
  });

  it('summarises several messages that arrive together in one notification', async () => {
    const { notifier, create } = makeNotifier();
    await notifier.notifyNewMail([message('m1'), message('m2', { code: '1234' }), message('m3')]);
    expect(create).toHaveBeenCalledTimes(1);
    const [id, opts] = create.mock.calls[0] as unknown as [string, Record<string, unknown>];
    expect(String(opts.title)).toContain('3');
    expect(decodeNotificationId(id)?.code).toBe('1234');
  });

  it('shows no buttons where the browser has none (Firefox)', async () => {
    const { notifier, create } = makeNotifier(false);
    await notifier.notifyNewMail([message('m1', { code: '999111' })]);
    const [, opts] = create.mock.calls[0] as unknown as [string, Record<string, unknown>];
    expect(opts.buttons).toBeUndefined();
  });

  it('stays silent when notifications are off, and does not storm when they are turned back on', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, notifications: false });
    const { notifier, create } = makeNotifier();
    await notifier.notifyNewMail([message('m1')]);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, notifications: true });
    await notifier.notifyNewMail([message('m1')]);
    expect(create).not.toHaveBeenCalled();
  });

  it('round-trips notification ids and rejects foreign ones', () => {
    const target = { mailboxId: 'a:b@c', messageId: 'x|y', code: '12', link: 'https://e.example/v?a=1' };
    expect(decodeNotificationId(encodeNotificationId(target))).toEqual(target);
    expect(decodeNotificationId('other')).toBeNull();
    expect(decodeNotificationId('mayfly-mail|{bad')).toBeNull();
  });
});

describe('notification clicks', () => {
  const target = { mailboxId: mailbox.id, messageId: 'm1', code: '482913' };

  function makeClicks(opts: { clickCopiesCode?: boolean; copyFails?: boolean } = {}) {
    const calls: string[] = [];
    const handlers = createNotificationClickHandlers({
      clickCopiesCode: opts.clickCopiesCode ?? false,
      copy: async (text) => {
        calls.push(`copy ${text}`);
        if (opts.copyFails) throw new Error('The browser refused to copy to the clipboard.');
      },
      openMessage: async (mailboxId, messageId) => void calls.push(`open ${mailboxId}/${messageId}`),
      openLink: async (url) => void calls.push(`link ${url}`),
      openOptions: async () => void calls.push('options'),
      clear: async (id) => void calls.push(`clear ${decodeNotificationId(id)?.messageId}`),
    });
    return { handlers, calls };
  }

  it('copies the code from the first button and clears the notification', async () => {
    const { handlers, calls } = makeClicks();
    await handlers.onButtonClicked(encodeNotificationId(target), 0);
    expect(calls).toEqual(['copy 482913', 'clear m1']);
  });

  it('opens the message when the browser refuses the copy, instead of failing', async () => {
    const { handlers, calls } = makeClicks({ copyFails: true });
    await expect(handlers.onButtonClicked(encodeNotificationId(target), 0)).resolves.toBeUndefined();
    expect(calls).toEqual(['copy 482913', `open ${mailbox.id}/m1`, 'clear m1']);
  });

  it('opens a web link from a mail without a code, and the message otherwise', async () => {
    const { handlers, calls } = makeClicks();
    const withLink = { mailboxId: mailbox.id, messageId: 'm2', link: 'https://site.example/confirm' };
    await handlers.onButtonClicked(encodeNotificationId(withLink), 0);
    await handlers.onButtonClicked(encodeNotificationId(target), 1);
    expect(calls).toEqual([
      'link https://site.example/confirm',
      'clear m2',
      `open ${mailbox.id}/m1`,
      'clear m1',
    ]);
  });

  it('copies the code on a click where notifications have no buttons, then opens the message', async () => {
    const { handlers, calls } = makeClicks({ clickCopiesCode: true, copyFails: true });
    await handlers.onClicked(encodeNotificationId(target));
    expect(calls).toEqual(['copy 482913', `open ${mailbox.id}/m1`, 'clear m1']);
  });

  it('opens Options from the key-refused notification and ignores ids that are not ours', async () => {
    const { handlers, calls } = makeClicks();
    await handlers.onClicked(authNotificationId('tempmailg'));
    await handlers.onClicked('someone-else|1');
    await handlers.onButtonClicked('someone-else|1', 0);
    expect(calls).toEqual(['options']);
  });
});
