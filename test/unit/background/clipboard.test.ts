import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { copyToClipboard, isFromBackground } from '../../../lib/background/clipboard';
import { resetBackgroundWorld } from './setup';

describe('copyToClipboard (Chrome, offscreen document)', () => {
  let created = 0;
  /** Creation finishes only once this resolves (at once unless a test holds it). */
  let creationGate: Promise<void>;
  /** Called with the running count each time a copy asks whether the document exists. */
  let onAsked: (count: number) => void;
  beforeEach(() => {
    resetBackgroundWorld();
    created = 0;
    creationGate = Promise.resolve();
    onAsked = () => undefined;
    let asked = 0;
    let exists = false;
    // A document appears only once its creation has finished, as in Chrome.
    (globalThis as unknown as { chrome: unknown }).chrome = {
      offscreen: {
        hasDocument: async () => {
          onAsked(++asked);
          return exists;
        },
        createDocument: async () => {
          await creationGate;
          if (exists) throw new Error('Only a single offscreen document may be created.');
          created++;
          exists = true;
        },
      },
    };
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(true as never);
  });
  afterEach(() => {
    delete (globalThis as unknown as { chrome?: unknown }).chrome;
    vi.restoreAllMocks();
  });

  it('creates the document once when two copies start together', async () => {
    // The race itself, without a clock: the first creation is still running when the second copy has
    // looked and found no document.
    creationGate = new Promise((release) => {
      onAsked = (count) => {
        if (count === 2) release();
      };
    });
    await Promise.all([copyToClipboard('111111'), copyToClipboard('222222')]);
    expect(created).toBe(1);
    expect(fakeBrowser.runtime.sendMessage).toHaveBeenCalledTimes(2);
  });

  it('fails loudly when the document refuses to copy', async () => {
    vi.mocked(fakeBrowser.runtime.sendMessage).mockResolvedValue(false as never);
    await expect(copyToClipboard('333333')).rejects.toThrow(/refused/);
  });
});

describe('the offscreen document answers the background only', () => {
  const ID = 'mayfly-id';
  const BACKGROUND = 'chrome-extension://mayfly-id/background.js';
  it.each([
    [{ id: ID, url: BACKGROUND }, true],
    [{ id: ID, url: 'https://shop.example/signup', tab: { id: 3 } }, false],
    [{ id: ID, url: BACKGROUND, tab: { id: 3 } }, false],
    [{ id: ID, url: 'chrome-extension://mayfly-id/popup.html' }, false],
    [{ id: 'other-extension', url: 'chrome-extension://other-extension/background.js' }, false],
    [{}, false],
  ])('%o -> %s', (sender, allowed) => {
    expect(isFromBackground(sender, ID, BACKGROUND)).toBe(allowed);
  });
});
