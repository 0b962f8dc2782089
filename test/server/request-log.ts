import type { ApiName, RequestCounts, RequestLogEntry } from './types';

/** Request log and counters, kept so tests and benchmarks can see exactly what a client sent. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private counts: RequestCounts = emptyCounts();

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
    this.counts.apis[entry.api]++;
    if (entry.mailbox) this.counts.mailboxes[entry.mailbox] = (this.counts.mailboxes[entry.mailbox] ?? 0) + 1;
  }

  /** Entries with `t >= since` (all when since is omitted), oldest first. */
  list(since?: number): RequestLogEntry[] {
    return since === undefined ? [...this.entries] : this.entries.filter((e) => e.t >= since);
  }

  totals(): RequestCounts {
    return { apis: { ...this.counts.apis }, mailboxes: { ...this.counts.mailboxes } };
  }

  reset(): void {
    this.entries = [];
    this.counts = emptyCounts();
  }
}

function emptyCounts(): RequestCounts {
  const apis: Record<ApiName, number> = {
    tempmailg: 0,
    selfhosted: 0,
    'tempmail-lol': 0,
    mailtm: 0,
    mailgw: 0,
  };
  return { apis, mailboxes: {} };
}
