import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createNotifier, decodeNotificationId, encodeNotificationId } from '../../../lib/background/notifier';
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
