import type { Worker } from 'playwright-core';

/** One `notifications.create` call seen inside the service worker. */
export interface NotificationRecord {
  /** Epoch ms of the call. */
  at: number;
  id: string;
  title: string;
  message: string;
}

interface ProbeGlobal {
  mayflyNotificationProbe?: NotificationRecord[];
}

/**
 * Wraps `chrome.notifications.create` in the running service worker so every call is recorded with its
 * time, id, title and message. The extension's polyfill looks the method up on each call, so the wrapper sees
 * every notification. The record lives in worker memory: it is lost if the worker restarts, which
 * {@link readNotificationProbe} reports as an error rather than as "no notifications".
 */
export async function installNotificationProbe(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as ProbeGlobal;
    if (g.mayflyNotificationProbe) return;
    const records: NotificationRecord[] = [];
    g.mayflyNotificationProbe = records;
    type Create = (...args: unknown[]) => unknown;
    const api = chrome.notifications as unknown as { create: Create };
    const original = api.create.bind(chrome.notifications) as Create;
    api.create = (...args: unknown[]) => {
      const at = Date.now();
      const [id, options] = typeof args[0] === 'string' ? [args[0], args[1]] : ['', args[0]];
      const { title = '', message = '' } = (options ?? {}) as { title?: string; message?: string };
      records.push({ at, id: id as string, title, message });
      return original(...args);
    };
  });
}

/** The calls recorded so far; throws when the probe is gone (the worker was restarted). */
export async function readNotificationProbe(worker: Worker): Promise<NotificationRecord[]> {
  const records = await worker.evaluate(
    () => (globalThis as unknown as ProbeGlobal).mayflyNotificationProbe ?? null,
  );
  if (records === null) throw new Error('notification probe missing: the service worker was restarted');
  return records;
}
