/** Latency summary as the benchmark reports it. */
export interface LatencySummary {
  p50_ms: number;
  p95_ms: number;
  n: number;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** p50, p95 and count, rounded to whole milliseconds. */
export function summarizeLatency(values: readonly number[]): LatencySummary {
  return {
    p50_ms: Math.round(percentile(values, 50)),
    p95_ms: Math.round(percentile(values, 95)),
    n: values.length,
  };
}

/** Requests per mailbox-hour from a count over a window shared by `mailboxes` mailboxes. */
export function perMailboxHour(requests: number, mailboxes: number, windowMs: number): number {
  if (mailboxes === 0 || windowMs <= 0) return Number.NaN;
  return Math.round(((requests / mailboxes) * 3_600_000) / windowMs);
}
