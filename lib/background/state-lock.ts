/**
 * Serialises read-modify-write updates of storage items inside the background. Storage calls are async, so
 * two polls finishing together would otherwise both read the old messages and the second write would drop
 * the first one's mail. The background is the single writer, so one in-process queue is enough.
 */
let tail: Promise<unknown> = Promise.resolve();

export function withStateLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn);
  tail = run.catch(() => undefined);
  return run;
}
