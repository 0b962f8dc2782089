import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppError } from '../../../lib/core/errors';
import {
  accountStateItem,
  activeMailboxItem,
  DEFAULT_SETTINGS,
  mailboxesItem,
  pollStateItem,
  quotaItem,
  settingsItem,
} from '../../../lib/storage/items';
import { createPopupModel, WATCH_HEARTBEAT_MS } from '../../../lib/ui/models/popup-model';
import { capabilitiesOf, fakeSend, mailbox, message, PLAIN, RICH, storeInbox } from './fixtures';
import { inboxKey } from '../../../lib/storage/mail-store';
import { popupStorageItems } from '../../../lib/ui/models/popup-items';

const items = popupStorageItems;

const alpha = mailbox({ address: 'alpha@example.test', expiresAt: 100_000 });
const beta = mailbox({
  address: 'beta@example.test',
  provider: 'tempmail-lol',
  id: 'tempmail-lol:beta@example.test',
});

function setup(send = fakeSend().send, clock = () => 40_000) {
  const intervals: { run: () => void; ms: number }[] = [];
  const model = createPopupModel({
    items,
    send,
    capabilitiesOf: capabilitiesOf({ tempmailg: RICH, 'tempmail-lol': PLAIN }),
    clock,
    setInterval: (run, ms) => intervals.push({ run, ms }),
    clearInterval: () => undefined,
  });
  return { model, intervals };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('popup model', () => {
  it('renders from storage: mailboxes, the active one and its inbox', async () => {
    await mailboxesItem.setValue([alpha, beta]);
    await activeMailboxItem.setValue(beta.id);
    await storeInbox(beta.id, [message({ mailboxId: beta.id }), message({ id: 'm2', seen: true })]);
    const { model } = setup();
    await model.load();
    expect(model.activeMailbox.value?.address).toBe('beta@example.test');
    expect(model.inbox.value).toHaveLength(2);
    expect(model.unreadCount.value).toBe(1);
  });

  it('follows storage changes written by the background', async () => {
    const { model } = setup();
    await model.load();
    expect(model.activeMailbox.value).toBeNull();
    await mailboxesItem.setValue([alpha]);
    await vi.waitFor(() => expect(model.activeMailbox.value?.id).toBe(alpha.id));
  });

  it('asks the background to watch the shown mailbox, refreshes, and repeats the watch as a heartbeat', async () => {
    await mailboxesItem.setValue([alpha, beta]);
    const fake = fakeSend();
    const { model, intervals } = setup(fake.send);
    await model.load();
    model.start();
    expect(fake.ofType('watchMailbox').map((m) => m.data)).toEqual([{ mailboxId: alpha.id }]);
    expect(fake.ofType('refresh').map((m) => m.data)).toEqual([{ mailboxId: alpha.id }]);
    const heartbeat = intervals.find((i) => i.ms === WATCH_HEARTBEAT_MS)!;
    heartbeat.run();
    expect(fake.ofType('watchMailbox')).toHaveLength(2);
    await model.selectMailbox(beta.id);
    expect(fake.ofType('watchMailbox').at(-1)?.data).toEqual({ mailboxId: beta.id });
    // The background is the one writer of the shown mailbox: the popup asks it.
    expect(fake.ofType('selectMailbox').map((m) => m.data)).toEqual([{ mailboxId: beta.id }]);
    model.dispose();
  });

  it('creates a mailbox with the provider chosen in Options and shows it', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, provider: 'tempmailg' });
    const created = mailbox({ address: 'new@example.test' });
    const fake = fakeSend({ createMailbox: () => created });
    const { model } = setup(fake.send);
    await model.load();
    await model.createMailbox({ username: 'new', domain: 'example.test' });
    expect(fake.ofType('createMailbox')[0]?.data).toEqual({
      provider: 'tempmailg',
      username: 'new',
      domain: 'example.test',
    });
    expect(model.activeId.value).toBe(created.id);
    expect(model.busy.value).toBeNull();
  });

  it('keeps a failed command as an error to show', async () => {
    const fake = fakeSend({
      createMailbox: () => {
        throw new AppError('quota-exhausted', 'used up').toJSON();
      },
    });
    const { model } = setup(fake.send);
    await model.load();
    expect(await model.createMailbox()).toBeUndefined();
    expect(model.actionError.value).toMatchObject({ name: 'AppError', kind: 'quota-exhausted' });
  });

  it('renames and relabels through the background', async () => {
    await mailboxesItem.setValue([alpha]);
    const fake = fakeSend({ renameMailbox: () => alpha, updateMailbox: () => alpha });
    const { model } = setup(fake.send);
    await model.load();
    await model.renameMailbox(alpha.id, 'bravo', 'example.test');
    await model.setLabel(alpha.id, '  Shop  ');
    expect(fake.sent.map((m) => m.type)).toEqual(['renameMailbox', 'updateMailbox']);
    expect(fake.sent[0]?.data).toEqual({ mailboxId: alpha.id, username: 'bravo', domain: 'example.test' });
    expect(fake.sent[1]?.data).toEqual({ mailboxId: alpha.id, label: 'Shop' });
  });

  it('deletes a mailbox only after confirmation, then shows the next one', async () => {
    await mailboxesItem.setValue([alpha, beta]);
    await activeMailboxItem.setValue(alpha.id);
    const fake = fakeSend();
    const { model } = setup(fake.send);
    await model.load();
    model.requestDeleteMailbox(alpha);
    expect(model.confirmation.pending.value?.title).toBe('Delete this address?');
    expect(fake.ofType('deleteMailbox')).toHaveLength(0);
    await model.confirmation.confirm();
    expect(fake.ofType('deleteMailbox')[0]?.data).toEqual({ mailboxId: alpha.id });
    expect(model.confirmation.pending.value).toBeNull();
    // The background forgets it and moves the shown mailbox on (lib/background/mailboxes forgetLocally);
    // the popup follows storage.
    await mailboxesItem.setValue([beta]);
    await activeMailboxItem.setValue(beta.id);
    await vi.waitFor(() => expect(model.activeMailbox.value?.id).toBe(beta.id));
  });

  it('says "forget" where the provider cannot delete mailboxes, and cancelling sends nothing', async () => {
    await mailboxesItem.setValue([beta]);
    const fake = fakeSend();
    const { model } = setup(fake.send);
    await model.load();
    model.requestDeleteMailbox(beta);
    expect(model.confirmation.pending.value?.title).toBe('Forget this address?');
    expect(model.confirmation.pending.value?.body).toContain('beta@example.test');
    model.confirmation.cancel();
    expect(model.confirmation.pending.value).toBeNull();
    expect(fake.sent.filter((m) => m.type === 'deleteMailbox')).toHaveLength(0);
  });

  it('deletes a message after confirmation', async () => {
    const fake = fakeSend();
    const { model } = setup(fake.send);
    await model.load();
    const after = vi.fn();
    model.requestDeleteMessage(message(), after);
    expect(fake.sent).toHaveLength(0);
    await model.confirmation.confirm();
    expect(fake.ofType('deleteMessage')[0]?.data).toEqual({ mailboxId: alpha.id, messageId: 'm1' });
    expect(after).toHaveBeenCalled();
  });

  it('removes a message here only, and says so, where the API cannot delete messages', async () => {
    await mailboxesItem.setValue([alpha, beta]);
    const fake = fakeSend();
    const { model } = setup(fake.send);
    await model.load();
    expect(model.deletesMessagesOnServer(beta.id)).toBe(false);
    model.requestDeleteMessage(message({ mailboxId: beta.id, subject: 'Your code' }));
    const asked = model.confirmation.pending.value!;
    expect(asked.title).toBe('Remove this message from Mayfly?');
    expect(asked.body).toContain('“Your code”');
    expect(asked.body).toContain('from this browser only');
    expect(asked.confirmLabel).toBe('Remove');
    await model.confirmation.confirm();
    expect(fake.ofType('deleteMessage')[0]?.data).toEqual({ mailboxId: beta.id, messageId: 'm1' });

    expect(model.deletesMessagesOnServer(alpha.id)).toBe(true);
    model.requestDeleteMessage(message({ mailboxId: alpha.id }));
    expect(model.confirmation.pending.value?.title).toBe('Delete this message?');
  });

  it("clears a failed refresh's error once a later poll succeeds; a failed create stays", async () => {
    await mailboxesItem.setValue([alpha]);
    let now = 50_000;
    const fake = fakeSend({
      refresh: () => {
        throw new AppError('server', 'down').toJSON();
      },
      createMailbox: () => {
        throw new AppError('network', 'offline').toJSON();
      },
    });
    const { model } = setup(fake.send, () => now);
    await model.load();
    await model.refresh();
    expect(model.actionError.value).toMatchObject({ kind: 'server' });
    // A poll that finished before the failure proves nothing.
    await pollStateItem.setValue({ [alpha.id]: { failures: 0, primed: true, lastSuccessAt: 49_000 } });
    await new Promise((r) => setTimeout(r, 0));
    expect(model.actionError.value).toMatchObject({ kind: 'server' });
    await pollStateItem.setValue({ [alpha.id]: { failures: 0, primed: true, lastSuccessAt: 51_000 } });
    await vi.waitFor(() => expect(model.actionError.value).toBeNull());

    now = 60_000;
    await model.createMailbox();
    await pollStateItem.setValue({ [alpha.id]: { failures: 0, primed: true, lastSuccessAt: 61_000 } });
    await new Promise((r) => setTimeout(r, 0));
    expect(model.actionError.value).toMatchObject({ kind: 'network' });
  });

  it('asks about community domains when "Try another domain" needs them, then tries again with the answer', async () => {
    const forSite = { ...beta, site: 'shop.example' };
    await mailboxesItem.setValue([forSite]);
    const other = mailbox({ address: 'x@rush.example', provider: 'tempmail-lol', site: 'shop.example' });
    let answered = false;
    const fake = fakeSend({
      tryOtherDomain: () => {
        if (!answered) {
          throw new AppError('unsupported', 'ask first', { reason: 'community-ask' }).toJSON();
        }
        return { mailbox: other, filled: false };
      },
      setCommunityDomains: () => {
        answered = true;
      },
    });
    const { model } = setup(fake.send);
    await model.load();
    await model.tryOtherDomain(forSite);
    expect(model.communityQuestion.value?.id).toBe(forSite.id);
    expect(model.actionError.value).toBeNull();
    await model.answerCommunity(true);
    expect(fake.ofType('setCommunityDomains').map((m) => m.data)).toEqual([{ allow: true }]);
    expect(fake.ofType('tryOtherDomain')).toHaveLength(2);
    expect(model.communityQuestion.value).toBeNull();
    expect(model.otherDomain.value?.address).toBe('x@rush.example');
  });

  it('knows when a mailbox is past its deadline and how long is left', async () => {
    const { model } = setup(fakeSend().send, () => 40_000);
    await model.load();
    expect(model.isExpired(alpha)).toBe(false);
    expect(model.msLeft(alpha)).toBe(60_000);
    expect(model.isExpired({ ...alpha, expiresAt: 39_000 })).toBe(true);
    expect(model.isExpired({ ...alpha, expired: true })).toBe(true);
  });

  it("searches addresses, labels and sites, and every mailbox's mail, reading summaries only once", async () => {
    const many = ['a', 'b', 'c', 'd'].map((n) => mailbox({ address: `${n}@x.test` }));
    const shop = mailbox({ address: 'e@x.test', site: 'shop.example', label: 'Groceries' });
    await mailboxesItem.setValue([...many, shop]);
    await storeInbox(many[2]!.id, [
      message({
        id: 'c1',
        mailboxId: many[2]!.id,
        from: { name: 'Café Shop', address: 'hi@cafeshop.test' },
        subject: 'Welcome',
        code: '731904',
      }),
      message({ id: 'c2', mailboxId: many[2]!.id, from: { address: 'news@paper.test' }, subject: 'News' }),
    ]);
    const { model } = setup();
    await model.load();
    const reads = vi.spyOn(fakeBrowser.storage.local, 'get');
    // Nothing is read for search until the person searches.
    expect(reads).not.toHaveBeenCalled();
    model.search.setQuery('SHOP');
    await vi.waitFor(() => expect(model.search.complete.value).toBe(true));
    expect(model.search.results.value?.mailboxes.map((m) => m.address)).toEqual(['e@x.test']);
    // Accents and case do not matter; the mail of a mailbox that is not shown is found too.
    expect(model.search.results.value?.mail.map((h) => h.message.id)).toEqual(['c1']);
    const readsAfterFirst = reads.mock.calls.length;
    for (const q of ['cafe', 'groceries', '731904', 'c@x', 'nothing-like-this']) model.search.setQuery(q);
    expect(reads.mock.calls.length).toBe(readsAfterFirst);
    reads.mockRestore();
    model.search.setQuery('731904');
    expect(model.search.results.value?.mail[0]?.mailbox.id).toBe(many[2]!.id);
    model.search.setQuery('groceries');
    expect(model.search.results.value?.mailboxes.map((m) => m.id)).toEqual([shop.id]);
    model.search.setQuery('  ');
    expect(model.search.active.value).toBe(false);
    expect(model.search.results.value).toBeNull();
  });

  it('lists pinned mailboxes first, each group newest first as stored', async () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => mailbox({ address: `${n}@x.test` }));
    await mailboxesItem.setValue([a!, { ...b!, pinned: true }, c!, { ...d!, pinned: true }]);
    const { model } = setup();
    await model.load();
    expect(model.orderedMailboxes.value.map((m) => m.address)).toEqual([
      'b@x.test',
      'd@x.test',
      'a@x.test',
      'c@x.test',
    ]);
  });

  it('shows quota, poll errors and a refused key for the shown provider', async () => {
    await mailboxesItem.setValue([alpha]);
    await quotaItem.setValue({ tempmailg: { limit: 100, used: 40, observedAt: 1 } });
    await pollStateItem.setValue({
      [alpha.id]: { failures: 2, primed: true, lastError: new AppError('timeout', 'slow').toJSON() },
    });
    await accountStateItem.setValue({ tempmailg: { authPaused: true, authNotified: true } });
    const { model } = setup();
    await model.load();
    expect(model.quota.value?.used).toBe(40);
    expect(model.pollError.value?.kind).toBe('timeout');
    expect(model.authPaused.value).toBe(true);
  });

  it("reads the shown mailbox's summaries only, and switches its watch with the shown mailbox", async () => {
    await mailboxesItem.setValue([alpha, beta]);
    await activeMailboxItem.setValue(beta.id);
    await storeInbox(alpha.id, [message({ id: 'a1', mailboxId: alpha.id })]);
    await storeInbox(beta.id, [message({ id: 'b1', mailboxId: beta.id })]);
    const read: string[] = [];
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const { model } = setup();
    await model.load();
    for (const [keys] of get.mock.calls) read.push(...[keys ?? []].flat().map(String));
    expect(read).toContain(inboxKey(beta.id).slice('local:'.length));
    expect(read).not.toContain(inboxKey(alpha.id).slice('local:'.length));
    get.mockRestore();
    expect(model.inbox.value.map((m) => m.id)).toEqual(['b1']);
    await model.selectMailbox(alpha.id);
    await vi.waitFor(() => expect(model.inbox.value.map((m) => m.id)).toEqual(['a1']));
    // New mail in the shown mailbox arrives through the watch; the other mailbox's does not show here.
    await storeInbox(beta.id, [message({ id: 'b2', mailboxId: beta.id })]);
    await storeInbox(alpha.id, [message({ id: 'a2', mailboxId: alpha.id, receivedAt: 2_000 })]);
    await vi.waitFor(() => expect(model.inbox.value.map((m) => m.id)).toEqual(['a2']));
  });

  it('does not ask for a second watch or a forced poll for a mailbox it just made (it is hot already)', async () => {
    const created = mailbox({ address: 'new@example.test' });
    const fake = fakeSend({ createMailbox: () => created });
    const { model } = setup(fake.send);
    await model.load();
    model.start();
    await model.createMailbox();
    await mailboxesItem.setValue([created]);
    await vi.waitFor(() => expect(model.activeMailbox.value?.id).toBe(created.id));
    expect(fake.ofType('watchMailbox')).toEqual([]);
    expect(fake.ofType('refresh')).toEqual([]);
    model.dispose();
  });
});
