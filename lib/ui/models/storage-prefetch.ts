import { FIRST_PAINT_KEYS, inboxKey } from '../../storage/keys';

type LocalKey = `local:${string}`;

/** The browser's own storage API, as the popup's script sees it before the polyfill module has run. */
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
 * Reads what the popup's first paint shows (its state, then the shown mailbox's summaries), started before the
 * rest of the popup's script is evaluated so the reads travel meanwhile (see ../popup-prefetch-start.ts). The
 * shown mailbox is picked as the popup model picks it (the active one, else the first). A key that changes
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

let started: Prefetched | undefined;

type BrowserScope = { browser?: { storage?: RawStorage }; chrome?: { storage?: RawStorage } };

/**
 * Starts the popup's first-paint reads with the browser's own promise API (`browser` in Firefox, `chrome` in
 * Chrome MV3): the polyfill module has not run yet when this is called. Once per page: the reads it started
 * are what `popupPrefetch` hands the popup's storage view.
 */
export function startPopupPrefetch(scope: BrowserScope = globalThis as BrowserScope): void {
  const storage = scope.browser?.storage ?? scope.chrome?.storage;
  if (storage) started = prefetchPopupState(storage);
}

/** The reads `startPopupPrefetch` started, if this page started them (only the popup does). */
export function popupPrefetch(): Prefetched | undefined {
  return started;
}
