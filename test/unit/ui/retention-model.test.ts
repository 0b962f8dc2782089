import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RETENTION_UNDO_MS } from '../../../lib/core/settings';
import { DEFAULT_SETTINGS, mailboxesItem, settingsItem } from '../../../lib/storage/items';
import { mailCountsItem } from '../../../lib/storage/mail-store';
import { createRetentionModel } from '../../../lib/ui/models/retention-model';
import { fakeSend, mailbox } from './fixtures';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;

function setup(send: ReturnType<typeof fakeSend>['send']) {
  const timers: { run: () => void; ms: number }[] = [];
  const model = createRetentionModel({
    settings: settingsItem,
    mailboxes: mailboxesItem,
    counts: mailCountsItem,
    send,
    clock: () => NOW,
    setTimeout: (run, ms) => timers.push({ run, ms }),
    clearTimeout: () => undefined,
  });
  return { model, timers };
}

const saveEchoes = () =>
  fakeSend({ saveSettings: (data) => (data as { settings: typeof DEFAULT_SETTINGS }).settings });

describe('Options: stored mail and retention', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await mailboxesItem.setValue([
      mailbox({ id: 'old', address: 'old@x.test', expired: true, expiresAt: NOW - 40 * DAY }),
      mailbox({ id: 'recent', address: 'recent@x.test', expired: true, expiresAt: NOW - 2 * DAY }),
      mailbox({ id: 'live', address: 'live@x.test', expiresAt: NOW + DAY }),
    ]);
    await mailCountsItem.setValue({
      old: { total: 12, unread: 0, size: 400_000 },
      recent: { total: 3, unread: 1, size: 100_000 },
      live: { total: 1, unread: 1, size: 5_000 },
    });
  });

  it('sums what is kept from the counts, without reading any mail', async () => {
    const { model } = setup(saveEchoes().send);
    await model.load();
    expect(model.usage.value).toEqual({ mailboxes: 3, messages: 16, size: 505_000 });
  });

  it('asks before a choice that forgets mailboxes now, and saves only when confirmed', async () => {
    const fake = saveEchoes();
    const { model } = setup(fake.send);
    await model.load();
    model.choose(30);
    expect(model.confirmation.pending.value?.body).toContain('1');
    expect(model.confirmation.pending.value?.body).toContain('12');
    expect(fake.ofType('saveSettings')).toHaveLength(0);
    model.confirmation.cancel();
    expect(fake.ofType('saveSettings')).toHaveLength(0);
    model.choose(7);
    await model.confirmation.confirm();
    expect(
      fake
        .ofType('saveSettings')
        .map(
          (m) => (m.data as { settings: { forgetExpiredAfterDays: number } }).settings.forgetExpiredAfterDays,
        ),
    ).toEqual([7]);
    expect(model.undoable.value).toEqual({ previous: 0, forgetting: 1 });
  });

  it('undoes within the window by saving the previous choice; the offer then goes', async () => {
    const fake = saveEchoes();
    const { model, timers } = setup(fake.send);
    await model.load();
    model.choose(7);
    await model.confirmation.confirm();
    expect(timers.at(-1)?.ms).toBe(RETENTION_UNDO_MS);
    await model.undo();
    const saved = fake
      .ofType('saveSettings')
      .map(
        (m) => (m.data as { settings: { forgetExpiredAfterDays: number } }).settings.forgetExpiredAfterDays,
      );
    expect(saved).toEqual([7, 0]);
    expect(model.undoable.value).toBeNull();
  });

  it('saves at once, without asking, a choice that forgets nothing now', async () => {
    const fake = saveEchoes();
    const { model } = setup(fake.send);
    await model.load();
    model.choose(90);
    expect(model.confirmation.pending.value).toBeNull();
    await vi.waitFor(() => expect(fake.ofType('saveSettings')).toHaveLength(1));
  });
});
