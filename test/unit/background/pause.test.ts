import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeView, PAUSED_BADGE } from '../../../lib/background/badge';
import { storeNewMailbox } from '../../../lib/background/mailboxes';
import { PAUSE_ALARM, endPauseIfOver, followPause, pauseFor, resume } from '../../../lib/background/pause';
import { createPoller } from '../../../lib/background/poller';
import { createScheduler, POLL_ALARM } from '../../../lib/background/scheduler';
import { PAUSE_HOUR_MS } from '../../../lib/core/pause';
import type { CreatedMailbox } from '../../../lib/core/types';
import { capabilitiesOf } from '../../../lib/providers/registry';
import type { TempMailProvider } from '../../../lib/providers/types';
import { pauseItem, pollStateItem } from '../../../lib/storage/items';
import { readInbox } from '../../../lib/storage/mail-store';
import { resetBackgroundWorld } from './setup';

const T0 = Date.UTC(2026, 11, 3, 12, 0, 0);

const created: CreatedMailbox = {
  provider: 'tempmail-lol',
  address: 'box@lol.test',
  domain: 'lol.test',
  createdAt: T0,
  expiresAt: T0 + 3 * 3_600_000,
  credentials: { kind: 'tempmail-lol', token: 'tok', api: 'v2' },
};

/** A provider with one mail waiting on the server, handed out once (as TempMail.lol does). */
function serverWithOneMail() {
  let waiting = true;
  const listMessages = vi.fn(async () => {
    const messages = waiting
      ? [
          {
            id: 'm1',
            from: { address: 'noreply@shop.example' },
            subject: 'Your code is 482913',
            receivedAt: T0,
            hasBody: true,
            text: 'Your code is 482913',
            attachments: [],
          },
        ]
      : [];
    waiting = false;
    return { messages, expired: false };
  });
  const provider = {
    id: 'tempmail-lol',
    capabilities: capabilitiesOf('tempmail-lol'),
    listMessages,
    lastRateLimit: () => undefined,
  } as unknown as TempMailProvider;
  return { provider, listMessages };
}

describe('pause (issue 15)', () => {
  let now = T0;
  beforeEach(() => {
    resetBackgroundWorld();
    now = T0;
  });
  afterEach(() => vi.useRealTimers());

  it('stops every poll, even "check now", and the mail is fetched, and announced, after resuming', async () => {
    const mb = await storeNewMailbox(created, {}, T0, 60_000);
    await pollStateItem.setValue({ [mb.id]: { failures: 0, primed: true } });
    const server = serverWithOneMail();
    const announced: string[] = [];
    const poller = createPoller({
      now: () => now,
      random: () => 0.5,
      providerFor: async () => server.provider,
      onNewMail: async (mail) => void announced.push(...mail.map((m) => m.message.id)),
      onAuthRefused: async () => undefined,
      sleep: async () => undefined,
    });
    await pauseFor('indefinite', now);
    expect(await poller.poll(mb.id, { force: true })).toEqual({ status: 'skipped', reason: 'paused' });
    expect(server.listMessages).not.toHaveBeenCalled();
    now += 10 * 60_000;
    await resume();
    expect(await poller.poll(mb.id, { force: true })).toEqual({ status: 'ok', added: 1 });
    expect((await readInbox(mb.id)).map((m) => m.id)).toEqual(['m1']);
    expect(announced).toEqual(['m1']);
  });

  it('the schedule derives from the stored pause: none while open-ended, its end when timed, at once on resume', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const mb = await storeNewMailbox(created, {}, T0, 60_000);
    await pollStateItem.setValue({ [mb.id]: { failures: 0, primed: true, lastPollAt: T0 } });
    const poll = vi.fn(async () => ({ status: 'ok' as const, added: 0 }));
    const scheduler = createScheduler({
      poller: { poll } as never,
      alarms: fakeBrowser.alarms,
      now: Date.now,
    });
    const stop = scheduler.follow();
    await scheduler.reschedule();
    expect((await fakeBrowser.alarms.get(POLL_ALARM))?.scheduledTime).toBe(T0 + 60_000);

    await pauseFor('hour', Date.now());
    await vi.waitFor(async () =>
      expect((await fakeBrowser.alarms.get(POLL_ALARM))?.scheduledTime).toBe(T0 + PAUSE_HOUR_MS),
    );
    await pauseFor('indefinite', Date.now());
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(POLL_ALARM)).toBeUndefined());
    // Nothing polls while paused, however long it lasts.
    await vi.advanceTimersByTimeAsync(2 * PAUSE_HOUR_MS);
    await scheduler.tick();
    expect(poll).not.toHaveBeenCalled();

    await resume();
    // The mailbox has been due for a long time: the next poll is planned for now.
    await vi.waitFor(async () =>
      expect((await fakeBrowser.alarms.get(POLL_ALARM))?.scheduledTime).toBeLessThanOrEqual(
        Date.now() + 1_000,
      ),
    );
    await scheduler.tick();
    expect(poll).toHaveBeenCalledWith(mb.id);
    stop();
  });

  it('a timed pause gets an end alarm that clears it; an open-ended one gets none', async () => {
    // The in-memory alarms drop a time already past: this test runs on the real clock.
    now = Date.now();
    const stop = followPause({ alarms: fakeBrowser.alarms, now: () => now });
    const pause = await pauseFor('hour', now);
    await vi.waitFor(async () =>
      expect((await fakeBrowser.alarms.get(PAUSE_ALARM))?.scheduledTime).toBe(pause.until),
    );
    await endPauseIfOver(now + 1);
    expect(await pauseItem.getValue()).toEqual(pause);
    await endPauseIfOver(pause.until!);
    expect(await pauseItem.getValue()).toBeNull();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(PAUSE_ALARM)).toBeUndefined());
    await pauseFor('indefinite', now);
    await new Promise((r) => setTimeout(r, 0));
    expect(await fakeBrowser.alarms.get(PAUSE_ALARM)).toBeUndefined();
    stop();
  });

  it('refuses a pause choice it does not know', async () => {
    await expect(pauseFor('forever', now)).rejects.toMatchObject({ kind: 'validation' });
    expect(await pauseItem.getValue()).toBeNull();
  });

  it('the badge shows the pause and its end instead of the unread count, and the count again after', () => {
    const counts = { a: { total: 3, unread: 2, size: 10 } };
    const pause = { since: T0, until: T0 + PAUSE_HOUR_MS };
    const paused = badgeView(counts, pause, T0 + 1, 'en');
    expect(paused.text).toBe(PAUSED_BADGE);
    expect(paused.title).toContain('Paused until');
    expect(badgeView(counts, pause, T0 + PAUSE_HOUR_MS, 'en').text).toBe('2');
    expect(badgeView(counts, null, T0, 'en')).toMatchObject({ text: '2', title: 'Mayfly' });
  });
});
