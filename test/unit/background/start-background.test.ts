import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storage } from 'wxt/utils/storage';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '../../../lib/background/main';
import { POLL_ALARM } from '../../../lib/background/scheduler';
import { PAUSED_BADGE } from '../../../lib/background/badge';
import { MENU_FILL_SITE, MENU_FILL_SITE_EXPIRED, MENU_RESUME } from '../../../lib/background/context-menu';
import { EXPIRY_ALARM } from '../../../lib/background/notifier';
import type { Mailbox } from '../../../lib/core/types';
import {
  DEFAULT_SETTINGS,
  expiryWarnedItem,
  mailboxesItem,
  pauseItem,
  pollStateItem,
  settingsItem,
  siteMemoryItem,
} from '../../../lib/storage/items';
import { commitInbox, mailSchemaItem, readInbox } from '../../../lib/storage/mail-store';
import { resetBackgroundWorld } from './setup';

const mb = (address: string, expiresAt: number | null): Mailbox => ({
  id: `tempmail-lol:${address}`,
  provider: 'tempmail-lol',
  address,
  domain: 'lol.test',
  createdAt: Date.now(),
  expiresAt,
  expired: false,
});

/** Browser APIs fakeBrowser leaves out, stubbed just enough for the background to wire itself. */
/** The fakeBrowser members this file replaces, put back after each test (other files share the object). */
const STUBBED = ['action', 'notifications', 'contextMenus', 'commands', 'scripting', 'permissions'] as const;
let restore: (() => void) | undefined;
afterEach(() => restore?.());

function stubMissingApis() {
  const badge = vi.fn(async (_d: { text: string }) => undefined);
  const menuUpdate = vi.fn(async (_id: string, _p: { visible: boolean }) => undefined);
  const b = fakeBrowser as unknown as Record<string, unknown>;
  const local = fakeBrowser.storage.local as unknown as Record<string, unknown>;
  const saved = STUBBED.map((name) => [name, b[name]] as const);
  const savedAccess = local.setAccessLevel;
  restore = () => {
    for (const [name, value] of saved) b[name] = value;
    local.setAccessLevel = savedAccess;
  };
  const listener = () => ({ addListener: () => undefined, removeListener: () => undefined });
  local.setAccessLevel = async () => undefined;
  b.action = { setBadgeText: badge, setBadgeBackgroundColor: async () => undefined };
  b.notifications = {
    create: vi.fn(async () => ''),
    clear: vi.fn(async () => true),
    onClicked: listener(),
    onButtonClicked: listener(),
  };
  b.contextMenus = {
    create: vi.fn(),
    update: menuUpdate,
    removeAll: vi.fn(async () => undefined),
    onClicked: listener(),
  };
  b.commands = { onCommand: listener() };
  b.scripting = {
    getRegisteredContentScripts: async () => [],
    unregisterContentScripts: async () => undefined,
  };
  b.permissions = { onAdded: listener(), onRemoved: listener(), contains: async () => false };
  return { badge, menuUpdate, menuCreate: b.contextMenus as { create: ReturnType<typeof vi.fn> } };
}

describe('startBackground (the real wiring, over fakeBrowser)', () => {
  beforeEach(resetBackgroundWorld);

  it('migrates v1 mail, then the badge and the schedule follow storage with nobody calling them', async () => {
    const { badge, menuUpdate, menuCreate } = stubMissingApis();
    const box = mb('a@lol.test', Date.now() + 3_600_000);
    await mailboxesItem.setValue([box]);
    await storage.setItem('local:messages', {
      [box.id]: [
        {
          id: 'm1',
          mailboxId: box.id,
          from: { address: 'x@shop.test' },
          subject: 'Hi',
          receivedAt: 1,
          fetchedAt: 1,
          seen: false,
          hasBody: true,
          text: 'hello',
          attachments: [],
        },
      ],
    });
    startBackground();
    await vi.waitFor(async () => expect(await mailSchemaItem.getValue()).toBe(2));
    expect((await readInbox(box.id)).map((m) => m.id)).toEqual(['m1']);
    // The badge derives from the counts the migration wrote.
    await vi.waitFor(() => expect(badge.mock.calls.at(-1)?.[0]).toEqual({ text: '1' }));
    // A mailbox turning hot in storage plans a poll alarm; nothing calls the scheduler by hand.
    await pollStateItem.setValue({
      [box.id]: { failures: 0, primed: true, lastPollAt: Date.now(), hotUntil: Date.now() + 60_000 },
    });
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(POLL_ALARM)).toBeDefined());
    // Mail read elsewhere: the counts change and the badge clears.
    await commitInbox(
      box.id,
      (await readInbox(box.id)).map((m) => ({ ...m, seen: true })),
    );
    await vi.waitFor(() => expect(badge.mock.calls.at(-1)?.[0]).toEqual({ text: '' }));
    // Paused: the badge says so, the toolbar menu offers "Resume", and no poll is planned; resuming undoes it.
    await pauseItem.setValue({ since: Date.now(), until: null });
    await vi.waitFor(() => expect(badge.mock.calls.at(-1)?.[0]).toEqual({ text: PAUSED_BADGE }));
    await vi.waitFor(() => expect(menuUpdate).toHaveBeenCalledWith(MENU_RESUME, { visible: true }));
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(POLL_ALARM)).toBeUndefined());
    await pauseItem.setValue(null);
    await vi.waitFor(() => expect(badge.mock.calls.at(-1)?.[0]).toEqual({ text: '' }));
    await vi.waitFor(() => expect(menuUpdate).toHaveBeenLastCalledWith(MENU_RESUME, { visible: false }));
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(POLL_ALARM)).toBeDefined());
    // No live mailbox left: the alarm goes.
    await mailboxesItem.setValue([{ ...box, expired: true }]);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(POLL_ALARM)).toBeUndefined());

    const shown = (id: string) =>
      menuCreate.create.mock.calls.filter(([p]) => (p as { id: string }).id === id).at(-1)?.[0] as
        | { visible: boolean; documentUrlPatterns: string[] }
        | undefined;
    // A site's address nearing expiry, warnings on: an alarm for 10 minutes before it goes, nothing warned yet.
    const site = { ...mb('s@lol.test', Date.now() + 30 * 60_000), site: 'shop.example' };
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, expiryNotify: true, expiryWarningMinutes: 10 });
    await mailboxesItem.setValue([site]);
    await siteMemoryItem.setValue({ 'shop.example': site.id });
    await vi.waitFor(async () =>
      expect((await fakeBrowser.alarms.get(EXPIRY_ALARM))?.scheduledTime).toBe(site.expiresAt! - 10 * 60_000),
    );
    expect(await expiryWarnedItem.getValue()).toEqual([]);
    await vi.waitFor(() => expect(shown(MENU_FILL_SITE)?.visible).toBe(true));
    expect(shown(MENU_FILL_SITE_EXPIRED)?.visible).toBe(false);
    // The address goes: the menus are made again, "expired" in place of "use this site's address".
    await mailboxesItem.setValue([{ ...site, expired: true }]);
    await vi.waitFor(() => expect(shown(MENU_FILL_SITE_EXPIRED)?.visible).toBe(true));
    expect(shown(MENU_FILL_SITE_EXPIRED)?.documentUrlPatterns).toContain('https://shop.example/*');
    expect(shown(MENU_FILL_SITE)?.visible).toBe(false);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(EXPIRY_ALARM)).toBeUndefined());
  });
});
