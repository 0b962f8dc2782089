import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../lib/core/errors';
import type { CreatedMailbox, ProviderMessage } from '../../../lib/core/types';
import { storeNewMailbox } from '../../../lib/background/mailboxes';
import { createPoller, type NewMail, type PollerDeps } from '../../../lib/background/poller';
import { capabilitiesOf } from '../../../lib/providers/registry';
import type { ListResult, TempMailProvider } from '../../../lib/providers/types';
import { accountStateItem, mailboxesItem, pollStateItem } from '../../../lib/storage/items';
import { inboxKey, mailCountsItem, readBody, readInbox, watchInbox } from '../../../lib/storage/mail-store';
import { HARD_MAX_MESSAGES_PER_MAILBOX, MAX_SUBJECT_CHARS } from '../../../lib/core/mail-merge';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resetBackgroundWorld } from './setup';

const T0 = 1_800_000_000_000;

function created(address = 'box@lol.test'): CreatedMailbox {
  return {
    provider: 'tempmail-lol',
    address,
    domain: 'lol.test',
    createdAt: T0,
    expiresAt: T0 + 3_600_000,
    credentials: { kind: 'tempmail-lol', token: 'tok', api: 'v2' },
  };
}

const mail = (id: string, subject = 'Your code is 482913'): ProviderMessage => ({
  id,
  from: { address: 'noreply@site.example' },
  subject,
  receivedAt: T0 + 1_000,
  hasBody: true,
  text: subject,
  attachments: [],
});

/** A provider whose inbox answers come from a queue: each entry is a result or an error. */
function fakeProvider(queue: (ListResult | AppError)[]) {
  const listMessages = vi.fn(async () => {
    const next = queue.shift() ?? { messages: [], expired: false };
    if (next instanceof AppError) throw next;
    return next;
  });
  const provider = {
    id: 'tempmail-lol',
    capabilities: capabilitiesOf('tempmail-lol'),
    probe: vi.fn(),
    createMailbox: vi.fn(),
    listMessages,
    getMessage: vi.fn(),
    lastRateLimit: () => undefined,
  } as unknown as TempMailProvider;
  return { provider, listMessages };
}

function setup(queue: (ListResult | AppError)[], clock = { now: T0 }) {
  const { provider, listMessages } = fakeProvider(queue);
  const announced: NewMail[][] = [];
  const storedWhenAnnounced: number[] = [];
  const authRefused: string[] = [];
  const deps: PollerDeps = {
    now: () => clock.now,
    random: () => 0.5,
    providerFor: async () => provider,
    onNewMail: async (m) => {
      // Persist before notify: by now the mail must already be in storage.
      const stored = await readInbox(m[0]!.mailbox.id);
      storedWhenAnnounced.push(stored.length);
      announced.push(m);
    },
    sleep: async () => {},
    onAuthRefused: async (p) => {
      authRefused.push(p);
    },
  };
  return {
    poller: createPoller(deps),
    listMessages,
    announced,
    storedWhenAnnounced,
    authRefused,
    clock,
    deps,
  };
}

