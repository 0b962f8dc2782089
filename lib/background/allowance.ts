import { storage } from 'wxt/utils/storage';
import { withStateLock } from './state-lock';

/**
 * "At most once per interval per key" limits (a new address per site from the in-field button, one
 * "Try another domain" offer per mailbox), kept in storage.session: a worker restart does not reset them,
 * and the browser forgets them when it closes.
 */
export function createAllowance(name: string, intervalMs: number, now: () => number = Date.now) {
  const key = `session:allowance:${name}` as const;
  return {
    /** True, and noted, when `id`'s allowance is free again; false while it is used up. */
    take(id: string): Promise<boolean> {
      return withStateLock(async () => {
        const at = (await storage.getItem<Record<string, number>>(key)) ?? {};
        const last = at[id];
        const t = now();
        if (last !== undefined && t - last < intervalMs) return false;
        // Entries past their interval are dropped, so the record stays as small as what is limited now.
        const kept = Object.fromEntries(Object.entries(at).filter(([, v]) => t - v < intervalMs));
        await storage.setItem(key, { ...kept, [id]: t });
        return true;
      });
    },
  };
}
