import type { CDPSession } from 'playwright-core';
import type { ExtensionSession } from '../../test/e2e/harness';

/**
 * A DevTools session on the extension's service worker, for what Playwright's Worker handle cannot give:
 * the worker's JS heap (`Runtime.getHeapUsage`) and a forced garbage collection. Playwright opens CDP
 * sessions on pages only, so this attaches from the browser session in the non-flattened mode and
 * exchanges messages through `Target.sendMessageToTarget`.
 */
export interface WorkerDevtools {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  detach(): Promise<void>;
}

export interface HeapUsage {
  /** Bytes used by the V8 heap. */
  usedSize: number;
  /** Bytes reserved for it. */
  totalSize: number;
}

export async function attachToServiceWorker(session: ExtensionSession): Promise<WorkerDevtools> {
  const browser = session.context.browser();
  if (!browser) throw new Error('no browser-level CDP session for the persistent context');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(session.extensionId));
  if (!target) throw new Error('the extension has no running service worker');
  const { sessionId } = (await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  })) as { sessionId: string };
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId?: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const msg = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (msg.id === undefined) return;
    const waiter = pending.get(msg.id);
    if (!waiter) return;
    pending.delete(msg.id);
    if (msg.error) waiter.reject(new Error(msg.error.message));
    else waiter.resolve(msg.result);
  });
  return {
    async send<T>(method: string, params: Record<string, unknown> = {}) {
      const id = nextId++;
      const answer = new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      });
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
      return answer;
    },
    async detach() {
      for (const waiter of pending.values()) waiter.reject(new Error('detached'));
      pending.clear();
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}

export function heapUsage(devtools: WorkerDevtools): Promise<HeapUsage> {
  return devtools.send<HeapUsage>('Runtime.getHeapUsage');
}

/** The heap as it is, then after a full garbage collection. */
export async function heapBeforeAndAfterGc(
  devtools: WorkerDevtools,
): Promise<{ used: number; afterGc: number }> {
  const used = (await heapUsage(devtools)).usedSize;
  await devtools.send('HeapProfiler.collectGarbage');
  return { used, afterGc: (await heapUsage(devtools)).usedSize };
}

/** Samples the used heap every `intervalMs` until stopped; returns the highest value seen. */
export function sampleHeapPeak(devtools: WorkerDevtools, intervalMs = 100): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        peak = Math.max(peak, (await heapUsage(devtools)).usedSize);
      } catch {
        // A sample lost while the worker is busy or restarting is skipped.
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}