describe('poller', () => {
  beforeEach(resetBackgroundWorld);

  it('stores destructive-read mail before announcing it, with the code extracted', async () => {
    const mb = await storeNewMailbox(created(), {}, T0, 60_000);
    const w = setup([{ messages: [mail('m1')], expired: false }]);
    expect(await w.poller.poll(mb.id, { force: true })).toEqual({ status: 'ok', added: 1 });
    expect(w.storedWhenAnnounced).toEqual([1]);
    const stored = await readInbox(mb.id);
    expect(stored[0]).toMatchObject({ id: 'm1', code: '482913', seen: false, attachmentCount: 0 });
    // The body is kept apart, and the counts the badge reads follow.
    expect((await readBody(mb.id, 'm1'))?.text).toBe('Your code is 482913');
    expect((await mailCountsItem.getValue())[mb.id]).toMatchObject({ total: 1, unread: 1 });
  });

  it('keeps mail already fetched when later reads come back empty', async () => {
    const mb = await storeNewMailbox(created(), {}, T0, 60_000);
    const w = setup([
      { messages: [mail('m1')], expired: false },
      { messages: [], expired: false },
    ]);
    await w.poller.poll(mb.id, { force: true });
    w.clock.now += 5_000;
    await w.poller.poll(mb.id, { force: true });
    expect((await readInbox(mb.id)).map((m) => m.id)).toEqual(['m1']);
  });

  it('does not announce what the first sync of an imported mailbox finds', async () => {
    const mb = await storeNewMailbox(created(), {}, T0, 60_000);
    await pollStateItem.setValue({ [mb.id]: { failures: 0, primed: false } });
    const w = setup([
      { messages: [mail('old')], expired: false },
      { messages: [mail('new')], expired: false },
    ]);
    await w.poller.poll(mb.id, { force: true });
    expect(w.announced).toEqual([]);
    w.clock.now += 5_000;
    await w.poller.poll(mb.id, { force: true });
    expect(w.announced.flat().map((m) => m.message.id)).toEqual(['new']);
  });

  it('backs off after a server error, keeps stored mail, and recovers', async () => {
    const mb = await storeNewMailbox(created(), {}, T0, 60_000);
    const w = setup([
      { messages: [mail('m1')], expired: false },
      new AppError('server', 'The server had a problem.', { status: 500 }),
      { messages: [mail('m2')], expired: false },
    ]);
    await w.poller.poll(mb.id, { force: true });
    w.clock.now += 5_000;
    const failed = await w.poller.poll(mb.id, { force: true });
    expect(failed.status).toBe('failed');
    const st = (await pollStateItem.getValue())[mb.id]!;
    expect(st.failures).toBe(1);
    expect(st.lastError?.kind).toBe('server');
    expect(st.nextAllowedAt).toBeGreaterThan(w.clock.now);
    expect((await readInbox(mb.id)).map((m) => m.id)).toEqual(['m1']);
    // Inside the backoff even a forced poll makes no request.
    expect(await w.poller.poll(mb.id, { force: true })).toEqual({ status: 'skipped', reason: 'paused' });
    expect(w.listMessages).toHaveBeenCalledTimes(2);
    w.clock.now = st.nextAllowedAt! + 1;
    expect(await w.poller.poll(mb.id, { force: true })).toEqual({ status: 'ok', added: 1 });
    const after = (await pollStateItem.getValue())[mb.id]!;
    expect(after.failures).toBe(0);
    expect(after.lastError).toBeUndefined();
  });

  it('clears the error in the same write that stores the mail (no reader sees new mail beside it)', async () => {
    const mb = await storeNewMailbox(created(), {}, T0, 60_000);
    const w = setup([
      new AppError('network', 'Could not reach the API.'),
      { messages: [mail('m1')], expired: false },
    ]);
    await w.poller.poll(mb.id, { force: true });
    expect((await pollStateItem.getValue())[mb.id]?.lastError?.kind).toBe('network');
    // What the popup would read the moment the mail appears.
    const seenWithMail: (string | undefined)[] = [];
    const stop = watchInbox(mb.id, (list) => {
      if (list.length === 0) return;
      void pollStateItem.getValue().then((states) => seenWithMail.push(states[mb.id]?.lastError?.kind));
    });
    w.clock.now = (await pollStateItem.getValue())[mb.id]!.nextAllowedAt! + 1;
    expect(await w.poller.poll(mb.id, { force: true })).toMatchObject({ status: 'ok' });
    await vi.waitFor(() => expect(seenWithMail.length).toBeGreaterThan(0));
    stop();
    expect(seenWithMail).toEqual([undefined]);
  });

  it('pauses the whole account when the key is refused', async () => {
    const mb = await storeNewMailbox(created(), {}, T0, 60_000);
    const w = setup([new AppError('auth', 'The API key was refused.', { status: 401 })]);
    await w.poller.poll(mb.id, { force: true });
    expect((await accountStateItem.getValue())['tempmail-lol']?.authPaused).toBe(true);
    w.clock.now += 600_000;
    expect(await w.poller.poll(mb.id, { force: true })).toEqual({ status: 'skipped', reason: 'paused' });
    expect(w.listMessages).toHaveBeenCalledTimes(1);
    expect(w.authRefused).toEqual(['tempmail-lol']);
  });

  it('marks a mailbox expired when the provider says so and stops asking', async () => {
    const mb = await storeNewMailbox(created(), {}, T0, 60_000);
    const w = setup([{ messages: [], expired: true }]);
    await w.poller.poll(mb.id, { force: true });
    expect((await mailboxesItem.getValue())[0]!.expired).toBe(true);
    w.clock.now += 60_000;
    expect(await w.poller.poll(mb.id, { force: true })).toEqual({ status: 'skipped', reason: 'expired' });
  });

  it('makes no request for a mailbox past its deadline', async () => {
    const mb = await storeNewMailbox(created(), {}, T0, 60_000);
    const w = setup([], { now: T0 + 3_600_001 });
    expect(await w.poller.poll(mb.id, { force: true })).toEqual({ status: 'skipped', reason: 'expired' });
    expect(w.listMessages).not.toHaveBeenCalled();
  });

  it('shares one request between overlapping polls; only a live lease blocks', async () => {
    const mb = await storeNewMailbox(created(), {}, T0, 60_000);
    const w = setup([{ messages: [mail('m1')], expired: false }]);
    const [a, b] = await Promise.all([
      w.poller.poll(mb.id, { force: true }),
      w.poller.poll(mb.id, { force: true }),
    ]);
    expect(a).toEqual(b);
    expect(w.listMessages).toHaveBeenCalledTimes(1);

    // A lease this worker holds blocks a second poll of the same mailbox.
    const states = await pollStateItem.getValue();
    const held = { ...states[mb.id]!, leaseUntil: w.clock.now + 10_000 };
    w.clock.now += 5_000;
    const self = createPoller({ ...w.deps, instanceId: 'worker-1' });
    await pollStateItem.setValue({ [mb.id]: { ...held, leaseOwner: 'worker-1' } });
    expect(await self.poll(mb.id, { force: true })).toEqual({ status: 'skipped', reason: 'leased' });
    // A lease left by a worker that was stopped mid-poll is stale: a restarted worker polls at once.
    const restarted = createPoller({ ...w.deps, instanceId: 'worker-2' });
    expect((await restarted.poll(mb.id, { force: true })).status).toBe('ok');
    expect(w.listMessages).toHaveBeenCalledTimes(2);
  });

  it('respects the interval unless forced', async () => {
    const mb = await storeNewMailbox(created(), {}, T0, 0);
    const w = setup([
      { messages: [], expired: false },
      { messages: [], expired: false },
    ]);
    await w.poller.poll(mb.id);
    w.clock.now += 10_000;
    expect(await w.poller.poll(mb.id)).toEqual({ status: 'skipped', reason: 'not-due' });
    w.clock.now += 50_000;
    expect((await w.poller.poll(mb.id)).status).toBe('ok');
  });

  it('keeps the API floor between two reads even when forced ("Check now")', async () => {
    const mb = await storeNewMailbox(created(), {}, T0, 60_000);
    const w = setup([
      { messages: [], expired: false },
      { messages: [], expired: false },
    ]);
    await w.poller.poll(mb.id, { force: true });
    // TempMail.lol allows one read per second per inbox; the clock stands still, so the wait never ends.
    w.clock.now += 300;
    expect(await w.poller.poll(mb.id, { force: true })).toMatchObject({
      status: 'skipped',
      reason: 'too-soon',
    });
    expect(w.listMessages).toHaveBeenCalledTimes(1);
    w.clock.now += 700;
    expect((await w.poller.poll(mb.id, { force: true })).status).toBe('ok');
  });

  it("writes only the polled mailbox's mail: never another mailbox's summaries, nor the old one-key layout", async () => {
    const a = await storeNewMailbox(created('a@lol.test'), {}, T0, 60_000);
    const b = await storeNewMailbox(created('b@lol.test'), {}, T0, 60_000);
    const w = setup([
      { messages: [mail('b1')], expired: false },
      { messages: [mail('a1')], expired: false },
    ]);
    await w.poller.poll(b.id, { force: true });
    const touched: string[] = [];
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await w.poller.poll(a.id, { force: true });
    for (const [keys] of get.mock.calls) touched.push(...[keys ?? []].flat().map(String));
    for (const [items] of set.mock.calls) touched.push(...Object.keys(items));
    get.mockRestore();
    set.mockRestore();
    expect(touched).toContain(inboxKey(a.id).slice('local:'.length));
    expect(touched).not.toContain(inboxKey(b.id).slice('local:'.length));
    expect(touched).not.toContain('messages');
    expect((await readInbox(b.id)).map((m) => m.id)).toEqual(['b1']);
  });

  it('holds a flood to the per-mailbox ceiling and records how much unread mail was dropped', async () => {
    const mb = await storeNewMailbox(created(), {}, T0, 60_000);
    const flood = Array.from({ length: HARD_MAX_MESSAGES_PER_MAILBOX + 300 }, (_, i) => ({
      ...mail(`f${i}`, 'x'.repeat(MAX_SUBJECT_CHARS * 4)),
      receivedAt: T0 + i,
      from: { name: 'n'.repeat(10_000), address: `${'a'.repeat(5_000)}@spam.example` },
    }));
    const w = setup([{ messages: flood, expired: false }]);
    expect(await w.poller.poll(mb.id, { force: true })).toEqual({
      status: 'ok',
      added: HARD_MAX_MESSAGES_PER_MAILBOX,
    });
    const stored = await readInbox(mb.id);
    expect(stored.length).toBe(HARD_MAX_MESSAGES_PER_MAILBOX);
    // The newest are kept.
    expect(stored[0]!.id).toBe(`f${HARD_MAX_MESSAGES_PER_MAILBOX + 299}`);
    expect(stored[0]!.subject.length).toBe(MAX_SUBJECT_CHARS);
    expect(stored[0]!.from.name!.length).toBeLessThanOrEqual(200);
    expect(stored[0]!.from.address!.length).toBeLessThanOrEqual(320);
    expect((await pollStateItem.getValue())[mb.id]?.dropped).toEqual({ count: 300, at: w.clock.now });
    expect(await readBody(mb.id, 'f0')).toBeUndefined();
  });
});
