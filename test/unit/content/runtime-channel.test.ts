import { defineExtensionMessaging } from '@webext-core/messaging';
import { afterEach, describe, expect, it } from 'vitest';
import { answerBackground, askBackground, type RuntimeApi } from '../../../lib/content/runtime-channel';

type Listener = Parameters<RuntimeApi['runtime']['onMessage']['addListener']>[0];

/**
 * A stand-in for `browser.runtime` that records listeners and lets a test play the other side; `failure` is
 * what the browser rejects with when no listener answers.
 */
function fakeRuntime(reply?: unknown, failure?: string) {
  const listeners: Listener[] = [];
  const sent: unknown[] = [];
  const api: RuntimeApi = {
    runtime: {
      id: 'mayfly-id',
      onMessage: { addListener: (l) => listeners.push(l) },
      async sendMessage(message) {
        sent.push(message);
        if (failure) throw new Error(failure);
        return reply;
      },
    },
    i18n: { getMessage: (key) => key },
  };
  /** Delivers a message as the browser would; resolves with the reply, or 'no-reply'. */
  const deliver = (message: unknown, sender: { id?: string; tab?: unknown }) =>
    new Promise((resolve) => {
      const open = listeners.some((l) => l(message, sender, resolve));
      if (!open) resolve('no-reply');
    });
  return { api, deliver, sent };
}

const request = (type: string, data?: unknown) => ({ id: 7, type, data, timestamp: Date.now() });
const fromBackground = { id: 'mayfly-id' };

describe('answerBackground', () => {
  it('ignores other extensions, tabs, malformed envelopes and unknown types', async () => {
    const { api, deliver } = fakeRuntime();
    let calls = 0;
    answerBackground({ fillCode: () => ++calls }, api);
    await expect(deliver(request('fillCode'), { id: 'other-extension' })).resolves.toBe('no-reply');
    await expect(deliver(request('fillCode'), { id: 'mayfly-id', tab: { id: 3 } })).resolves.toBe('no-reply');
    await expect(deliver({ type: 'fillCode', data: {} }, fromBackground)).resolves.toBe('no-reply');
    await expect(deliver('fillCode', fromBackground)).resolves.toBe('no-reply');
    await expect(deliver(request('toString'), fromBackground)).resolves.toBe('no-reply');
    expect(calls).toBe(0);
  });
});

describe('askBackground', () => {
  it('rejects with the error message, a missing reply or a runtime error', async () => {
    await expect(
      askBackground('x', undefined, fakeRuntime({ err: { message: 'nope' } }).api),
    ).rejects.toThrow('nope');
    await expect(askBackground('x', undefined, fakeRuntime(undefined).api)).rejects.toThrow('No response');
    await expect(
      askBackground('x', undefined, fakeRuntime(undefined, 'Receiving end does not exist').api),
    ).rejects.toThrow('Receiving end');
  });
});

/**
 * The real @webext-core/messaging (what the background uses) on one side, the content scripts' stand-in on
 * the other, joined by a small runtime that delivers messages as Chrome does (listeners answer through
 * sendResponse after returning true). If the stand-in's envelope or replies drift from the library's, these
 * fail.
 */
describe('against the real @webext-core/messaging', () => {
  type Protocol = {
    fillCode(data: { code: string }): { filled: boolean };
    requestAddress(data: { mode: string }): { address: string };
  };
  const ID = 'mayfly-id';
  const original = (globalThis as { chrome?: unknown }).chrome;
  afterEach(() => {
    (globalThis as { chrome?: unknown }).chrome = original;
  });

  function wire() {
    const background: Listener[] = [];
    const content: Listener[] = [];
    const deliver = (to: Listener[], message: unknown, sender: { id?: string; tab?: unknown }) =>
      new Promise<unknown>((resolve) => {
        const open = to.map((l) => l(message, sender, resolve)).some((r) => r === true);
        if (!open) resolve(undefined);
      });
    (globalThis as { chrome?: unknown }).chrome = {
      runtime: {
        id: ID,
        lastError: undefined,
        onMessage: { addListener: (l: Listener) => background.push(l), removeListener: () => undefined },
      },
      tabs: {
        sendMessage: (_tab: number, message: unknown, _opts: unknown, done: (r: unknown) => void) =>
          void deliver(content, message, { id: ID }).then(done),
      },
    };
    const contentApi: RuntimeApi = {
      runtime: {
        id: ID,
        onMessage: { addListener: (l) => content.push(l) },
        sendMessage: (message) => deliver(background, message, { id: ID, tab: { id: 4 } }),
      },
      i18n: { getMessage: (key) => key },
    };
    return { messenger: defineExtensionMessaging<Protocol>(), contentApi };
  }

  it("answers the library's requests and its errors arrive as errors", async () => {
    const { messenger, contentApi } = wire();
    answerBackground(
      {
        fillCode: (data) => {
          if ((data as { code: string }).code === 'bad') throw new Error('No code field here');
          return { filled: true };
        },
      },
      contentApi,
    );
    await expect(messenger.sendMessage('fillCode', { code: '123456' }, 4)).resolves.toEqual({ filled: true });
    await expect(messenger.sendMessage('fillCode', { code: 'bad' }, 4)).rejects.toThrow('No code field here');
  });

  it("reaches the library's listeners and reads their answers and errors", async () => {
    const { messenger, contentApi } = wire();
    messenger.onMessage('requestAddress', ({ data }) => {
      if (data.mode === 'nope') throw new Error('The Mayfly button is not enabled here.');
      return { address: `${data.mode}@lol.test` };
    });
    await expect(askBackground('requestAddress', { mode: 'new' }, contentApi)).resolves.toEqual({
      address: 'new@lol.test',
    });
    await expect(askBackground('requestAddress', { mode: 'nope' }, contentApi)).rejects.toThrow(
      'The Mayfly button is not enabled here.',
    );
  });
});
