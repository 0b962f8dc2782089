import { computed, signal } from '@preact/signals';
import { mailboxesPastRetention } from '../../core/expiry';
import type { MailboxCounts } from '../../core/mail-merge';
import { RETENTION_DAYS, RETENTION_UNDO_MS, type RetentionDays, type Settings } from '../../core/settings';
import type { Mailbox } from '../../core/types';
import { t } from '../i18n';
import { createConfirmModel } from './confirm-model';
import type { ReadableItem, Send } from './deps';

export interface RetentionModelDeps {
  settings: ReadableItem<Settings>;
  mailboxes: ReadableItem<Mailbox[]>;
  counts: ReadableItem<Record<string, MailboxCounts>>;
  send: Send;
  clock?: () => number;
  setTimeout?: (run: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/**
 * Options' "Stored mail": how much mail Mayfly keeps (from the counts the background writes, never the
 * mail itself) and "forget expired mailboxes after 7 / 30 / 90 days / never". A choice that would forget
 * mailboxes now is confirmed first and can be undone for RETENTION_UNDO_MS (the background applies it
 * after that window).
 */
export function createRetentionModel(deps: RetentionModelDeps) {
  const clock = deps.clock ?? Date.now;
  const later = deps.setTimeout ?? ((run, ms) => setTimeout(run, ms));
  const cancelLater = deps.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const settings = signal<Settings | null>(null);
  const mailboxes = signal<Mailbox[]>([]);
  const counts = signal<Record<string, MailboxCounts>>({});
  const confirmation = createConfirmModel();
  /** The last choice that forgets mailboxes, while it can still be undone. */
  const undoable = signal<{ previous: RetentionDays; forgetting: number } | null>(null);
  const error = signal<unknown>(null);
  let undoTimer: unknown;

  const days = computed<RetentionDays>(() => settings.value?.forgetExpiredAfterDays ?? 0);
  const usage = computed(() => {
    let messages = 0;
    let size = 0;
    for (const mb of mailboxes.value) {
      const c = counts.value[mb.id];
      messages += c?.total ?? 0;
      size += c?.size ?? 0;
    }
    return { mailboxes: mailboxes.value.length, messages, size };
  });

  async function load(): Promise<() => void> {
    const [s, m, c] = await Promise.all([
      deps.settings.getValue(),
      deps.mailboxes.getValue(),
      deps.counts.getValue(),
    ]);
    settings.value = s;
    mailboxes.value = m;
    counts.value = c;
    const stops = [
      deps.settings.watch((v) => (settings.value = v)),
      deps.mailboxes.watch((v) => (mailboxes.value = v)),
      deps.counts.watch((v) => (counts.value = v)),
    ];
    return () => stops.forEach((stop) => stop());
  }

  async function save(next: RetentionDays): Promise<void> {
    const current = settings.value;
    if (!current) return;
    error.value = null;
    try {
      settings.value = await deps.send('saveSettings', {
        settings: { ...current, forgetExpiredAfterDays: next },
      });
    } catch (e) {
      error.value = e;
      throw e;
    }
  }

  /** The person picked a choice: asks first when it forgets mailboxes now, then offers Undo. */
  function choose(next: RetentionDays): void {
    if (!RETENTION_DAYS.includes(next) || next === days.value) return;
    const previous = days.value;
    const gone = mailboxesPastRetention(mailboxes.value, next, clock());
    if (gone.length === 0) {
      void save(next).catch(() => undefined);
      return;
    }
    const messages = gone.reduce((n, mb) => n + (counts.value[mb.id]?.total ?? 0), 0);
    confirmation.ask({
      title: t('optionsForgetTitle'),
      body: t('optionsForgetBody', [String(gone.length), String(messages)]),
      confirmLabel: t('optionsForgetConfirm'),
      run: async () => {
        await save(next);
        cancelLater(undoTimer);
        undoable.value = { previous, forgetting: gone.length };
        undoTimer = later(() => (undoable.value = null), RETENTION_UNDO_MS);
      },
    });
  }

  async function undo(): Promise<void> {
    const pending = undoable.value;
    if (!pending) return;
    cancelLater(undoTimer);
    undoable.value = null;
    await save(pending.previous).catch(() => undefined);
  }

  return { days, usage, confirmation, undoable, error, load, choose, undo };
}

export type RetentionModel = ReturnType<typeof createRetentionModel>;
