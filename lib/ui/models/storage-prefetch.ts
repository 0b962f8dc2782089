import { FIRST_PAINT_KEYS, inboxKey } from '../../storage/keys';

type LocalKey = `local:${string}`;

/** The browser's storage API as a classic script sees it (no polyfill loaded yet). */
export interface RawStorage {
  local: { get(keys: string[]): Promise<Record<string, unknown>> };
  onChanged: {
    addListener(listener: (changes: Record<string, unknown>, areaName: string) => void): void;
  };
}

/** What the popup's storage view asks of a prefetch: a stored value read early, if it is still current. */
export interface Prefetched {
  /** The value read for `key` (null when nothing was stored), once; `miss` when not read or changed since. */
  take(key: LocalKey): Promise<{ value: unknown } | 'miss'>;
}

const raw = (key: LocalKey) => key.slice('local:'.length);

/**
 * Reads what the popup's first paint shows (its state, then the shown mailbox's summaries), started by a
 * classic script in the popup's <head> so the reads travel while the module scripts load. The shown
 * mailbox is picked as the popup model picks it (the active one, else the first). A key that changes
 * after it was read is not handed out: the page reads it again.
 */
export function prefetchPopupState(api: RawStorage): Prefetched {
  const changed = new Set<string>();
  const taken = new Set<string>();
  api.onChanged.addListener((changes, areaName) => {
    if (areaName === 'local') for (const key of Object.keys(changes)) changed.add(key);
  });
  const first = FIRST_PAINT_KEYS.map(raw);
  const snapshot = api.local.get(first).then(async (state) => {
    const asked = new Set(first);
    const mailboxes = Array.isArray(state.mailboxes) ? (state.mailboxes as { id?: unknown }[]) : [];
    const shown = mailboxes.find((m) => m.id === state.activeMailbox) ?? mailboxes[0];
    if (typeof shown?.id === 'string') {
      const key = raw(inboxKey(shown.id));
      Object.assign(state, await api.local.get([key]));
      asked.add(key);
    }
    return { state, asked };
  });
  // A failed early read costs nothing: the page reads as it would without one.
  const settled = snapshot.catch(() => null);

  return {
    async take(key) {
      const result = await settled;
      const name = raw(key);
      if (!result || !result.asked.has(name) || changed.has(name) || taken.has(name)) return 'miss';
      taken.add(name);
      return { value: result.state[name] ?? null };
    },
  };
}

/** Where the classic script leaves the prefetch for the popup's modules. */
export function popupPrefetch(): Prefetched | undefined {
  return (globalThis as { mayflyPrefetch?: Prefetched }).mayflyPrefetch;
}
