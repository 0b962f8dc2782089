import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Mailbox, MessageSummary } from '../../core/types';
import type { IndexedMail } from '../search';

type SearchLib = typeof import('../search');

export interface SearchModelDeps {
  mailboxes: ReadonlySignal<Mailbox[]>;
  /** Every site each mailbox was given to, by mailbox id. */
  sites: ReadonlySignal<Record<string, string[]>>;
  /** Summaries the popup already follows live (the shown mailbox's): searched as they change. */
  live: ReadonlySignal<Record<string, MessageSummary[]>>;
  /** One mailbox's stored summaries (`inbox:<id>`), never a body. */
  readInbox: (mailboxId: string) => Promise<MessageSummary[]>;
}

/**
 * The popup's search box: the query, and results for it. Every mailbox's summaries are read once, the first
 * time the person searches in this popup (nothing at startup); the shown mailbox is searched live. The
 * search code itself (../search) is imported then too, so the popup's first paint does not run it.
 */
export function createSearchModel(deps: SearchModelDeps) {
  const query = signal('');
  const stored = signal<Record<string, IndexedMail[]> | null>(null);
  const lib = signal<SearchLib | null>(null);
  let loading: Promise<void> | undefined;

  /** Reads and folds every mailbox's summaries, once per popup open (on focus or the first keystroke). */
  function prepare(): Promise<void> {
    loading ??= (async () => {
      const list = deps.mailboxes.peek();
      const [mod, inboxes] = await Promise.all([
        import('../search'),
        Promise.all(list.map((mb) => deps.readInbox(mb.id).catch(() => []))),
      ]);
      const out: Record<string, IndexedMail[]> = {};
      list.forEach((mb, i) => (out[mb.id] = mod.indexMail(inboxes[i]!)));
      batch(() => {
        lib.value = mod;
        stored.value = out;
      });
    })();
    return loading;
  }

  const liveIndex = computed(() => {
    const out: Record<string, IndexedMail[]> = {};
    const mod = lib.value;
    if (!mod) return out;
    for (const [id, list] of Object.entries(deps.live.value)) out[id] = mod.indexMail(list);
    return out;
  });
  const active = computed(() => query.value.trim() !== '');
  const results = computed(() =>
    active.value && lib.value
      ? lib.value.searchAll(
          query.value,
          deps.mailboxes.value,
          { ...(stored.value ?? {}), ...liveIndex.value },
          deps.sites.value,
        )
      : null,
  );
  /** False until every mailbox's mail has been read: results so far cover addresses and the shown inbox. */
  const complete = computed(() => stored.value !== null);

  function setQuery(value: string): void {
    query.value = value;
    if (value.trim()) void prepare();
  }

  function clear(): void {
    query.value = '';
  }

  return { query, active, results, complete, prepare, setQuery, clear };
}

export type SearchModel = ReturnType<typeof createSearchModel>;
