import { describe, expect, it } from 'vitest';
import { answerBackground, askBackground, type RuntimeApi } from '../../../lib/content/runtime-channel';

type Listener = Parameters<RuntimeApi['runtime']['onMessage']['addListener']>[0];

/** A stand-in for `chrome.runtime` that records listeners and lets a test play the other side. */
function fakeRuntime(reply?: unknown, lastError?: string) {
  const listeners: Listener[] = [];
  const sent: unknown[] = [];
  const api: RuntimeApi = {
    runtime: {
      id: 'mayfly-id',
      lastError: null,
      onMessage: { addListener: (l) => listeners.push(l) },
      sendMessage(message, callback) {
        sent.push(message);
        api.runtime.lastError = lastError ? { message: lastError } : null;
        callback(reply);
        api.runtime.lastError = null;
      },
    },
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
  it('answers a request in the @webext-core/messaging wire format', async () => {
    const { api, deliver } = fakeRuntime();
    answerBackground({ fillCode: (data) => ({ echoed: data }) }, api);
    await expect(deliver(request('fillCode', { code: '123456' }), fromBackground)).resolves.toEqual({
      res: { echoed: { code: '123456' } },
    });
  });

  it('replies { err: { message } } when the handler throws or rejects', async () => {
    const { api, deliver } = fakeRuntime();
    answerBackground(
      {
        boom: () => {
          throw new Error('broken');
        },
        later: () => Promise.reject(new Error('refused')),
      },
      api,
    );
    await expect(deliver(request('boom'), fromBackground)).resolves.toEqual({ err: { message: 'broken' } });
    await expect(deliver(request('later'), fromBackground)).resolves.toEqual({ err: { message: 'refused' } });
  });

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
  it('sends { id, type, data, timestamp } and resolves with res', async () => {
    const { api, sent } = fakeRuntime({ res: { address: 'a@b.test' } });
    await expect(askBackground('requestAddress', { mode: 'new' }, api)).resolves.toEqual({
      address: 'a@b.test',
    });
    expect(sent[0]).toMatchObject({ type: 'requestAddress', data: { mode: 'new' } });
    expect(typeof (sent[0] as { id: unknown }).id).toBe('number');
    expect(typeof (sent[0] as { timestamp: unknown }).timestamp).toBe('number');
  });

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
